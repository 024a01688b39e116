// Shared by profile.mjs and check.mjs (Node, at build time): a Pyodide started as the calculator's worker starts it,
// prepared as the worker prepares it (worker.js: the checker unpacked, the rules read, `random` seeded again), then
// asked workload.py's questions.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const memory = await import(pathToFileURL(path.join(here, "..", "..", "docs", "assets", "calculator", "memory.js")).href);
const workload = await readFile(path.join(here, "workload.py"));

// loadPyodide from `runtimeDir`, with the page's options (memory.js startOptions) and `extra` ones, as a browser
// starts it: Emscripten's loader takes Node's command line as the program's name and arguments (a browser has none:
// Python then looks for its current directory), and LANG from the browser's language (navigator.language, "fr-FR"
// gives fr_FR.UTF-8; Node 20 has no navigator: C.UTF-8). Each takes its own path through the interpreter's start.
export async function start(runtimeDir, { stdlib, lockFile }, extra = {}, language = "fr-FR") {
  const { loadPyodide } = await import(pathToFileURL(path.join(path.resolve(runtimeDir), "pyodide.mjs")).href);
  const output = [];
  const options = memory.startOptions({ indexURL: path.resolve(runtimeDir) + path.sep, stdLibURL: path.resolve(stdlib),
                                        lockFile: await readFile(lockFile, "utf8") });
  const env = { LANG: `${language.replace("-", "_")}.UTF-8`, ...extra.env };
  const commandLine = process.argv.splice(1);
  try {
    const pyodide = await loadPyodide({ ...options, stdout: (line) => output.push(line),
                                        stderr: (line) => output.push(line), ...extra, env });
    pyodide.output = output;
    return pyodide;
  } finally {
    process.argv.push(...commandLine);
  }
}

// A snapshot of a Pyodide started for it, as snapshot-worker.js makes one (its non-zero runs), expanded again as
// worker.js expands it.
export async function snapshot(runtimeDir, files, archive, extra = {}, language = undefined) {
  const maker = await start(runtimeDir, files, { ...extra, _makeSnapshot: true }, language);
  maker.unpackArchive(archive, "zip", { extractDir: memory.CHECKER_DIR });
  maker.runPython(memory.SNAPSHOT_PYTHON);
  const kept = memory.nonZeroRuns(maker.makeMemorySnapshot());
  return memory.expandRuns(kept.buffer.slice(kept.byteOffset, kept.byteOffset + kept.byteLength));
}

// The answers (their JSON texts, or the error a request raised), after the worker's preparation, each asked as the
// worker asks it: checker.web.respond imported with pyimport and called from JavaScript with the request's JSON.
export function answer(pyodide, archive) {
  const dir = JSON.stringify(memory.CHECKER_DIR);
  pyodide.unpackArchive(archive, "zip", { extractDir: memory.CHECKER_DIR });
  pyodide.FS.writeFile("/tmp/workload.py", workload);
  pyodide.runPython(`
import sys
if ${dir} not in sys.path:
    sys.path.insert(0, ${dir})
if "random" in sys.modules:
    sys.modules["random"].seed()
from checker.data import load_measures
load_measures()
`);
  const respond = pyodide.pyimport("checker.web").respond;
  const requests = JSON.parse(pyodide.runPython(`
import json, sys
sys.path.insert(0, "/tmp")
import workload
json.dumps(workload.requests(${dir}))
`));
  return requests.map((request) => {
    try {
      const text = respond(JSON.stringify(request));
      JSON.parse(text);
      return text;
    } catch (error) {
      return String(error);
    }
  });
}
