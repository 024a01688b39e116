"""What the build makes for the calculator's Python: bytecode from Pyodide's own interpreter, compiled once
and then taken from the cache; and the benchmark's generated content is valid content."""
from __future__ import annotations

import gzip
import hashlib
import io
import json
import re
import struct
import zipfile
from dataclasses import replace

import pytest

from generator import runtime
from generator.checker_data import RULES_FILE
from tests.catalogue import load_project_content
from generator.qr_library import QrLibrary
from generator.runtime import RUNTIME_DIR, CalculatorRuntime, checker_archive, compile_python

from ..browser.widget import runtime_settings
from ..conftest import ROOT, run_mkdocs_build
from ..site.project_copy import copy_project

PYODIDE = ROOT / "node_modules" / "pyodide"
PYODIDE_PYTHON = json.loads((PYODIDE / "pyodide-lock.json").read_text(encoding="utf-8"))["info"]["python"]
CACHE_TAG = "cpython-" + "".join(PYODIDE_PYTHON.split(".")[:2])  # 3.14.2 -> cpython-314
UNCHECKED_HASH_PYC = 0b01  # PEP 552 flags: hash-based, not checked against a source


def pyc_header(data: bytes) -> tuple[bytes, int]:
    return data[:4], int.from_bytes(data[4:8], "little")


@pytest.fixture(scope="module")
def compiled():
    return compile_python(PYODIDE, checker_archive(RULES_FILE.read_text(encoding="utf-8")))


def test_the_standard_library_is_bytecode_of_pyodides_python_only(compiled):
    members = zipfile.ZipFile(io.BytesIO(compiled.stdlib)).namelist()
    assert members and all(name.endswith(".pyc") for name in members)
    headers = {pyc_header(zipfile.ZipFile(io.BytesIO(compiled.stdlib)).read(name)) for name in members}
    assert len(headers) == 1  # one interpreter compiled them all
    magic, flags = headers.pop()
    assert magic.endswith(b"\r\n") and flags == UNCHECKED_HASH_PYC
    assert compiled.manifest["python"] == PYODIDE_PYTHON
    # What the page needs, and not what it never imports.
    kept = set(compiled.manifest["stdlib_modules_kept"])
    assert {"json", "datetime", "dataclasses", "importlib.resources", "_pyodide", "pyodide.ffi"} <= kept
    assert not kept & {"unittest", "email", "http.client", "tkinter", "xml.dom.minidom", "statistics"}
    assert "sitecustomize.pyc" in members  # the fallback to the full library


def test_the_pages_bytecode_keeps_each_line_for_tracebacks_and_no_columns(compiled):
    """A traceback from the page's Python still names the line of every frame, in the standard library and in the
    checker; the columns (the ^^^ under an expression) are left out: a quarter of the library's download."""
    assert compiled.manifest["bytecode_without_lines"] == []
    assert compiled.manifest["bytecode_with_columns"] == []
    assert len(compiled.manifest["stdlib_modules_kept"]) > 100 and compiled.manifest["checker_modules"]


def test_the_checker_archive_carries_its_bytecode_beside_its_sources(built_site, compiled):
    archive = next((built_site / RUNTIME_DIR).glob("checker-*.zip"))
    names = zipfile.ZipFile(archive).namelist()
    sources = sorted(name for name in names if re.fullmatch(r"checker/[a-z_]+\.py", name))
    assert sources and sorted(compiled.checker_bytecode) == [
        f"checker/__pycache__/{name[len('checker/'):-len('.py')]}.{CACHE_TAG}.pyc" for name in sources]
    for name in compiled.checker_bytecode:
        assert name in names
        assert pyc_header(zipfile.ZipFile(archive).read(name))[1] == UNCHECKED_HASH_PYC


def test_a_second_build_takes_the_compiled_python_from_the_cache(compiled, monkeypatch):
    def no_node(*args, **kwargs):
        raise AssertionError("Node was run again for the same inputs")

    monkeypatch.setattr(runtime, "_run_compiler", no_node)
    again = compile_python(PYODIDE, b"not used when cached")
    assert again.stdlib == compiled.stdlib and again.checker_bytecode == compiled.checker_bytecode
    assert again.snapshot_file.read_bytes() == compiled.snapshot_file.read_bytes()
    assert (again.loader, again.wasm, again.secondary_name, again.secondary) == (
        compiled.loader, compiled.wasm, compiled.secondary_name, compiled.secondary)


