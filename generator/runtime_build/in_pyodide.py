"""Runs inside Pyodide at build time (compile.mjs): exercises the checker as the page does, keeps the standard
library modules that were imported, and compiles them and the checker with this very Python."""
from __future__ import annotations

import importlib.util
import json
import marshal
import sys
import types
import zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

from imports_probed import module_name, probed_only  # these three beside this file, in Pyodide's /tmp (compile.mjs)
from reproducible_zip import zip_bytes
from workload import exercise

STDLIB_ZIP = f"/lib/python{sys.version_info[0]}{sys.version_info[1]}.zip"


def imported_stdlib_members() -> set[str]:
    """Zip member names (json/decoder.py) of every module imported from the standard library zip so far."""
    members = set()
    for module in list(sys.modules.values()):
        origin = getattr(getattr(module, "__spec__", None), "origin", None) or ""
        if origin.startswith(STDLIB_ZIP + "/"):
            members.add(origin[len(STDLIB_ZIP) + 1:])
    return members


def pyc(source: bytes, filename: str, optimize: int = 0) -> bytes:
    """Unchecked hash-based bytecode: valid whatever the file times, and never compared with a source. `optimize`
    as compile's (2: without docstrings and asserts, as `python -OO` compiles)."""
    code = compile(source, filename, "exec", dont_inherit=True, optimize=optimize)
    return bytes(_code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False))


def stdlib_optimize(member: str) -> int:
    """The standard library without its docstrings and asserts (a tenth of the download): nothing the calculator
    runs reads a standard-library docstring. Pyodide's own packages keep theirs: its start-up gives them to the
    JavaScript API's methods."""
    return 0 if member.startswith(("_pyodide/", "pyodide/")) else 2


def source_positions(pyc_file: bytes) -> dict[str, bool]:
    """Whether a .pyc's instructions carry their line, and their columns (all its code objects, nested ones too)."""
    codes, positions = [marshal.loads(pyc_file[16:])], []
    while codes:
        code = codes.pop()
        positions += code.co_positions()
        codes += [const for const in code.co_consts if isinstance(const, types.CodeType)]
    return {"lines": any(line is not None for line, *_ in positions),
            "columns": any(column is not None for _, _, column, _ in positions)}


def write_zip(path: str, members: dict[str, bytes], stored: bool = False) -> None:
    with open(path, "wb") as file:
        file.write(zip_bytes(members, stored))


def main(checker_dir: str, out_dir: str, fallback_source: str) -> str:
    import os

    answers = exercise(checker_dir)
    kept = imported_stdlib_members()
    with zipfile.ZipFile(STDLIB_ZIP) as full:
        sources = {name: full.read(name) for name in full.namelist() if name.endswith(".py")}
    probed = probed_only(kept, sources)
    kept -= probed
    # Not the probed ones: the fallback would download the full library at every start to answer a probe.
    left_out = sorted(module_name(name) for name in sources if name not in kept and name not in probed)

    # A module that is not imported here but is one day after all (a rare code path) is fetched from the full
    # standard library instead of failing: sitecustomize, which Python's `site` imports at start-up.
    with open(fallback_source, "rb") as file:
        fallback = file.read().replace(b"LEFT_OUT = frozenset()", f"LEFT_OUT = frozenset({left_out!r})".encode())
    members = {name[: -len(".py")] + ".pyc": pyc(sources[name], f"{STDLIB_ZIP}/{name}", stdlib_optimize(name))
               for name in sorted(kept)}
    members["sitecustomize.pyc"] = pyc(fallback, f"{STDLIB_ZIP}/sitecustomize.py")

    os.makedirs(out_dir, exist_ok=True)
    # Stored: the build sends it brotli- or gzip-compressed as a whole (generator/precompress.py).
    write_zip(f"{out_dir}/python_stdlib.zip", members, stored=True)

    # The checker's bytecode goes beside its sources, where CPython looks for it (__pycache__/x.<cache tag>.pyc).
    tag = sys.implementation.cache_tag
    checker = {}
    for name in sorted(os.listdir(f"{checker_dir}/checker")):
        if name.endswith(".py"):
            with open(f"{checker_dir}/checker/{name}", "rb") as file:
                checker[f"checker/__pycache__/{name[:-3]}.{tag}.pyc"] = pyc(file.read(), f"{checker_dir}/checker/{name}")
    write_zip(f"{out_dir}/checker-pyc.zip", checker)

    positions = {name: source_positions(data) for name, data in {**members, **checker}.items()}
    return json.dumps({
        "python": sys.version.split()[0],
        "cache_tag": tag,
        "answers_traced": answers,
        "stdlib_modules_kept": sorted(module_name(name) for name in kept),
        "stdlib_modules_left_out": len(left_out),
        "stdlib_modules_probed_only": sorted(module_name(name) for name in probed),
        "checker_modules": sorted(checker),
        # What the page's bytecode says of where each instruction is in its source: its line (for tracebacks), not
        # its columns (compile.mjs starts this Python with PYTHONNODEBUGRANGES)
        "bytecode_without_lines": sorted(name for name, found in positions.items() if not found["lines"]),
        "bytecode_with_columns": sorted(name for name, found in positions.items() if found["columns"]),
    })
