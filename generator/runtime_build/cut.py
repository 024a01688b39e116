"""The calculator's Pyodide cut to what the calculator runs, without recompiling it (run by generator/runtime.py on
the host, with Debian's binaryen and Node):

1. the wasm's exports that no JavaScript of Pyodide names are dropped (a MAIN_MODULE exports every symbol for
   side modules, and the calculator loads none), then binaryen's remove-unused-module-elements removes the code
   only they kept alive;
2. wasm-split instruments a copy, profile.mjs runs it as the page does (boot, the checker's answers, a restore
   from a memory snapshot), and wasm-split puts every function that ran in a first part, the rest in a second
   part that pyodide.asm.mjs loads only if one of them is ever called (loader_patch.py);
3. check.mjs runs the result: its answers must be the stock runtime's, with and without a snapshot, without
   loading the second part; and a call into the second part must work.

The same inputs give the same bytes: binaryen is pinned (Debian's package, version checked), the profile is
recorded with fixed hash seeds, and every step is deterministic. generator/runtime.py keeps the result in a cache
named by the hash of its inputs."""
from __future__ import annotations

import contextlib
import hashlib
import json
import re
import shutil
import subprocess
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .exports_named import kept_exports
from .loader_patch import SECONDARY_SECTION, patched_loader
from .wasm_module import exports, function_count, imports, table_count, with_custom_section, with_exports

HERE = Path(__file__).resolve().parent
# Debian 12's binaryen (apt-get install binaryen; `make system`): wasm-split is in no npm package of binaryen.
BINARYEN_VERSION = "108"
# The wasm features Pyodide 314's module uses (binaryen must be told; --all-features makes a module V8 refuses).
FEATURES = ["--enable-bulk-memory", "--enable-mutable-globals", "--enable-sign-ext",
            "--enable-nontrapping-float-to-int", "--enable-exception-handling", "--enable-reference-types"]
# Python's string-hash seeds the profile is recorded with, each with the browser language (navigator.language) its run
# reports: the visitor's seed is random, and the order of a set or a dict of strings can take another path through
# the interpreter. More seeds, more of those paths in the first part. Each seed is one Node process; they run at once.
PROFILE_RUNS = (("0", "fr-FR"), ("1", "en-US"), ("2", "ar"))
SECONDARY_NAME = "pyodide.asm.secondary-{digest}.wasm"


class CutError(RuntimeError):
    pass


@dataclass(frozen=True)
class CutRuntime:
    loader: bytes  # pyodide.asm.mjs, patched
    primary: bytes  # pyodide.asm.wasm: what the profile saw run, naming its second part
    secondary_name: str
    secondary: bytes
    manifest: dict


def binaryen_tool(name: str) -> str:
    tool = shutil.which(name)
    if tool is None:
        raise CutError(f"{name} is missing: the calculator's runtime is cut with Debian's binaryen "
                       f"{BINARYEN_VERSION} (run `make system`, or apt-get install binaryen)")
    version = subprocess.run([tool, "--version"], capture_output=True, text=True).stdout.split()
    if BINARYEN_VERSION not in version:
        raise CutError(f"{tool} is binaryen {' '.join(version[2:]) or '?'}, not {BINARYEN_VERSION}: the cut runtime "
                       f"is made with the version generator/runtime_build/cut.py pins (Debian 12: binaryen 108-1)")
    return tool


def _run(command: list[str], what: str, timeout: int = 600) -> None:
    _run_together([command], what, timeout)


def _run_together(commands: list[list[str]], what: str, timeout: int = 600) -> None:
    """Runs the commands at the same time, each its own process writing to a file of its own (a pipe left unread
    while another process is waited for could fill and stop it); the first that failed is reported."""
    with contextlib.ExitStack() as files:
        logs = [files.enter_context(tempfile.TemporaryFile("w+", encoding="utf-8")) for _ in commands]
        running = [subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, text=True)
                   for command, log in zip(commands, logs)]
        deadline = time.monotonic() + timeout
        try:
            for process in running:
                process.wait(timeout=max(0.0, deadline - time.monotonic()))
        finally:
            for process in running:
                if process.poll() is None:
                    process.kill()
                    process.wait()
        for command, process, log in zip(commands, running, logs):
            if process.returncode != 0:
                log.seek(0)
                raise CutError(f"{what} failed ({' '.join(command[:2])} …):\n{log.read()[-4000:]}")