def test_a_change_to_the_checkers_code_makes_the_runtime_and_its_profile_again(compiled, monkeypatch, tmp_path):
    """The cut runtime's profile is recorded with the checker's code: a cached one is never used for other code."""
    changed = tmp_path / "checker"
    changed.mkdir()
    for source in runtime.CHECKER_DIR.glob("*.py"):
        (changed / source.name).write_bytes(source.read_bytes())
    with (changed / "engine.py").open("a", encoding="utf-8") as file:
        file.write("\n# a change to the checker's code\n")

    def compile_again(*args):
        raise RuntimeError("compiled and cut again")

    monkeypatch.setattr(runtime, "CHECKER_DIR", changed)
    monkeypatch.setattr(runtime, "_run_compiler", compile_again)
    with pytest.raises(RuntimeError, match="compiled and cut again"):
        compile_python(PYODIDE, b"")


def test_the_cut_runtime_answers_as_the_stock_one_without_its_second_part(compiled):
    """What the build checked (runtime_build/check.mjs, under Node) before keeping the cut runtime: every answer of
    its workload the same as the stock runtime's, started afresh and restored from a snapshot, and by a visitor's
    Python (random hash seed); none loaded the second part; a call into it (unicodedata) loaded it and worked."""
    cut = compiled.manifest["cut"]
    check = cut["check"]
    assert check["answers"] > 1000
    assert check["fresh"] == {"digest": check["digest"], "secondary_loads": 0}
    assert check["restored"] == {"digest": check["digest"], "secondary_loads": 0}
    assert check["visitor"] == {"secondary_loads": 0}
    assert check["forced"] == {"answer": "LATIN SMALL LETTER E WITH ACUTE", "secondary_loads": 1}
    assert cut["functions"]["first part"] < cut["functions"]["second part"]
    assert cut["secondary"] == compiled.secondary_name
    assert compiled.secondary_name == f"pyodide.asm.secondary-{hashlib.sha256(compiled.secondary).hexdigest()[:12]}.wasm"


def test_another_binaryen_stops_the_build_with_what_to_install(tmp_path, monkeypatch):
    from generator.runtime_build import cut

    fake = tmp_path / "wasm-opt"
    fake.write_text("#!/bin/sh\necho 'wasm-opt version 116 (version_116)'\n")
    fake.chmod(0o755)
    monkeypatch.setattr(cut.shutil, "which", lambda name: str(fake))
    with pytest.raises(cut.CutError, match="not 108"):
        cut.binaryen_tool("wasm-opt")
    monkeypatch.setattr(cut.shutil, "which", lambda name: None)
    with pytest.raises(cut.CutError, match="make system"):
        cut.binaryen_tool("wasm-split")


def test_the_snapshot_key_names_the_runtime_it_restores_into():
    """Pyodide restores a snapshot into any wasm of its own version: the device's key must change with the wasm and
    its loader, so that a snapshot made with an earlier cut (or the stock wasm) is never restored."""
    base = CalculatorRuntime(pyodide_source=PYODIDE, archive_name="checker-a.zip", archive=b"", stdlib_name="s.zip",
                             stdlib=b"", lock_file="{}", loader=b"loader", wasm=b"wasm", secondary_name="b.wasm",
                             secondary=b"", qr_library=QrLibrary("q.mjs", b""))
    keys = {runtime_variant.stored_snapshot_path for runtime_variant in (
        base, replace(base, wasm=b"another wasm"), replace(base, loader=b"another loader"),
        replace(base, secondary_name="c.wasm"), replace(base, archive_name="checker-b.zip"))}
    assert len(keys) == 5
    assert replace(base, secondary=b"not named by this").stored_snapshot_path == base.stored_snapshot_path


