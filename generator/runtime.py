"""Puts the calculator's Python into the built site: the pinned Pyodide core cut to what the calculator runs (its
wasm in two parts, the second loaded only if ever needed: runtime_build/cut.py), a trimmed and precompiled
standard library, and the checker as a zip archive with its bytecode."""
from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

import checker
from checker.data import RULES_FILE, rules_json
from checker.history import MAX_ITEMS, MAX_SPAN_YEARS
from checker.inputs import DATE_PARTS
from checker.saved import MAX_FILE_CHARACTERS
from checker.web import QUERY_NAMES

from .pinned import check_package_files
from .qr_library import QrLibrary, prepare_qr_library
from .runtime_build.cut import CutError, cut_runtime
from .runtime_build.reproducible_zip import zip_bytes

log = logging.getLogger("mkdocs.plugins.residence")

# Served once, at the root of the whole site: every language's pages point here (template `root_link`).
RUNTIME_DIR = "pyodide"
# The core runtime as published (no packages, not even micropip), checked against its hashes, from which the site's
# runtime is made. The page loads pyodide.mjs as it is, and the build's own pyodide.asm.mjs and pyodide.asm.wasm
# (CUT_FILES: the cut runtime, under the same names); the stock python_stdlib.zip is fetched only if a module left
# out of the trimmed one is imported after all, and pyodide-lock.json not at all (the worker passes an empty lock
# file: the checker needs no package).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
CUT_FILES = ("pyodide.asm.mjs", "pyodide.asm.wasm")
PUBLISHED_AS_IS = tuple(name for name in PYODIDE_FILES if name not in CUT_FILES)
CHECKER_DIR = Path(checker.__file__).resolve().parent
COMPILER_DIR = Path(__file__).resolve().parent / "runtime_build"
# The SHA-256 of each of PYODIDE_FILES as the pinned package publishes them, and its version.
PYODIDE_HASHES = COMPILER_DIR / "pyodide-files.sha256"
# The snapshot's layout and the Python it holds, shared by compile.mjs (Node) and the browser's workers.
SNAPSHOT_FORMAT = Path(__file__).resolve().parents[1] / "docs" / "assets" / "calculator" / "memory.js"
# The Cache Storage cache the visitor's device keeps its snapshot in: not the service worker's (named "sejour-…"
# and replaced by each build), as it outlives a build whose runtime did not change.
SNAPSHOT_CACHE = "calculator-python-snapshot"
# How long a page waits for Python to start before it gives up and says what to try. The first visit downloads
# about 3 MB: two minutes leave room for a connection of about 300 kbit/s, while a download that has stalled (a
# lost connection, a host that never answers) ends with advice instead of a wait without end.
PATIENCE_SECONDS = 120
# How long the history page keeps the address of a file it handed to the browser to save (a saved history, a
# calendar reminder) before it lets the memory go: the download has its own copy once it has started.
SAVED_FILE_ADDRESS_SECONDS = 60
# After a first answer, the page makes Python's snapshot when the device is idle, or after this many seconds at
# most; in a browser that cannot say when it is idle (no requestIdleCallback), after the second figure.
SNAPSHOT_IDLE_SECONDS = {"atMost": 10, "withoutIdleCallback": 2}


@dataclass(frozen=True)
class CompiledPython:
    """What Pyodide's own Python compiled at build time (runtime_build/compile.mjs)."""

    stdlib: bytes  # the trimmed standard library, bytecode only
    checker_bytecode: dict[str, bytes]  # checker/__pycache__/<module>.cpython-3XX.pyc -> bytes
    # gzip of Pyodide's memory (its non-zero runs) once started with that library and the checker: the proof that
    # a snapshot is made and restores (tests/perf), read only by those tests (the site publishes none)
    snapshot_file: Path
    manifest: dict
    loader: bytes  # pyodide.asm.mjs, taught to load the wasm's second part (runtime_build/loader_patch.py)
    wasm: bytes  # pyodide.asm.wasm: the functions the calculator was seen to run, naming its second part
    secondary_name: str  # pyodide.asm.secondary-<hash>.wasm
    secondary: bytes  # the rest of the functions, fetched on the first call of one of them


