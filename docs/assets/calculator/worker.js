// Module worker: boots Pyodide from the site's own copy, unpacks the checker archive, then answers each
// request with checker.web.answer_json. Booting here keeps the page responsive while the wasm compiles.

const CHECKER_DIR = "/home/pyodide/calculator";
let answerJson = null;

async function boot({ indexURL, stdLibURL, lockFile, archiveURL }) {
  const archive = fetch(archiveURL).then((response) => {
    if (!response.ok) throw new Error(`${archiveURL}: HTTP ${response.status}`);
    return response.arrayBuffer();
  });
  archive.catch(() => {}); // reported below, once Pyodide itself has loaded (or not)
  const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
  const wasm = watchWasmFailure();
  let pyodide;
  try {
    // The build's standard library: only the modules the calculator imports, already compiled to bytecode.
    // The lock file is given, not fetched: the checker loads no package.
    const options = { indexURL, stdLibURL, lockFileContents: lockFile, packages: [] };
    pyodide = await Promise.race([loadPyodide(options), wasm.failed]);
  } finally {
    wasm.stop();
  }
  pyodide.unpackArchive(await archive, "zip", { extractDir: CHECKER_DIR });
  // Read the rules now, not on the first question.
  pyodide.runPython(`
import sys
sys.path.insert(0, ${JSON.stringify(CHECKER_DIR)})
from checker.data import load_measures
load_measures()
`);
  answerJson = pyodide.pyimport("checker.web").answer_json;
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
      await boot(data);
      self.postMessage({ type: "ready" });
    } catch (error) {
      self.postMessage({ type: "failed", detail: String(error) });
    }
  } else if (data.type === "ask") {
    try {
      // Strings only: Pyodide turns JS null into jsnull, not None; "" means "not given" to the checker.
      const text = answerJson(String(data.document), String(data.expiry), String(data.on ?? ""), String(data.lang));
      self.postMessage({ type: "answer", id: data.id, result: JSON.parse(text) });
    } catch (error) {
      self.postMessage({ type: "answer", id: data.id, detail: String(error) });
    }
  }
});