def test_the_wasm_reader_rewrites_only_what_it_is_asked_to():
    from generator.runtime_build.wasm_module import exports, sections, with_custom_section, with_exports

    stock = (PYODIDE / "pyodide.asm.wasm").read_bytes()
    assert with_exports(stock, exports(stock)) == stock
    named = with_custom_section(stock, "a.name", b"payload")
    assert named[: len(stock)] == stock
    assert sections(named)[-1] == (0, b"\x06a.namepayload")


def expanded(kept: bytes) -> bytes:
    """The whole memory again from the snapshot's non-zero runs (the layout compile.mjs writes, worker.js reads)."""
    length, runs = struct.unpack_from("<II", kept)
    memory, position = bytearray(length), 8 + 8 * runs
    for index in range(runs):
        offset, size = struct.unpack_from("<II", kept, 8 + 8 * index)
        memory[offset: offset + size] = kept[position: position + size]
        position += size
    assert position == len(kept)
    return bytes(memory)


def test_the_python_snapshot_is_pyodides_memory_image_without_its_zeros(compiled):
    kept = gzip.decompress(compiled.snapshot_file.read_bytes())
    assert len(kept) == compiled.manifest["snapshot_kept_bytes"]
    memory = expanded(kept)
    assert len(memory) == compiled.manifest["snapshot_bytes"] and len(kept) < len(memory) / 2
    # makeMemorySnapshot's header: the magic number, then the JSON of the JS-side state it must rebuild.
    header_length = int.from_bytes(memory[4:8], "little")
    state = json.loads(memory[48: 48 + int.from_bytes(memory[8:12], "little")].decode("utf-8"))
    assert set(state) == {"hiwireKeys", "immortalKeys"} and header_length % 16 == 0


def test_the_page_is_given_an_empty_lock_file_with_pyodides_abi(built_site):
    html = (built_site / "calculateur" / "index.html").read_text(encoding="utf-8")
    lock_file = json.loads(runtime_settings(html)["lockFile"])
    info = json.loads((PYODIDE / "pyodide-lock.json").read_text(encoding="utf-8"))["info"]
    assert lock_file == {"info": info, "packages": {}}


@pytest.mark.build
def test_the_benchmarks_generated_procedures_build_and_the_log_gives_the_pdfs_time(tmp_path):
    from bench.scaling import generate_procedures, pdf_seconds

    project = copy_project(tmp_path / "project")
    generate_procedures(project, 12)
    content = load_project_content(project)
    assert len(content.procedures) == 12
    assert len({procedure["slug"] for procedure in content.procedures}) == 12
    result = run_mkdocs_build(tmp_path / "site", config=project / "mkdocs.yml", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "en" / "procedures" / f"{content.procedures[-1]['slug']}" / "index.html").is_file()
    assert 0 < pdf_seconds(result.stderr) < 60


def test_a_module_imported_only_to_see_whether_it_is_there_is_left_out():
    """shutil asks for bz2 in a try that catches ImportError, and ssl's own imports come with it: neither is kept; a
    module imported outright, or by nothing the trace saw (Python's start imports it), stays."""
    from generator.runtime_build.imports_probed import probed_only

    sources = {
        "shutil.py": b"import os\ntry:\n    import bz2\nexcept ImportError:\n    bz2 = None\n",
        "bz2.py": b"from compression._common import _streams\n",
        "compression/__init__.py": b"",
        "compression/_common/__init__.py": b"",
        "compression/_common/_streams.py": b"import io\n",
        "asyncio/sslproto.py": b"try:\n    import ssl\nexcept (ImportError, AttributeError):\n    ssl = None\nfrom . import base_events\n",
        "asyncio/__init__.py": b"from .sslproto import *\n",
        "asyncio/base_events.py": b"import io\n",
        "ssl.py": b"import base64\nimport io\n",
        "base64.py": b"",
        "io.py": b"",
        "os.py": b"try:\n    import io\nexcept ImportError:\n    pass\n",
        "site.py": b"import os\n",
    }
    probed = probed_only(set(sources), sources)
    assert probed == {"bz2.py", "compression/__init__.py", "compression/_common/__init__.py",
                      "compression/_common/_streams.py", "ssl.py", "base64.py"}
