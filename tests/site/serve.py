"""`mkdocs serve` on a copy of the project, as an editor runs it (`make serve`), for the tests that edit content."""
from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition, seconds: float, what: str):
    """Ask `condition` again until it holds or `seconds` have passed. A request the server could not answer yet
    (it answers slowly, or drops the connection, while it rebuilds on a busy machine) counts as not yet."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            found = condition()
        except (OSError, http.client.HTTPException):
            found = None
        if found:
            return found
        time.sleep(0.5)
    raise AssertionError(f"waited {seconds} s for {what}")


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


@contextmanager
def mkdocs_serve(project: Path, log: Path):
    """Serve `project` until the block ends; yields the site's address once the first build is served. What the
    server prints goes to `log`."""
    from ..conftest import require_build_mark

    require_build_mark("runs `mkdocs serve`")
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with log.open("w") as output:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                  cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        # Ready when it says so; stopped, if the first build failed (its log says why, at once).
        wait_for(lambda: "Serving on" in log.read_text() or server.poll() is not None, 300, "the first build")
        if server.poll() is not None:
            raise AssertionError(f"mkdocs serve stopped (exit {server.returncode}):\n{log.read_text()[-3000:]}")
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=30)
