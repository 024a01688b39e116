"""A static file server for the benchmark and the tests: several directories under one origin, compressing as a
static host does: the build's precompressed twins (FILE.br, FILE.gz) as nginx's brotli_static and gzip_static send
them, gzip on the fly as a host's default, or nothing; and sending the headers the build wrote for the host
(security-headers.conf: policies, caching), as nginx does with the README's configuration."""
from __future__ import annotations

import email.utils
import gzip
import http.server
import mimetypes
import posixpath
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.security import HEADERS_FILE, read_headers_conf

TYPES = {".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json",
         ".css": "text/css", ".html": "text/html; charset=utf-8", ".svg": "image/svg+xml", ".zip": "application/zip",
         ".pdf": "application/pdf", ".png": "image/png", ".xml": "application/xml", ".txt": "text/plain"}
# What static hosts (GitHub Pages, Netlify, nginx with gzip on) compress; zip and images are compressed already.
COMPRESSED = {".html", ".css", ".js", ".mjs", ".json", ".wasm", ".svg", ".xml", ".txt", ".map"}


# How the server compresses, as hosts do (the mode can change between measurements):
# "brotli": a file's precompressed twin, FILE.br, else FILE.gz, else gzip on the fly (nginx with brotli_static and
#   gzip_static on, and gzip for the rest);
# "gzip": FILE.gz, else gzip on the fly (gzip_static on; or a host that gzips everything, wasm included);
# "none": every file as it is (a host with no compression configured).
MODES = ("brotli", "gzip", "none")


class StaticServer:
    """Serves `mounts` ({"/": site_dir, "/bench-baseline/": other_dir}) on 127.0.0.1, in a thread.

    Responses carry Last-Modified and answer If-Modified-Since with 304; a directory that holds the build's
    security-headers.conf gets its headers too (Cache-Control among them), each file those of the first rule
    its path matches. Compression follows `mode`, for a client that accepts it; what is gzipped on the fly is
    compressed once and kept in memory."""

    def __init__(self, mounts: dict[str, Path], mode: str = "gzip") -> None:
        self.mounts = sorted(((prefix, Path(root)) for prefix, root in mounts.items()), key=lambda m: -len(m[0]))
        if mode not in MODES:
            raise ValueError(f"mode {mode!r}: one of {', '.join(MODES)}")
        self.mode = mode
        self.header_rules = {root: read_headers_conf((root / HEADERS_FILE).read_text(encoding="utf-8"))
                             for _, root in self.mounts if (root / HEADERS_FILE).is_file()}
        self._gzipped: dict[Path, tuple[float, bytes]] = {}
        self._lock = threading.Lock()
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                server._answer(self, head=False)

            def do_HEAD(self):
                server._answer(self, head=True)

        self.httpd = _QuietServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def __enter__(self) -> "StaticServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def file_for(self, url_path: str) -> Path | None:
        path = posixpath.normpath(unquote(url_path)).rstrip("/") + "/"  # "/a/b" and "/a/b/" -> "/a/b/"
        for prefix, root in self.mounts:
            if path.startswith(prefix):
                candidate = (root / path[len(prefix):].strip("/")).resolve()
                if candidate.is_dir():
                    candidate = candidate / "index.html"
                return candidate if candidate.is_file() and _inside(candidate, root.resolve()) else None
        return None

    def precompress(self) -> None:
        """Compress every compressible file now, so no measured request waits for gzip."""
        if self.mode != "none":
            for _, root in self.mounts:
                for path in root.rglob("*"):
                    if path.is_file() and path.suffix in COMPRESSED:
                        self._gzip(path.resolve())

    def _gzip(self, path: Path) -> bytes:
        mtime = path.stat().st_mtime
        with self._lock:
            cached = self._gzipped.get(path)
        if cached and cached[0] == mtime:
            return cached[1]
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        with self._lock:
            self._gzipped[path] = (mtime, body)
        return body

    def _answer(self, handler: http.server.BaseHTTPRequestHandler, head: bool) -> None:
        url_path = urlsplit(handler.path).path
        target = self.file_for(url_path)
        if target is not None and target.name == "index.html" and not url_path.endswith("/") \
                and not url_path.endswith("index.html"):
            handler.send_response(301)
            handler.send_header("Location", url_path + "/")
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        if target is None:
            body = b"not found"
            handler.send_response(404)
            handler.send_header("Content-Type", "text/plain")
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            if not head:
                handler.wfile.write(body)
            return
        stat = target.stat()
        modified = email.utils.formatdate(int(stat.st_mtime), usegmt=True)
        since = handler.headers.get("If-Modified-Since")
        if since:
            try:
                if int(stat.st_mtime) <= email.utils.parsedate_to_datetime(since).timestamp():
                    handler.send_response(304)
                    handler.send_header("Last-Modified", modified)
                    self._send_host_headers(handler, target)
                    handler.end_headers()
                    return
            except (TypeError, ValueError):
                pass
        encoding, body = self._body(target, handler.headers.get("Accept-Encoding", ""))
        handler.send_response(200)
        handler.send_header("Content-Type", TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0]
                            or "application/octet-stream")
        handler.send_header("Content-Length", str(len(body)))
        handler.send_header("Last-Modified", modified)
        if self.mode != "none" and (target.suffix in COMPRESSED or _twin(target, ".gz")):
            handler.send_header("Vary", "Accept-Encoding")
        if encoding:
            handler.send_header("Content-Encoding", encoding)
        self._send_host_headers(handler, target)
        handler.end_headers()
        if not head:
            try:
                handler.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass


    def _send_host_headers(self, handler: http.server.BaseHTTPRequestHandler, target: Path) -> None:
        """The headers the build wrote for the file's path (nginx matches the path of the file it serves: a
        directory's index.html, not the directory)."""
        for prefix, root in self.mounts:
            rules = self.header_rules.get(root)
            if rules and _inside(target, root.resolve()):
                path = prefix.rstrip("/") + "/" + target.relative_to(root.resolve()).as_posix()
                headers = next((headers for pattern, headers in rules if pattern.search(path)), {})
                for name, value in headers.items():
                    handler.send_header(name, value)
                return

    def _body(self, target: Path, accepted: str) -> tuple[str | None, bytes]:
        """The encoding and the bytes to send for `target`, as the mode's host would."""
        accepts = {part.split(";")[0].strip() for part in accepted.split(",")}
        if self.mode == "brotli" and "br" in accepts and (twin := _twin(target, ".br")):
            return "br", twin.read_bytes()
        if self.mode != "none" and "gzip" in accepts:
            if twin := _twin(target, ".gz"):
                return "gzip", twin.read_bytes()
            if target.suffix in COMPRESSED:
                return "gzip", self._gzip(target)
        return None, target.read_bytes()


def _twin(target: Path, suffix: str) -> Path | None:
    twin = target.with_name(target.name + suffix)
    return twin if twin.is_file() else None


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a browser closing a connection it no longer needs is not news


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False
