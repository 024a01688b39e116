"""What the build puts in the site for the calculator: Pyodide once at the root, and the checker archive."""
from __future__ import annotations

import io
import re
import zipfile

from generator.runtime import PYODIDE_FILES, RUNTIME_DIR, checker_archive

from ..conftest import ROOT, run_mkdocs_build
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
        assert re.findall(r'data-checker="[./]*pyodide/(checker-[0-9a-f]+\.zip)"', html) == [archives[0].name]


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
