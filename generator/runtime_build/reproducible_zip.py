"""A zip archive whose bytes depend on its members only (names sorted, one fixed time, fixed modes), so the same
files always give the same archive, hence the same hashed file name. Used on the host (generator/runtime.py)
and inside Pyodide (in_pyodide.py, where compile.mjs copies this file): standard library only."""
from __future__ import annotations

import io
import zipfile

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def zip_bytes(members: dict[str, bytes], stored: bool = False) -> bytes:
    """`stored`: members left uncompressed, for an archive the host compresses as a whole (brotli finds more to
    share across the members than deflate does inside each)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, members[name], compresslevel=None if stored else 9)
    return buffer.getvalue()