def cut_runtime(pyodide: Path, stdlib: Path, checker: Path, lock_file: Path, work: Path, node: str) -> CutRuntime:
    """`stdlib`, `checker`, `lock_file`: the trimmed standard library, the checker's archive (sources, bytecode and
    rules) and the lock file the page passes; `work`: an empty folder for the steps' files."""
    wasm_opt, wasm_split = binaryen_tool("wasm-opt"), binaryen_tool("wasm-split")
    stock = (pyodide / "pyodide.asm.wasm").read_bytes()
    loader_source = (pyodide / "pyodide.asm.mjs").read_text(encoding="utf-8")

    # 1. Exports no JavaScript names (Pyodide's own Python code counted: it reaches the module through `js` too).
    exported = exports(stock)
    kept = kept_exports(stock, exported, loader_source, [(pyodide / "pyodide.mjs").read_text(encoding="utf-8"),
                                                        *_pyodide_python_sources(pyodide / "python_stdlib.zip")])
    (work / "named.wasm").write_bytes(with_exports(stock, kept))
    _run([wasm_opt, *FEATURES, "--remove-unused-module-elements", str(work / "named.wasm"), "-o",
          str(work / "small.wasm")], "wasm-opt --remove-unused-module-elements")

    # 2. The profile, on an instrumented copy run by the patched loader.
    _run([wasm_split, "--instrument", *FEATURES, str(work / "small.wasm"), "-o", str(work / "instrumented.wasm")],
         "wasm-split --instrument")
    loader = patched_loader(loader_source)
    instrumented = _runtime_dir(work / "instrumented", pyodide, loader, (work / "instrumented.wasm").read_bytes())
    _run_together([[node, str(HERE / "profile.mjs"), str(instrumented), str(stdlib), str(checker), str(lock_file),
                    str(work / "profiles"), seed, language] for seed, language in PROFILE_RUNS],
                  "recording the runtime's profile (profile.mjs)")
    profiles = sorted(str(path) for path in (work / "profiles").glob("*.prof"))
    _run([wasm_split, "--merge-profiles", *profiles, "-o", str(work / "profile")], "wasm-split --merge-profiles")
    _run([wasm_split, "--split", *FEATURES, str(work / "small.wasm"), f"--profile={work / 'profile'}",
          "--export-prefix=%", "-o1", str(work / "primary.wasm"), "-o2", str(work / "secondary.wasm")],
         "wasm-split --split")
    secondary = (work / "secondary.wasm").read_bytes()
    primary = _tables_exported_right((work / "primary.wasm").read_bytes(), secondary)
    secondary_name = SECONDARY_NAME.format(digest=hashlib.sha256(secondary).hexdigest()[:12])
    primary = with_custom_section(primary, SECONDARY_SECTION, secondary_name.encode())

    # 3. The check, on the files as they will be published, beside the stock runtime.
    final = _runtime_dir(work / "final", pyodide, loader, primary)
    (final / secondary_name).write_bytes(secondary)
    report = work / "check.json"
    _run([node, str(HERE / "check.mjs"), str(pyodide), str(final), str(stdlib), str(checker), str(lock_file),
          str(report)], "checking the cut runtime against the stock one (check.mjs)")
    checked = json.loads(report.read_text(encoding="utf-8"))

    manifest = {
        "binaryen": BINARYEN_VERSION,
        "exports": {"stock": len(exported), "kept": len(kept)},
        "functions": {"first part": function_count(primary), "second part": function_count(secondary)},
        "profile_seeds": [seed for seed, _ in PROFILE_RUNS],
        "bytes": {"stock": len(stock), "first part": len(primary), "second part": len(secondary)},
        "check": checked,
    }
    return CutRuntime(loader.encode("utf-8"), primary, secondary_name, secondary, manifest)


def _runtime_dir(target: Path, pyodide: Path, loader: str, wasm: bytes) -> Path:
    """A Pyodide folder Node can load: the stock pyodide.mjs beside the patched loader and a given wasm."""
    target.mkdir(parents=True)
    shutil.copyfile(pyodide / "pyodide.mjs", target / "pyodide.mjs")
    (target / "pyodide.asm.mjs").write_text(loader, encoding="utf-8")
    (target / "pyodide.asm.wasm").write_bytes(wasm)
    return target


def _pyodide_python_sources(stdlib_zip: Path) -> list[str]:
    with zipfile.ZipFile(stdlib_zip) as library:
        return [library.read(name).decode("utf-8") for name in sorted(library.namelist())
                if re.match(r"_?pyodide/.*\.py$", name)]


def _tables_exported_right(primary: bytes, secondary: bytes) -> bytes:
    """wasm-split 108 exports each further table the second part imports ("%table", "%table_0") as table 0, the
    function table, whatever the table: each is pointed at the primary's next table that no other export names,
    in order, as wasm-split made them (the second part's imports in the primary's order)."""
    exported = exports(primary)
    wanted = [name for module, name, kind in imports(secondary) if kind == "table" and name.startswith("%")]
    named = {export.index for export in exported if export.kind == "table" and export.name not in wanted}
    unnamed = [index for index in range(table_count(primary)) if index not in named]
    if len(unnamed) != len(wanted):
        raise CutError(f"the second part imports tables {wanted}, the first has {len(unnamed)} to give")
    place = dict(zip(wanted, unnamed))
    return with_exports(primary, [export if export.name not in place else type(export)(export.name, "table",
                                                                                       place[export.name])
                                  for export in exported])
