// Module worker: boots Pyodide from the site's own copy, unpacks the checker archive, then answers each
// request with checker.web.respond (a question about one document or about a history). Booting here keeps the
// page responsive while the wasm compiles.
let respond = null; // checker.web.respond, once Python is ready

// Returns how Python was started: "snapshot" (a returning visitor: from the memory snapshot this device made
// after an earlier visit, snapshot-worker.js) or "fresh".
async function boot({ indexURL, stdLibURL, lockFile, archiveURL, snapshotURL }) {
  // The runtime's files are all asked for now, at once: on a slow link, the round trips before loadPyodide runs
  // would otherwise come before its largest downloads. loadPyodide imports the same module, and reports a failure.
  downloadNow([new URL("pyodide.asm.wasm", indexURL).href, stdLibURL]);
  import(new URL("pyodide.asm.mjs", indexURL).href).catch(() => {});
  const memory = import("./memory.js");
  const archive = fetch(archiveURL).then((response) => {
    if (!response.ok) throw new Error(`${archiveURL}: HTTP ${response.status}`);
    return response.arrayBuffer();
  });
  archive.catch(() => {}); // reported below, once Pyodide itself has loaded (or not)
  const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
  const { CHECKER_DIR, expandRuns, startOptions } = await memory;
  const options = startOptions({ indexURL, stdLibURL, lockFile });
  const stored = await storedSnapshot(snapshotURL);
  if (stored) {
    try {
      // Read while the wasm downloads and compiles: loadPyodide waits for it only once the module is ready.
      const snapshot = stored.arrayBuffer().then(expandRuns);
      const pyodide = await start(loadPyodide, { ...options, _loadSnapshot: snapshot });
      // Pyodide keeps its options: let the 31 MB memory image go, now that it is in Python's memory.
      if (pyodide._api?.config) pyodide._api.config._loadSnapshot = null;
      await prepare(pyodide, await archive, CHECKER_DIR);
      return "snapshot";
    } catch (error) {
      console.warn("calculator: the stored Python snapshot did not load; starting Python afresh:", error);
      forgetSnapshot(snapshotURL); // not to try it again on every visit
    }
  }
  await prepare(await start(loadPyodide, options), await archive, CHECKER_DIR);
  return "fresh";
}

// Start downloading `urls` now; loadPyodide's own fetch() of one of them (Pyodide 314 fetches its wasm and the
// standard library by address) then gets that response instead of asking again.
function downloadNow(urls) {
  const started = new Map(urls.map((url) => [url, fetch(url)]));
  for (const response of started.values()) response.catch(() => {}); // loadPyodide reports it
  const fetchLater = self.fetch;
  self.fetch = (resource, options) => {
    const url = resource instanceof Request ? resource.url : String(resource);
    const response = started.get(url);
    started.delete(url);
    return response ?? fetchLater(resource, options);
  };
}

// The snapshot (a Response), if this browser keeps one: made on this device after a first visit, so that a first
// visit never waits for it. Never fetched from the network.
async function storedSnapshot(url) {
  try {
    return (url && self.caches && (await caches.match(url))) || null;
  } catch {
    return null; // storage unavailable (private mode, say): start afresh
  }
}

async function forgetSnapshot(url) {
  try {
    for (const name of await caches.keys()) await (await caches.open(name)).delete(url);
  } catch {
    // nothing stored, or no storage: nothing to forget
  }
}

async function start(loadPyodide, options) {
  const wasm = watchWasmFailure();
  try {
    return await Promise.race([loadPyodide(options), wasm.failed]);
  } finally {
    wasm.stop();
  }
}

// Unpack the checker and read the rules now, not on the first question. From a snapshot, the checker's modules
// are imported already (the build did it); the archive still brings the rules and the sources for tracebacks.
// Every returning visitor restores the same memory: `random` is seeded again, from this device.
async function prepare(pyodide, archive, checkerDir) {
  pyodide.unpackArchive(archive, "zip", { extractDir: checkerDir });
  pyodide.runPython(`
import sys
if ${JSON.stringify(checkerDir)} not in sys.path:
    sys.path.insert(0, ${JSON.stringify(checkerDir)})
if "random" in sys.modules:
    sys.modules["random"].seed()
from checker.data import load_measures
load_measures()
`);
  respond = pyodide.pyimport("checker.web").respond;
}

// Pyodide 314 only logs a failed download or compile of its .wasm, and loadPyodide() then never settles:
// turn that log line into an error, so the page can say the calculator cannot run.
function watchWasmFailure() {
  const warn = console.warn;
  let fail;
  const failed = new Promise((_, reject) => (fail = reject));
  console.warn = (...args) => {
    warn.apply(console, args);
    if (args[0] === "wasm instantiation failed!") fail(new Error("pyodide.asm.wasm could not be downloaded or compiled"));
  };
  return { failed, stop: () => (console.warn = warn) };
}

self.addEventListener("message", async ({ data }) => {
  if (data.type === "boot") {
    try {
      const started = await boot(data);
      self.postMessage({ type: "ready", started });
    } catch (error) {
      self.postMessage({ type: "failed", detail: String(error) });
    }
  } else if (data.type === "ask") {
    try {
      // The request as JSON: checker.web.respond reads it (a document's question, or a history's).
      const { type, id, ...request } = data;
      const text = respond(JSON.stringify(request));
      self.postMessage({ type: "answer", id: data.id, result: JSON.parse(text) });
    } catch (error) {
      self.postMessage({ type: "answer", id: data.id, detail: String(error) });
    }
  }
});
