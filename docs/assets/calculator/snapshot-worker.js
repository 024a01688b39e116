// Makes Python's memory snapshot on the visitor's own device, so that a returning visitor's Python is restored
// rather than started, and nobody downloads one. python.js starts this worker once, in the background, after a
// first answer while the device is idle: a second, clean Pyodide from the files the page has just loaded (from the
// browser's caches), the checker imported, its memory kept (its non-zero runs) in Cache Storage under the
// runtime's own name, where worker.js looks for it. Pyodide's snapshot API is private (`_makeSnapshot`): if it
// fails, nothing is stored and the calculator starts Python the usual way.
import { CHECKER_DIR, SNAPSHOT_PYTHON, nonZeroRuns, startOptions } from "./memory.js";

self.addEventListener("message", async ({ data }) => {
  const { indexURL, stdLibURL, lockFile, archiveURL, snapshotURL, cacheName } = data;
  try {
    const archive = fetch(archiveURL).then((response) => response.arrayBuffer());
    archive.catch(() => {}); // reported below, once awaited
    const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
    const clean = await loadPyodide({ ...startOptions({ indexURL, stdLibURL, lockFile }), _makeSnapshot: true });
    clean.unpackArchive(await archive, "zip", { extractDir: CHECKER_DIR });
    clean.runPython(SNAPSHOT_PYTHON);
    const kept = nonZeroRuns(clean.makeMemorySnapshot());
    const cache = await caches.open(cacheName);
    for (const request of await cache.keys()) await cache.delete(request); // another runtime's: of no use now
    await cache.put(snapshotURL, new Response(kept, { headers: { "Content-Type": "application/octet-stream" } }));
    self.postMessage({ type: "stored", bytes: kept.length });
  } catch (error) {
    self.postMessage({ type: "failed", detail: String(error) });
  }
});
