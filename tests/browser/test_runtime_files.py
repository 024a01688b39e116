"""What the build puts in the site for the calculator: Pyodide once at the root, and the checker archive."""
from __future__ import annotations

import io
import re
import zipfile

from generator.runtime import PYODIDE_FILES, RUNTIME_DIR, checker_archive

from ..conftest import ROOT, run_mkdocs_build
from .widget import runtime_settings
from ..site.project_copy import copy_project


def test_pyodide_and_the_checker_archive_are_served_once_from_the_root(built_site):
    runtime = built_site / RUNTIME_DIR
    for name in PYODIDE_FILES:
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
        rules = unpacked.read("checker/rules.json").decode("utf-8")
    assert {"checker/__init__.py", "checker/engine.py", "checker/web.py", "checker/rules.json"} <= names
    assert rules == (ROOT / "checker" / "rules.json").read_text(encoding="utf-8")


def test_the_archive_is_deterministic_and_named_by_its_content():
    first, again = checker_archive('{"a": 1}\n'), checker_archive('{"a": 1}\n')
    assert first == again
    assert first != checker_archive('{"a": 2}\n')
    assert zipfile.ZipFile(io.BytesIO(first)).getinfo("checker/rules.json").date_time == (1980, 1, 1, 0, 0, 0)


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
