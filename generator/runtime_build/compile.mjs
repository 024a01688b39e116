// Build step, run by generator/runtime.py with Node: boots the pinned Pyodide (node_modules/pyodide) the way
// the calculator's worker does, lets in_pyodide.py trace which standard-library modules the calculator imports,
// and writes what Pyodide's own Python 3.14 compiled (the host has no 3.14, and bytecode is tied to the minor
// version):
//   <out>/python_stdlib.zip   the traced standard-library modules as .pyc only, plus the fallback sitecustomize
//   <out>/checker-pyc.zip     checker/__pycache__/*.cpython-3XX.pyc, to add to the checker archive
//   <out>/python_snapshot.gz  a memory snapshot of a second, clean Pyodide started as the worker starts it, with
//                             that library and the checker's modules imported (the rules not read), its runs of
//                             non-zero pages only. Not published: the visitor's device makes its own
//                             (snapshot-worker.js) the same way (memory.js); this one is the build's proof
//                             that such a snapshot is made and restores (tests/perf/test_runtime_build.py)
//   <out>/manifest.json       what was kept, for the build log and the tests
// Usage: node compile.mjs <pyodide dir> <checker archive (.py sources + rules.json)> <out dir> <lock file the page passes>
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [pyodideDir, checkerArchive, outDir, pageLockFile] = process.argv.slice(2);
if (!pageLockFile) {
  console.error("usage: node compile.mjs <pyodide dir> <checker archive> <out dir> <lock file>");
  process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const { CHECKER_DIR, SNAPSHOT_PYTHON, nonZeroRuns, startOptions } = await import(
  pathToFileURL(path.join(here, "..", "..", "docs", "assets", "calculator", "memory.js")).href);
const { loadPyodide } = await import(pathToFileURL(path.join(path.resolve(pyodideDir), "pyodide.mjs")).href);

// Nothing printed by Python reaches the build log unless something goes wrong.
const output = [];
const pyodide = await loadPyodide({
  indexURL: path.resolve(pyodideDir) + path.sep,
  stdout: (line) => output.push(line),
  stderr: (line) => output.push(line),
  // The bytecode this Python compiles (the standard library's and the checker's) keeps each instruction's line, not
  // its columns (`python -X no_debug_ranges`): a traceback still names every line, without the ^^^ under the
  // expression. Columns are a quarter of the trimmed library once compressed (776 KB with brotli, 582 without).
  env: { PYTHONNODEBUGRANGES: "1" },
});
try {
  // The worker's own steps (docs/assets/calculator/worker.js), so the trace sees the modules they import.
  pyodide.unpackArchive(new Uint8Array(await readFile(checkerArchive)), "zip", { extractDir: CHECKER_DIR });
  for (const name of ["in_pyodide.py", "imports_probed.py", "workload.py", "reproducible_zip.py", "fallback_sitecustomize.py"]) {
    pyodide.FS.writeFile(`/tmp/${name}`, await readFile(path.join(here, name)));
  }
  const manifest = JSON.parse(pyodide.runPython(`
import sys
sys.path.insert(0, "/tmp")
import in_pyodide
in_pyodide.main(${JSON.stringify(CHECKER_DIR)}, "/tmp/out", "/tmp/fallback_sitecustomize.py")
`));
  await mkdir(outDir, { recursive: true });
  for (const name of ["python_stdlib.zip", "checker-pyc.zip"]) {
    await writeFile(path.join(outDir, name), pyodide.FS.readFile(`/tmp/out/${name}`));
  }
  const snapshot = await makeSnapshot(path.join(outDir, "python_stdlib.zip"), path.join(outDir, "checker-pyc.zip"));
  const kept = nonZeroRuns(snapshot);
  await writeFile(path.join(outDir, "python_snapshot.gz"), gzipSync(kept, { level: 9 }));
  manifest.snapshot_bytes = snapshot.length;
  manifest.snapshot_kept_bytes = kept.length;
  await writeFile(path.join(outDir, "manifest.json"), JSON.stringify(manifest, null, 1) + "\n");
} catch (error) {
  console.error(output.join("\n"));
  console.error(error);
  process.exit(1);
}

// The state the worker reaches before it reads the rules: Pyodide started with the trimmed library and the lock file
// the page passes, the checker (sources and bytecode) unpacked where the worker unpacks it and its modules imported.
// Pyodide's memory snapshot is a private API (`_makeSnapshot`); it refuses to load into another build of the
// runtime, and the worker then starts Python the usual way.
async function makeSnapshot(stdlibFile, checkerBytecode) {
  const clean = await loadPyodide({
    ...startOptions({
      indexURL: path.resolve(pyodideDir) + path.sep,
      stdLibURL: path.resolve(stdlibFile),
      lockFile: await readFile(pageLockFile, "utf8"),
    }),
    _makeSnapshot: true,
  });
  for (const archive of [checkerArchive, checkerBytecode]) {
    clean.unpackArchive(new Uint8Array(await readFile(archive)), "zip", { extractDir: CHECKER_DIR });
  }
  clean.runPython(SNAPSHOT_PYTHON);
  return clean.makeMemorySnapshot();
}