@dataclass(frozen=True)
class CalculatorRuntime:
    """What the page needs to run the checker: where Pyodide comes from, the standard library, the checker."""

    pyodide_source: Path  # node_modules/pyodide
    archive_name: str  # checker-<hash>.zip
    archive: bytes
    stdlib_name: str  # python_stdlib-<hash>.zip
    stdlib: bytes
    lock_file: str  # the lock file the worker hands to loadPyodide, instead of fetching pyodide-lock.json
    loader: bytes  # the cut runtime (CompiledPython)
    wasm: bytes
    secondary_name: str
    secondary: bytes
    qr_library: QrLibrary  # drawn with only when a summary is printed, kept offline with the rest

    @property
    def archive_path(self) -> str:
        return f"{RUNTIME_DIR}/{self.archive_name}"

    @property
    def stdlib_path(self) -> str:
        return f"{RUNTIME_DIR}/{self.stdlib_name}"

    @property
    def secondary_path(self) -> str:
        return f"{RUNTIME_DIR}/{self.secondary_name}"

    @property
    def runtime_digest(self) -> str:
        """The hash of the wasm and its loader: the cut runtime changes with the checker's code, under the same
        names (pyodide.asm.*)."""
        return _digest(b"\0".join((self.loader, self.wasm, self.secondary_name.encode())))

    @property
    def stored_snapshot_path(self) -> str:
        """The key the visitor's device keeps its own snapshot of Python's memory under (snapshot-worker.js), in
        Cache Storage only: no such file is served. Named by what the memory holds and what it is restored into
        (the runtime's wasm and loader, the standard library, the checker), so that a snapshot is never restored
        into another runtime: Pyodide itself would take a snapshot of the same Pyodide version's stock or
        differently cut wasm, whose functions are not at the same places."""
        identity = "\0".join((self.runtime_digest, self.lock_file, self.stdlib_name, self.archive_name)).encode()
        return f"{RUNTIME_DIR}/python_snapshot-{_digest(identity)}.bin"

    def files(self) -> list[str]:
        """The runtime files the calculator page loads, from the site root, and the wasm's second part, which it
        loads only if a function the profile never saw run is called, and the QR code library, which it loads
        only when a summary is printed (both kept offline all the same)."""
        return [f"{RUNTIME_DIR}/pyodide.mjs", *self.early_downloads(), self.secondary_path, self.qr_library.path]

    def early_downloads(self) -> list[str]:
        """What Python needs before it can start, from the site root, for the page's <head> to ask for at once
        (overrides/main.html): otherwise nothing is asked for before the worker's script has arrived and run. The
        worker then gets each from the browser's HTTP cache (revalidated, for a file not named by its content)."""
        return [f"{RUNTIME_DIR}/pyodide.asm.mjs", f"{RUNTIME_DIR}/pyodide.asm.wasm", self.stdlib_path,
                self.archive_path]

    def template_context(self) -> dict[str, str]:
        """Paths from the site root, for the page templates to turn into links with `root_link`."""
        return {"pyodide_index": f"{RUNTIME_DIR}/", "checker_archive": self.archive_path,
                "early_downloads": self.early_downloads(),
                "stdlib_archive": self.stdlib_path, "stored_snapshot": self.stored_snapshot_path,
                "snapshot_cache": SNAPSHOT_CACHE, "patience_seconds": PATIENCE_SECONDS,
                "saved_file_address_seconds": SAVED_FILE_ADDRESS_SECONDS, "snapshot_idle_seconds": SNAPSHOT_IDLE_SECONDS,
                # What the page's scripts and forms must agree on with the checker, from the checker itself.
                # The history's permalink names its parameters as checker.web reads and writes them.
                "page_contract": {"maxItems": MAX_ITEMS, "maxSpanYears": MAX_SPAN_YEARS, "dateParts": list(DATE_PARTS),
                                  "query": QUERY_NAMES, "maxFileCharacters": MAX_FILE_CHARACTERS},
                "pyodide_lock_file": self.lock_file, "qr_code": self.qr_library.settings()}


