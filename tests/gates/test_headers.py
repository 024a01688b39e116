"""The headers the build writes for the host (security-headers.conf), sent as bench/server.py sends them, as nginx
does with the README's configuration: the calculator's workers keep to the site (a worker takes the policy of its
own response, never the page's <meta>), no page may compile WebAssembly, no other site may frame a page."""
from __future__ import annotations

import http.server
import threading
import urllib.request
from pathlib import Path

import pytest

from bench.server import StaticServer
from generator.security import HEADERS_FILE

from ..browser.widget import BOOT_TIMEOUT_MS, calculator_url, shown_answer

ASKED = {"document": "titre-de-sejour", "expiry": "2020-03-16"}
# Whether a fetch from where the code runs reaches the other origin.
FETCH = """async (url) => {
  try { return `reached: ${(await fetch(url)).status}`; } catch (error) { return `refused: ${error}`; }
}"""


class OtherOrigin:
    """Another origin (127.0.0.2, a port of its own) that answers anyone, even cross-origin, and keeps the paths
    it was asked for; its /frame page shows a page of the site in an iframe."""

    def __init__(self, framed_url: str) -> None:
        self.asked: list[str] = []
        other = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                other.asked.append(self.path)
                body = (f'<!doctype html><title>other</title><iframe src="{framed_url}"></iframe>'
                        if self.path == "/frame" else "reached").encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html" if self.path == "/frame" else "text/plain")
                self.send_header("Access-Control-Allow-Origin", "*")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.2", 0), Handler)
        self.url = f"http://127.0.0.2:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def served(built_site: Path):
    with StaticServer({"/": built_site}, mode="brotli") as server:
        yield server.url


@pytest.fixture(scope="module")
def other_origin(served):
    other = OtherOrigin(served)
    yield other
    other.close()


def headers_of(url: str) -> dict[str, str]:
    with urllib.request.urlopen(urllib.request.Request(url, method="HEAD")) as response:
        return {name.lower(): value for name, value in response.headers.items()}


def test_the_build_writes_the_hosts_headers_and_the_server_sends_them(built_site, served):
    assert (built_site / HEADERS_FILE).is_file()
    page = headers_of(served + "calculateur/")
    worker = headers_of(served + "assets/calculator/worker.js")
    for headers in (page, worker, headers_of(served + "pyodide/pyodide.asm.wasm")):
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in page["content-security-policy"]
    assert "'wasm-unsafe-eval'" not in page["content-security-policy"]
    assert "'wasm-unsafe-eval'" in worker["content-security-policy"]
    assert "connect-src 'self'" in worker["content-security-policy"]
    assert page["cache-control"] == worker["cache-control"] == headers_of(served + "sw.js")["cache-control"] == "no-cache"
    hashed = [path for path in built_site.glob("pyodide/checker-*.zip")] + list(built_site.glob("assets/javascripts/bundle.*.min.js"))
    assert len(hashed) == 2
    for path in hashed:
        assert headers_of(served + path.relative_to(built_site).as_posix())["cache-control"] == \
            "max-age=31536000, immutable"


def test_no_page_may_compile_webassembly(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 30
    assert [page for page in pages if "wasm-unsafe-eval" in page.read_text(encoding="utf-8")] == []


def test_the_calculators_worker_answers_and_reaches_no_other_origin(chromium, served, other_origin):
    def job(browser) -> dict:
        context = browser.new_context()
        context.set_default_timeout(BOOT_TIMEOUT_MS)
        page = context.new_page()
        try:
            page.goto(calculator_url(served, "fr", **ASKED))
            answer = shown_answer(page)  # Python compiled its WebAssembly in the worker, and answered
            worker = next(w for w in page.workers if w.url.endswith("/assets/calculator/worker.js"))
            return {"answer": answer, "from_worker": worker.evaluate(FETCH, other_origin.url + "from-worker"),
                    "from_page": page.evaluate(FETCH, other_origin.url + "from-page")}
        finally:
            context.close()

    seen = chromium.run(job)
    assert seen["answer"]["covered"], seen["answer"]
    assert seen["from_page"].startswith("refused"), seen["from_page"]
    assert seen["from_worker"].startswith("refused"), seen["from_worker"]
    assert not any(path.startswith("/from-") for path in other_origin.asked), other_origin.asked


def test_no_other_site_may_show_a_page_in_a_frame(chromium, served, other_origin):
    def job(browser) -> dict:
        context = browser.new_context()
        page = context.new_page()
        messages: list[str] = []
        page.on("console", lambda message: messages.append(message.text))
        try:
            # Chromium says so on the console when it refuses to show the page in the frame: wait for that.
            with page.expect_console_message(lambda message: "frame-ancestors" in message.text, timeout=60_000):
                page.goto(other_origin.url + "frame")
            frame = page.frames[1]
            return {"url": frame.url, "title": frame.evaluate("() => document.title") if frame.url == served else None,
                    "messages": messages}
        finally:
            context.close()

    seen = chromium.run(job)
    assert seen["url"] != served, seen
    assert any("frame-ancestors" in message for message in seen["messages"]), seen["messages"]
