// Build step, run by cut.py with Node: records which of the wasm's functions run when the calculator runs, on a
// copy of the runtime instrumented by `wasm-split --instrument`. Each run writes one profile (the instrumented
// module's __write_profile export), for `wasm-split --merge-profiles`:
//   fresh-<seed>.prof     Pyodide started and prepared as the worker does it, then every question of workload.py
//                         (each document at every window boundary, every language, input errors, histories and
//                         their printable summaries)
//   restored-<seed>.prof  the same after a restore from a memory snapshot made as snapshot-worker.js makes it
// Python's string hashing is seeded with the seed given (a visitor's is random: cut.py runs a few seeds, one Node
// process each, at once, to cover the paths a set's or a dict's order can take), so the same inputs give the same
// profiles; the browser language given is what navigator.language says (the page's language does not come from it).
// Usage: node profile.mjs <instrumented runtime dir> <stdlib zip> <checker archive> <lock file> <out dir> <seed> <language>
import { readFile, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { answer, snapshot, start } from "./workload.mjs";

const [runtimeDir, stdlib, checkerArchive, lockFile, outDir, seed, language, ...rest] = process.argv.slice(2);
if (!language || rest.length) {
  console.error("usage: node profile.mjs <runtime dir> <stdlib zip> <checker archive> <lock file> <out dir> <seed> <language>");
  process.exit(2);
}
const files = { stdlib, lockFile };
const archive = new Uint8Array(await readFile(checkerArchive));
await mkdir(outDir, { recursive: true });

let current = null;
try {
  const env = { PYTHONHASHSEED: seed };
  current = await start(runtimeDir, files, { env }, language);
  await record(current, `fresh-${seed}.prof`);
  const memory = await snapshot(runtimeDir, files, archive, { env }, language);
  current = await start(runtimeDir, files, { env, _loadSnapshot: memory }, language);
  await record(current, `restored-${seed}.prof`);
} catch (error) {
  console.error((current?.output ?? []).slice(-40).join("\n"));
  console.error(error);
  process.exit(1);
}

// The workload, then the profile: written by the instrumented module into its own memory, copied out.
async function record(pyodide, name) {
  answer(pyodide, archive);
  const module = pyodide._module;
  const write = module.sejourSecondary.exports.__write_profile;
  const size = write(0, 0);
  const at = module._malloc(size);
  write(at, size);
  await writeFile(path.join(outDir, name), module.HEAPU8.slice(at, at + size));
}