def prepare_runtime(project_dir: Path, measures: dict) -> CalculatorRuntime:
    """At config time: find Pyodide, compile the Python, build the archives, so pages can name them before
    anything is written."""
    source = project_dir / "node_modules" / "pyodide"
    missing = [name for name in PYODIDE_FILES if not (source / name).is_file()]
    if missing:
        raise PluginError(
            f"the Pyodide runtime is missing from {source} ({', '.join(missing)}): "
            "run `make setup` (npm ci installs the pinned pyodide package)"
        )
    check_pyodide(source)
    qr_library = prepare_qr_library(project_dir)
    rules_text = rules_json(measures)
    compiled = compile_python(source, checker_archive(rules_text))
    archive = checker_archive(rules_text, bytecode=compiled.checker_bytecode)
    return CalculatorRuntime(
        loader=compiled.loader,
        wasm=compiled.wasm,
        secondary_name=compiled.secondary_name,
        secondary=compiled.secondary,
        pyodide_source=source,
        archive_name=f"checker-{_digest(archive)}.zip",
        archive=archive,
        stdlib_name=f"python_stdlib-{_digest(compiled.stdlib)}.zip",
        stdlib=compiled.stdlib,
        lock_file=empty_lock_file(source),
        qr_library=qr_library,
    )


def checker_archive(rules_text: str, checker_dir: Path = CHECKER_DIR, bytecode: dict[str, bytes] | None = None) -> bytes:
    """checker/*.py and the rules file as a zip that `pyodide.unpackArchive` turns back into the package.

    The rules are passed in (the text write_rules puts in the checker's rules file) so the archive matches
    the content of this very build, whatever the file on disk says. `bytecode` (checker/__pycache__/*.pyc,
    compiled by Pyodide's Python) spares the browser compiling the sources; they stay for tracebacks. Its members
    are stored, not deflated: the host's brotli, over the whole file, then sends 111 KB instead of 154 KB."""
    members = {f"checker/{path.name}": path.read_bytes() for path in sorted(checker_dir.glob("*.py"))}
    members[f"checker/{RULES_FILE}"] = rules_text.encode("utf-8")
    members.update(bytecode or {})
    return _checker_zip(members)


def _checker_zip(members: dict[str, bytes]) -> bytes:
    """The checker's archive as the page and the runtime's profile both get it: members stored, not deflated."""
    return zip_bytes(members, stored=True)


def empty_lock_file(pyodide_source: Path) -> str:
    """pyodide-lock.json without its packages: loadPyodide checks only the ABI in `info`, and the checker loads
    no package, so the page need not download the 120 KB list."""
    info = json.loads((pyodide_source / "pyodide-lock.json").read_text(encoding="utf-8"))["info"]
    return json.dumps({"info": info, "packages": {}}, separators=(",", ":"), sort_keys=True)


def compile_python(pyodide_source: Path, source_archive: bytes) -> CompiledPython:
    """Run runtime_build/compile.mjs in Node, then cut the runtime (runtime_build/cut.py), once per set of inputs:
    the result is kept in node_modules/.cache/, named by a hash of everything it depends on (Pyodide, the checker's
    code, the scripts, binaryen's version, which cut.py names, and this file, which makes the archives the profile
    runs with). The rules do not count: they are data, read at run time, that import nothing and take the same
    paths through the interpreter; the profile is recorded with the rules of the build that made it, and a build
    that changes only content takes the cut runtime from the cache (a run of the whole cut takes one to two
    minutes)."""
    inputs = hashlib.sha256()
    for path in [*(pyodide_source / name for name in PYODIDE_FILES), *sorted(COMPILER_DIR.glob("*.*")),
                 *sorted(CHECKER_DIR.glob("*.py")), SNAPSHOT_FORMAT, Path(__file__)]:
        inputs.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    cache = pyodide_source.parent / ".cache" / "sejour-calculator" / inputs.hexdigest()[:16]
    if not _complete(cache):
        _run_compiler(pyodide_source, source_archive, cache)
    with zipfile.ZipFile(cache / "checker-pyc.zip") as bytecode:
        checker_bytecode = {name: bytecode.read(name) for name in bytecode.namelist()}
    manifest = json.loads((cache / "manifest.json").read_text(encoding="utf-8"))
    secondary_name = manifest["cut"]["secondary"]
    return CompiledPython((cache / "python_stdlib.zip").read_bytes(), checker_bytecode,
                          cache / "python_snapshot.gz", manifest, (cache / "pyodide.asm.mjs").read_bytes(),
                          (cache / "pyodide.asm.wasm").read_bytes(), secondary_name,
                          (cache / secondary_name).read_bytes())


