// Python's memory snapshot as the browser stores it: the whole wasm memory (31 MB), two thirds of it zeros, kept as
// its runs of 4 KiB pages that hold something. Layout, little-endian uint32: the memory's length, the number of
// runs, each run's offset and length, then the runs' bytes in order. Shared by the snapshot maker
// (snapshot-worker.js, on the visitor's device), the calculator's worker (worker.js, which expands it) and the
// build's check that a snapshot restores (generator/runtime_build/compile.mjs, in Node).

// Where the checker's archive is unpacked, in the worker and in the snapshot: the same path in both.
export const CHECKER_DIR = "/home/pyodide/calculator";

// How every Pyodide of the calculator is started (worker.js, snapshot-worker.js, compile.mjs): a snapshot restores
// only into a Pyodide started the same way. The build's standard library (only the modules the calculator imports,
// as bytecode); the lock file given, not fetched: the checker loads no package.
export function startOptions({ indexURL, stdLibURL, lockFile }) {
  return { indexURL, stdLibURL, lockFileContents: lockFile, packages: [] };
}

export function nonZeroRuns(memory) {
  const PAGE = 4096;
  const words = new Uint32Array(memory.buffer, memory.byteOffset, memory.byteLength >>> 2);
  const runs = [];
  for (let start = 0; start < memory.length; start += PAGE) {
    let used = false;
    for (let word = start >>> 2, end = Math.min(start + PAGE, memory.length) >>> 2; word < end && !used; word++) {
      used = words[word] !== 0;
    }
    if (!used) continue;
    const length = Math.min(PAGE, memory.length - start);
    const last = runs[runs.length - 1];
    if (last && last.offset + last.length === start) last.length += length;
    else runs.push({ offset: start, length });
  }
  const header = 8 + 8 * runs.length;
  const kept = new Uint8Array(header + runs.reduce((sum, run) => sum + run.length, 0));
  const view = new DataView(kept.buffer);
  view.setUint32(0, memory.length, true);
  view.setUint32(4, runs.length, true);
  let position = header;
  runs.forEach(({ offset, length }, index) => {
    view.setUint32(8 + 8 * index, offset, true);
    view.setUint32(12 + 8 * index, length, true);
    kept.set(memory.subarray(offset, offset + length), position);
    position += length;
  });
  return kept;
}

// The whole memory again, for Pyodide.
export function expandRuns(buffer) {
  const view = new DataView(buffer);
  const memory = new Uint8Array(view.getUint32(0, true));
  const runs = view.getUint32(4, true);
  let position = 8 + 8 * runs;
  for (let index = 0; index < runs; index++) {
    const offset = view.getUint32(8 + 8 * index, true);
    const length = view.getUint32(12 + 8 * index, true);
    memory.set(new Uint8Array(buffer, position, length), offset);
    position += length;
  }
  if (position !== buffer.byteLength) throw new Error("the stored snapshot is not whole");
  return memory;
}

// The Python the snapshot holds: the checker's modules imported (the rules are read after a restore).
export const SNAPSHOT_PYTHON = `
import gc, sys
sys.path.insert(0, ${JSON.stringify(CHECKER_DIR)})
import checker.data, checker.web
gc.collect()
`;
