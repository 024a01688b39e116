"""`python -m generator.precompress SITE_DIR` (run by `make build`): FILE.br and FILE.gz beside every file worth
compressing, for hosts that send a precompressed file as it is (nginx's `gzip_static` and `brotli_static`, and
hosts that do so by themselves). Brotli at its highest quality, gzip at level 9, written only when smaller.

Compressing the Python runtime at brotli's highest quality takes tens of seconds; a file already compressed once
(same bytes) is taken from a cache outside the repository, keyed by its digest."""
from __future__ import annotations

import gzip
import hashlib
import os
import sys
from pathlib import Path

import brotli

# Text, the runtime's wasm and modules, and zips stored uncompressed (the trimmed standard library, whose
# members brotli compresses better together than zip's deflate does one by one).
WORTH_COMPRESSING = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".wasm", ".zip", ".map"}
SMALLEST = 1024  # a smaller file gains less than the bytes of the request itself
ENCODINGS = {".br": lambda data: brotli.compress(data, quality=11),
             ".gz": lambda data: gzip.compress(data, compresslevel=9, mtime=0)}


def cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sejour-precompressed"


def precompress(site_dir: Path | str, cache: Path | None = None) -> dict[str, int]:
    """Write the compressed twins; return how many files got each encoding."""
    cache = cache or cache_dir()
    written = {suffix: 0 for suffix in ENCODINGS}
    for path in sorted(Path(site_dir).rglob("*")):
        if not path.is_file() or path.suffix not in WORTH_COMPRESSING or path.stat().st_size < SMALLEST:
            continue
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        for suffix, compress in ENCODINGS.items():
            kept = cache / f"{digest}{suffix}"
            if kept.is_file():
                packed = kept.read_bytes()
            else:
                packed = compress(data)
                if len(data) > 100_000:  # only the big ones are worth keeping: the runtime, the search index
                    kept.parent.mkdir(parents=True, exist_ok=True)
                    kept.write_bytes(packed)
            if len(packed) < len(data):
                path.with_name(path.name + suffix).write_bytes(packed)
                written[suffix] += 1
    return written


if __name__ == "__main__":
    counts = precompress(sys.argv[1])
    print(f"precompressed: {counts['.br']} files with brotli, {counts['.gz']} with gzip")