def _run_compiler(pyodide_source: Path, source_archive: bytes, cache: Path) -> None:
    node = shutil.which("node")
    if node is None:
        raise PluginError("Node.js (20) is needed to compile the calculator's Python with Pyodide: "
                          "install it (Debian: apt-get install nodejs), then run `make setup`")
    cache.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache.parent) as work:
        archive = Path(work) / "checker-source.zip"
        archive.write_bytes(source_archive)
        lock_file = Path(work) / "lock.json"  # the very text the page passes (the snapshot is made with it)
        lock_file.write_text(empty_lock_file(pyodide_source), encoding="utf-8")
        out = Path(work) / "out"
        result = subprocess.run([node, str(COMPILER_DIR / "compile.mjs"), str(pyodide_source), str(archive), str(out),
                                 str(lock_file)], capture_output=True, text=True, timeout=300)
        if result.returncode != 0:
            raise PluginError(f"compiling the calculator's Python with Pyodide failed:\n{result.stderr[-4000:]}")
        _cut_into(out, pyodide_source, source_archive, lock_file, Path(work), node)
        if cache.exists() and not _complete(cache):  # left by a build of an older version of this step
            shutil.rmtree(cache, ignore_errors=True)
        try:
            os.rename(out, cache)  # atomic: a build running beside this one sees all of it or nothing
        except OSError:
            if not _complete(cache):
                raise
    manifest = json.loads((cache / "manifest.json").read_text(encoding="utf-8"))
    log.info(f"compiled the calculator's Python {manifest['python']} with Pyodide: "
             f"{len(manifest['stdlib_modules_kept'])} standard-library modules kept, "
             f"{manifest['stdlib_modules_left_out']} left out; its wasm cut to "
             f"{manifest['cut']['functions']['first part']} functions, "
             f"{manifest['cut']['functions']['second part']} more in a second part loaded if ever called")


def _complete(cache: Path) -> bool:
    """Whether `cache` holds a whole result: its manifest, written last, names the cut runtime."""
    try:
        return "cut" in json.loads((cache / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False


def _cut_into(out: Path, pyodide_source: Path, source_archive: bytes, lock_file: Path, work: Path, node: str) -> None:
    """The cut runtime (runtime_build/cut.py), profiled with the trimmed library and the checker as the page has
    them, written into `out` beside what compile.mjs wrote, and named in its manifest."""
    with zipfile.ZipFile(out / "checker-pyc.zip") as bytecode:
        members = {name: bytecode.read(name) for name in bytecode.namelist()}
    with zipfile.ZipFile(io.BytesIO(source_archive)) as sources:
        members.update({name: sources.read(name) for name in sources.namelist()})
    checker = work / "checker.zip"
    checker.write_bytes(_checker_zip(members))
    (work / "cut").mkdir()
    try:
        cut = cut_runtime(pyodide_source, out / "python_stdlib.zip", checker, lock_file, work / "cut", node)
    except CutError as error:
        raise PluginError(f"cutting the calculator's Pyodide failed: {error}") from error
    (out / "pyodide.asm.mjs").write_bytes(cut.loader)
    (out / "pyodide.asm.wasm").write_bytes(cut.primary)
    (out / cut.secondary_name).write_bytes(cut.secondary)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    manifest["cut"] = {**cut.manifest, "secondary": cut.secondary_name}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")


def check_pyodide(source: Path, hashes: Path = PYODIDE_HASHES) -> None:
    """Stop the build unless node_modules/pyodide holds the version and the bytes the hash list names."""
    check_package_files(source, hashes, PYODIDE_FILES, "pyodide")


def install_runtime(runtime: CalculatorRuntime, site_dir: str | Path) -> None:
    """After the build: copy Pyodide, write the cut runtime and the archives into <site_dir>/pyodide/, and the QR
    code library into its place."""
    target = Path(site_dir) / RUNTIME_DIR
    target.mkdir(parents=True, exist_ok=True)
    for name in PUBLISHED_AS_IS:
        shutil.copyfile(runtime.pyodide_source / name, target / name)
    (target / "pyodide.asm.mjs").write_bytes(runtime.loader)
    (target / "pyodide.asm.wasm").write_bytes(runtime.wasm)
    (target / runtime.secondary_name).write_bytes(runtime.secondary)
    (target / runtime.archive_name).write_bytes(runtime.archive)
    (target / runtime.stdlib_name).write_bytes(runtime.stdlib)
    runtime.qr_library.install(site_dir)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]
