"""Checks that files the site publishes from an npm package have the bytes of the version pinned for it: npm ci
checks the tarball it unpacks, this checks the unpacked files at every build (a file changed afterwards, by hand or
by another tool, would otherwise be published)."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from mkdocs.exceptions import PluginError


def read_hash_list(hashes: Path) -> tuple[str | None, dict[str, str]]:
    """A hash list's version (its `version X` line) and {file: SHA-256}; `#` starts a comment line."""
    version, expected = None, {}
    for line in hashes.read_text(encoding="utf-8").splitlines():
        if line.startswith("version "):
            version = line.split()[1]
        elif line and not line.startswith("#"):
            digest, name = line.split()
            expected[name] = digest
    return version, expected


def check_package_files(source: Path, hashes: Path, names: tuple[str, ...], package: str) -> None:
    """Stop the build unless `source` (node_modules/<package>) holds the version `hashes` names and each of `names`
    (paths inside the package) with the bytes listed there."""
    version, expected = read_hash_list(hashes)
    installed = json.loads((source / "package.json").read_text(encoding="utf-8")).get("version")
    if installed != version:
        raise PluginError(f"{source} holds {package} {installed}, but {hashes} lists the files of {version}: run "
                          f"`make setup`, or after changing the version in package.json, write the new list as its "
                          f"header says")
    unlisted = [name for name in names if name not in expected]
    if unlisted:
        raise PluginError(f"{hashes} has no hash for {', '.join(unlisted)}: a file the site publishes must be listed")
    differing = [name for name in names if hashlib.sha256((source / name).read_bytes()).hexdigest() != expected[name]]
    if differing:
        raise PluginError(f"{', '.join(differing)} in {source} differ from {package} {version} as published "
                          f"({hashes}): nothing was built; reinstall it with `rm -rf node_modules && make setup`")
