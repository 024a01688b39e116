"""The QR code library with which a printed summary draws its permalink's code, on the device: the npm package
qrcode-generator (Kazuhiko Arase, MIT, no dependencies), pinned in package-lock.json, its ES module checked against
qrcode-files.sha256 and published under a name that carries its digest. A page imports it only when a summary is
printed (docs/assets/calculator/permalink_code.js); the service worker stores it with the calculator's files."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

from .pinned import check_package_files

PACKAGE = "qrcode-generator"
MODULE = "dist/qrcode.mjs"  # the package's ES module build: `import()`ed as it is published
HASHES = Path(__file__).resolve().parent / "qrcode-files.sha256"
SITE_DIR = "assets/vendor"
# How the code is drawn (ISO/IEC 18004): level M restores up to about 15 % of a damaged code (a fold, a stain on
# paper) and keeps the code smaller than Q or H would; the quiet zone is the blank margin of 4 modules a reader needs.
ERROR_CORRECTION = "M"
QUIET_ZONE = 4


@dataclass(frozen=True)
class QrLibrary:
    name: str  # qrcode-generator-<digest>.mjs
    module: bytes

    @property
    def path(self) -> str:
        return f"{SITE_DIR}/{self.name}"

    def settings(self) -> dict:
        """What the page's script needs: where the module is (from the site root) and how to draw the code."""
        return {"module": self.path, "errorCorrection": ERROR_CORRECTION, "quietZone": QUIET_ZONE}

    def install(self, site_dir: str | Path) -> None:
        target = Path(site_dir) / self.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(self.module)


def prepare_qr_library(project_dir: Path) -> QrLibrary:
    """Find the pinned package in node_modules and check its file, before any page names it."""
    source = project_dir / "node_modules" / PACKAGE
    if not (source / MODULE).is_file():
        raise PluginError(f"the QR code library is missing from {source} ({MODULE}): run `make setup` "
                          f"(npm ci installs the pinned {PACKAGE} package)")
    check_package_files(source, HASHES, (MODULE,), PACKAGE)
    module = (source / MODULE).read_bytes()
    return QrLibrary(f"{PACKAGE}-{hashlib.sha256(module).hexdigest()[:12]}.mjs", module)
