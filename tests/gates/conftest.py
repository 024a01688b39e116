"""The trust gates' shared parts: a Chromium of their own, and a summary of what each gate counted, printed after
the run whatever the capture mode (a gate that passes should still say how much it looked at)."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Callable, TypeVar

import pytest
from playwright.sync_api import Browser, sync_playwright

from ..browser.conftest import CHROMIUM, CHROMIUM_ARGS

T = TypeVar("T")


class Chromium:
    """Debian's Chromium, driven by a Playwright that lives in a thread of its own.

    Why not the browser tests' fixtures: Playwright's sync API runs once per thread, and tests/browser keeps its
    own running for the whole session, so a second one started beside it fails ("using Playwright Sync API
    inside the asyncio loop"). `run(job)` calls job(browser) in that thread and returns what it returns (or
    raises what it raised): a job does all its browser work itself, the test asserts on the result."""

    def __init__(self) -> None:
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gates-chromium")
        self._playwright = None
        self._browser: Browser | None = None
        self.run(lambda _: None)

    def _start(self) -> Browser:
        if self._browser is None:
            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        return self._browser

    def run(self, job: Callable[[Browser], T]) -> T:
        return self._thread.submit(lambda: job(self._start())).result()

    def close(self) -> None:
        def stop():
            if self._browser is not None:
                self._browser.close()
                self._playwright.stop()
        self._thread.submit(stop).result()
        self._thread.shutdown()


@pytest.fixture(scope="session")
def chromium() -> Chromium:
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser`")
    browser = Chromium()
    yield browser
    browser.close()


# --- What each gate counted, for the end-of-run summary (tests/conftest.py) ---------------------------------

class GateSummary:
    """What a gate counted, carried on its test's report (so that the run's summary has it when the test ran in a
    pytest-xdist worker) and gathered by tests/conftest.py, where the run's summary is printed."""

    def __init__(self, node) -> None:
        self.node = node

    def __call__(self, *lines: str) -> None:
        """Lines to print under this test's name."""
        self.node.user_properties.extend(("gate", (self.node.nodeid, line)) for line in lines)

    def case(self, table: str, line: str) -> None:
        """One case of a table of cases: the summary prints the table with its count."""
        self.node.user_properties.append(("gate", (table, line)))


@pytest.fixture
def gate_summary(request) -> GateSummary:
    return GateSummary(request.node)
