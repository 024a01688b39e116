"""`make serve` while an editor works: a content error leaves the last good site served, and says what is wrong
(file, line, field) in the terminal and on the pages; fixing it serves the new site again."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from .project_copy import copy_project, edit


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.5)
    raise AssertionError(f"waited {seconds} s for {what}")


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


def test_a_content_error_under_serve_keeps_the_last_good_site_and_shows_the_error(tmp_path):
    project = copy_project(tmp_path / "project")
    port = free_port()
    log = tmp_path / "serve.log"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with log.open("w") as output:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                  cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/procedures/dcem/"
        wait_for(lambda: "Serving on" in log.read_text(), 300, "the first build")
        assert "DCEM" in get(url)

        line = edit(project / "content" / "procedures" / "dcem.yml", "title:", "titel:")
        error = f"content/procedures/dcem.yml:{line}: titel: unknown field (did you mean 'title'?)"
        wait_for(lambda: error in log.read_text(), 120, "the rebuild to report the error")
        page = wait_for(lambda: (lambda html: html if "content-error" in html else None)(get(url)), 60,
                        "the page to show the error")
        assert "Document de circulation pour étranger mineur" in page  # the last good site, still served
        assert error.replace("'", "&#x27;") in page

        edit(project / "content" / "procedures" / "dcem.yml", "titel:", "title:")
        wait_for(lambda: "content-error" not in get(url), 120, "the fixed site")
    finally:
        server.terminate()
        server.wait(timeout=30)
