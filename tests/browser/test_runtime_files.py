"""What the build puts in the site for the calculator: Pyodide once at the root, and the checker archive."""
from __future__ import annotations

import hashlib
import io
import re
import zipfile

import pytest

from checker.data import RULES_FILE as RULES_NAME
from generator.checker_data import RULES_FILE
from generator.runtime import PUBLISHED_AS_IS, RUNTIME_DIR, checker_archive
from generator.runtime_build.loader_patch import SECONDARY_SECTION
from generator.runtime_build.wasm_module import exports, sections

from ..conftest import ROOT, run_mkdocs_build
from .widget import runtime_settings
from ..site.project_copy import copy_project


def test_pyodide_and_the_checker_archive_are_served_once_from_the_root(built_site):
    runtime = built_site / RUNTIME_DIR
    for name in PUBLISHED_AS_IS:
        assert (runtime / name).read_bytes() == (ROOT / "node_modules" / "pyodide" / name).read_bytes()
    archives = list(runtime.glob("checker-*.zip"))
    assert len(archives) == 1
    assert not (built_site / "en" / RUNTIME_DIR).exists()
    # Both languages' pages name that very archive.
    for page in ["calculateur/index.html", "en/calculateur/index.html", "prolongation/index.html"]:
        html = (built_site / page).read_text(encoding="utf-8")
        assert re.fullmatch(r"[./]*pyodide/" + re.escape(archives[0].name), runtime_settings(html)["checker"])


def test_the_archive_holds_the_checker_package_with_its_rules(built_site):
    archive = next((built_site / RUNTIME_DIR).glob("checker-*.zip"))
    with zipfile.ZipFile(archive) as unpacked:
        names = set(unpacked.namelist())
        rules = unpacked.read(f"checker/{RULES_NAME}").decode("utf-8")
    assert {"checker/__init__.py", "checker/engine.py", "checker/web.py", f"checker/{RULES_NAME}"} <= names
    assert rules == RULES_FILE.read_text(encoding="utf-8")


def test_the_archive_is_deterministic_and_named_by_its_content():
    first, again = checker_archive('{"a": 1}\n'), checker_archive('{"a": 1}\n')
    assert first == again
    assert first != checker_archive('{"a": 2}\n')
    assert zipfile.ZipFile(io.BytesIO(first)).getinfo(f"checker/{RULES_NAME}").date_time == (1980, 1, 1, 0, 0, 0)


@pytest.mark.build
def test_a_build_without_the_pyodide_package_says_to_run_make_setup(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "node_modules").unlink(missing_ok=True)
    result = run_mkdocs_build(tmp_path / "site", config=project / "mkdocs.yml", cwd=project)
    assert result.returncode != 0
    assert "run `make setup`" in result.stderr
    assert not (tmp_path / "site").exists()


def test_calculator_pages_start_python_from_their_head_and_other_pages_do_not(built_site):
    """Python's worker starts while the page is read: its module is named in <head>, before the stylesheets."""
    for page in ["calculateur/", "en/calculateur/", "prolongation/", "en/prolongation/"]:
        html = (built_site / page / "index.html").read_text(encoding="utf-8")
        head = html[: html.index("</head>")]
        settings = runtime_settings(head)
        module = f'<script type="module" async src="{settings["script"]}"></script>'
        assert settings["script"].endswith("assets/calculator/python.js") and module in head
        assert head.index(module) < head.index('rel="stylesheet"')
        assert (built_site / page / settings["worker"]).resolve() == (built_site / "assets/calculator/worker.js").resolve()
    for page in ["", "procedures/dcem/", "en/notice/"]:
        assert runtime_settings((built_site / page / "index.html").read_text(encoding="utf-8")) == {}


def test_the_wasm_is_cut_in_two_and_its_first_part_names_its_second(built_site):
    """pyodide.asm.wasm is the build's first part (smaller than the stock wasm, with a few hundred of its 8,560
    exports); it names the one second part the site serves, whose name carries the hash of its bytes."""
    runtime = built_site / RUNTIME_DIR
    stock = (ROOT / "node_modules" / "pyodide" / "pyodide.asm.wasm").read_bytes()
    first = (runtime / "pyodide.asm.wasm").read_bytes()
    seconds = list(runtime.glob("pyodide.asm.secondary-*.wasm"))
    assert len(seconds) == 1 and len(first) < 0.6 * len(stock)
    named = [content for section_id, content in sections(first) if section_id == 0
             and content[1: 1 + content[0]] == SECONDARY_SECTION.encode()]
    assert [content[1 + content[0]:].decode() for content in named] == [seconds[0].name]
    digest = hashlib.sha256(seconds[0].read_bytes()).hexdigest()[:12]
    assert seconds[0].name == f"pyodide.asm.secondary-{digest}.wasm"
    # Those the JavaScript names: wasm-split adds its own ("%…") for the second part to import.
    assert len([export for export in exports(first) if not export.name.startswith("%")]) < len(exports(stock)) / 10
    loader = (runtime / "pyodide.asm.mjs").read_text(encoding="utf-8")
    assert "function sejourLoadSecondary()" in loader and "info.placeholder=" in loader
