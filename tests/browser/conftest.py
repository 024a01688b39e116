"""One Debian Chromium for the whole session, driven by Playwright; a tab per test (the one before, when it can be
reused), on the built site."""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from tests.catalogue import ROOTS

from .widget import BOOT_TIMEOUT_MS, CALCULATOR, calculator_url, python_start, runtime_settings, shown_answer

# An assertion on the page waits for the page's own signal as long as the page itself may take (Python loading on a
# busy machine), not Playwright's default of 5 s: under load, an error box shown after Python's start was missed
# (issue 22: the calculator's axe test in Arabic). A passing assertion returns as soon as it holds.
expect.set_options(timeout=BOOT_TIMEOUT_MS)

CHROMIUM = Path("/usr/bin/chromium")  # Debian's: Playwright never downloads a browser here
# The site's service worker (sw.js) answers for the pages it controls, and Playwright's routes and request
# events do not see those answers: the tests of the page itself block it; tests/browser/test_offline.py
# allows it (service_workers="allow") and tests it.
SERVICE_WORKERS = "block"
# --liftoff-only: V8 compiles the wasm once with its baseline compiler and never optimises it again in the
# background. The same code runs, with the same answers; a page's Python start costs about 1.5 s of CPU instead of
# 2.5 s here, and the suite loads the calculator hundreds of times on two cores (issue 22).
# --max-opt=1: likewise for JavaScript, no optimising compiler past Sparkplug's baseline code: a test's page runs
# each script briefly, and optimising it in the background cost more than it saved (Chromium's processes, medians
# of 6 to 8 loads side by side: a plain page 0.36 CPU-s instead of 0.42, axe on it 0.34 instead of 0.42, the case
# table's batch 4.2 instead of 5.0; a calculator page the same).
# `make bench` measures with V8's defaults, as a visitor's browser runs (bench/run.py).
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--js-flags=--liftoff-only --max-opt=1",
]


@pytest.fixture(scope="session")
def browser() -> Browser:
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser`")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def warm_context(browser) -> BrowserContext:
    """A context kept for the session: after the first boot, the runtime comes from its cache, as for a visitor
    coming back. Tests that need a cold start or special routes make their own context."""
    context = browser.new_context(service_workers=SERVICE_WORKERS)
    context.set_default_timeout(BOOT_TIMEOUT_MS)
    # A blank tab left open for the whole session, as a visitor's browser has one: when a test closed the context's
    # last page, the next test's page cost Chromium about 0.6 s more CPU to start (measured on this machine: a
    # calculator page 2.0 s of CPU without it, 1.4 s with it; a plain page 0.7 s and 0.4 s).
    context.new_page()
    yield context
    context.close()


# Makes the device's snapshot the way python.js has snapshot-worker.js make it after a first answer, with the same
# message (python.js: runtimeFiles): python.js itself waits for a service worker first, and the pages' tests block
# them (SERVICE_WORKERS).
MAKE_SNAPSHOT = """async (settings) => {
  const at = (path) => new URL(path, document.baseURI).href;
  const maker = new Worker(at(settings.snapshotWorker), { type: "module" });
  const done = new Promise((resolve) => maker.addEventListener("message", ({ data }) => resolve(data)));
  maker.postMessage({ indexURL: at(settings.pyodide), stdLibURL: at(settings.stdlib), lockFile: settings.lockFile,
                      archiveURL: at(settings.checker), snapshotURL: at(settings.snapshot),
                      cacheName: settings.snapshotCache });
  const outcome = await done;
  maker.terminate();
  return outcome;
}"""


@pytest.fixture(scope="session")
def returning_visitor(warm_context, built_site, site_url) -> None:
    """The session's context becomes a returning visitor's: Python's memory snapshot, made on this device, is in its
    Cache Storage, and every calculator or history page of the built site restores Python from it instead of
    starting it afresh (here 1.33 s of CPU a calculator page instead of 1.55 s, medians of 5; the suite opens
    hundreds). A first visit's fresh start is tested where it matters, in contexts of their own (`new_context`):
    the case tables (tests/perf/test_calculator_runtime.py), the offline and snapshot tests, the waiting states and
    the gates."""
    first = next(iter(ROOTS))
    page = warm_context.new_page()
    page.goto(calculator_url(site_url, first))
    settings = runtime_settings((built_site / CALCULATOR[first] / "index.html").read_text(encoding="utf-8"))
    outcome = page.evaluate(MAKE_SNAPSHOT, settings)
    assert outcome.get("type") == "stored", f"no snapshot for the session's pages: {outcome}"
    page.goto(calculator_url(site_url, first, document="titre-de-sejour", expiry="2020-04-01"))
    shown_answer(page)
    assert python_start(page) == "snapshot"
    page.close()


# What a test may do to its tab that outlives the test (a script run in every page it opens, a function or header
# added, a listener kept): a tab a test changed so is closed after it, not given to the next test.
# (emulate_media with `media` alone is undone: the print layout's tests use it.)
TAB_CHANGES = ("add_init_script", "expose_binding", "expose_function", "set_extra_http_headers", "on", "once",
               "add_locator_handler", "route_from_har", "set_default_timeout", "set_default_navigation_timeout")
# The context's window, to which each test's tab returns (Playwright's default).
WINDOW = {"width": 1280, "height": 720}


@pytest.fixture(scope="session")
def tabs(warm_context) -> list[Page]:
    """The session's tab that tests take in turn (at most one): opening a tab costs Chromium about 0.3 s of CPU
    (a plain page 0.77 s in a new tab, 0.40 s in the same tab; a calculator page 1.22 s and 1.00 s: measured on
    this machine, 12 loads each), and the suite opens hundreds."""
    return []


@pytest.fixture
def page(request, warm_context, tabs) -> Page:
    """A tab in the session's context, as a new one is: blank, at the context's size, screen media, no route, no
    listener but the test's own; for a test of the built site, a returning visitor's (returning_visitor). The tab
    of the test before is taken again unless that test changed it for good (TAB_CHANGES), closed it or failed."""
    if "site_url" in request.fixturenames:
        request.getfixturevalue("returning_visitor")
    page = tabs.pop() if tabs else warm_context.new_page()
    failed_before = request.session.testsfailed
    changed = []
    for name in TAB_CHANGES:
        original = getattr(page, name)

        def marking(*args, _original=original, _name=name, **kwargs):
            changed.append(_name)
            return _original(*args, **kwargs)
        setattr(page, name, marking)
    emulate_media = page.emulate_media

    def media_only(**kwargs):
        if set(kwargs) - {"media"}:
            changed.append("emulate_media")
        return emulate_media(**kwargs)
    page.emulate_media = media_only
    page.errors = []
    errors = lambda error: page.errors.append(str(error))  # noqa: E731
    Page.on(page, "pageerror", errors)
    yield page
    for name in (*TAB_CHANGES, "emulate_media"):
        delattr(page, name)
    if page.is_closed():
        return
    Page.remove_listener(page, "pageerror", errors)
    if changed or request.session.testsfailed > failed_before:
        page.close()
        return
    page.unroute_all(behavior="ignoreErrors")
    page.emulate_media(media="null")
    page.set_viewport_size(WINDOW)
    page.goto("about:blank")
    tabs.append(page)


@pytest.fixture
def new_context(browser):
    """Fresh contexts (empty cache, own routes), closed after the test."""
    contexts = []

    def make(**options) -> BrowserContext:
        context = browser.new_context(**{"service_workers": SERVICE_WORKERS, **options})
        context.set_default_timeout(BOOT_TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
