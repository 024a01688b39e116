"""Puts the calculator's Python into the built site: the pinned Pyodide core, and the checker as a zip archive."""
from __future__ import annotations

import hashlib
import io
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

import checker

from .checker_data import rules_json

# Served once, at the root of the whole site: both languages' pages point here (template `root_link`).
RUNTIME_DIR = "pyodide"
# The core runtime, all a standard-library-only checker needs (no packages, not even micropip).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
CHECKER_DIR = Path(checker.__file__).resolve().parent
# A fixed timestamp, so the same sources always give the same bytes, hence the same file name.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class CalculatorRuntime:
    """What the page needs to run the checker: where Pyodide comes from, and the checker archive."""

    pyodide_source: Path  # node_modules/pyodide
    archive_name: str  # checker-<hash>.zip
    archive: bytes

    @property
    def archive_path(self) -> str:
        return f"{RUNTIME_DIR}/{self.archive_name}"

    def template_context(self) -> dict[str, str]:
        """Paths from the site root, for the page templates to turn into links with `root_link`."""
        return {"pyodide_index": f"{RUNTIME_DIR}/", "checker_archive": self.archive_path}


def prepare_runtime(project_dir: Path, measures: dict) -> CalculatorRuntime:
    """At config time: find Pyodide and build the checker archive, so pages can name it before anything is written."""
    source = project_dir / "node_modules" / "pyodide"
    missing = [name for name in PYODIDE_FILES if not (source / name).is_file()]
    if missing:
        raise PluginError(
            f"the Pyodide runtime is missing from {source} ({', '.join(missing)}): "
            "run `make setup` (npm ci installs the pinned pyodide package)"
        )
    archive = checker_archive(rules_json(measures))
    digest = hashlib.sha256(archive).hexdigest()[:12]
    return CalculatorRuntime(pyodide_source=source, archive_name=f"checker-{digest}.zip", archive=archive)


def checker_archive(rules_text: str, checker_dir: Path = CHECKER_DIR) -> bytes:
    """checker/*.py and the rules file as a zip that `pyodide.unpackArchive` turns back into the package.

    The rules are passed in (the text write_rules puts in checker/rules.json) so the archive matches
    the content of this very build, whatever the file on disk says."""
    members = {f"checker/{path.name}": path.read_bytes() for path in sorted(checker_dir.glob("*.py"))}
    members["checker/rules.json"] = rules_text.encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, members[name], compresslevel=9)
    return buffer.getvalue()


def install_runtime(runtime: CalculatorRuntime, site_dir: str | Path) -> None:
    """After the build: copy Pyodide and write the checker archive into <site_dir>/pyodide/."""
    target = Path(site_dir) / RUNTIME_DIR
    target.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        shutil.copyfile(runtime.pyodide_source / name, target / name)
    (target / runtime.archive_name).write_bytes(runtime.archive)
