"""The performance work's behaviour tests (no timing: speed is measured by `make bench`), with a Chromium of their
own in a thread, as tests/gates does: Playwright's sync API runs once per thread, and tests/browser keeps one."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from ..browser.conftest import CHROMIUM, CHROMIUM_ARGS


class ChromiumThread:
    """`run(job)` calls job(browser) in the thread that owns the browser, and returns or raises what it did."""

    def __init__(self) -> None:
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="perf-chromium")
        self._state: dict = {}

    def _browser(self):
        if "browser" not in self._state:
            from playwright.sync_api import sync_playwright

            self._state["playwright"] = sync_playwright().start()
            self._state["browser"] = self._state["playwright"].chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        return self._state["browser"]

    def run(self, job):
        return self._thread.submit(lambda: job(self._browser())).result()

    def close(self) -> None:
        def stop():
            if "browser" in self._state:
                self._state["browser"].close()
                self._state["playwright"].stop()
        self._thread.submit(stop).result()
        self._thread.shutdown()


@pytest.fixture(scope="session")
def perf_chromium():
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser`")
    chromium = ChromiumThread()
    yield chromium
    chromium.close()
