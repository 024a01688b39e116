"""The service worker: once the calculator has been used, it answers with no network; pages that are not the
calculator install nothing; a new build replaces the stored copy; nothing typed is stored.

These tests serve the site themselves (and stop serving it, to be really offline). The other browser tests
block service workers: Playwright's routes and request events do not see what a service worker answers."""
from __future__ import annotations

import functools
import hashlib
import http.server
import json
import os
import re
import shutil
import threading
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from checker import answer_to_dict, check, load_measures
from generator.offline import CACHE_PREFIX, SERVICE_WORKER, copied_in, precache_of

from tests.catalogue import LANGUAGES

from .widget import (answers_differing_from_cpython, calculator_url, early_downloads, python_start, runtime_settings,
                     shown_answer)

# Ordonnance 2020-328, art. 1 as amended: printed 16 March 2020 + 180 days (FIELD-NOTES §1, worked figures).
EXPIRY, UNTIL = "2020-03-16", "2020-09-12"

CONTROLLED = "() => navigator.serviceWorker.controller !== null"
CACHED_URLS = """async () => {
  const found = {};
  for (const name of await caches.keys()) {
    found[name] = (await (await caches.open(name)).keys()).map((request) => request.url);
  }
  return found;
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serving(directory: Path):
    """The site on a port of its own, for this test only: stopping it is going offline for real."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state = {"url": f"http://127.0.0.1:{server.server_address[1]}/", "server": server}
    try:
        yield state
    finally:
        if state["server"] is not None:
            server.shutdown()
            server.server_close()


def stop(state) -> None:
    state["server"].shutdown()
    state["server"].server_close()
    state["server"] = None


def wait_until(page, script: str, timeout_ms: int = 60_000):
    """Poll from Python: the pages' CSP forbids the string evaluation wait_for_function would use."""
    for _ in range(timeout_ms // 100):
        value = page.evaluate(script)
        if value:
            return value
        page.wait_for_timeout(100)
    raise AssertionError(f"still false after {timeout_ms} ms: {script}")


def first_visit(new_context, site_url: str, lang: str, **params: str):
    """A first visit of the calculator with service workers allowed: (the page, the answer it showed), once the
    site's service worker has installed (every file stored) and taken charge of the page."""
    page = new_context(service_workers="allow").new_page()
    page.goto(calculator_url(site_url, lang, **params))
    answer = shown_answer(page)
    wait_until(page, CONTROLLED)
    return page, answer


def test_after_one_visit_the_calculator_answers_offline(new_context, built_site):
    with serving(built_site) as site:
        page, answer = first_visit(new_context, site["url"], "fr", document="titre-de-sejour", expiry=EXPIRY)
        assert answer["valid_until"] == UNTIL

        # A first visit's page asked for Python's files from its <head>; the service worker keeps them now, and a
        # page it controls asks for nothing early (the worker gets them from it, once).
        assert early_downloads(page)
        stop(site)
        page.context.set_offline(True)
        assert page.reload().from_service_worker
        assert shown_answer(page)["valid_until"] == UNTIL
        assert early_downloads(page) == []
        # The English page was stored too, and the same Python runtime serves it.
        page.goto(calculator_url(site["url"], "en", document="recepisse", expiry="2020-05-15"))
        assert shown_answer(page)["valid_until"] == "2020-11-11"


# In the service worker: its store fails on every read, as a browser's storage can; marked, to know it is still the
# same worker afterwards (a restarted one would read its store again).
BREAK_STORE = """() => {
  const broken = () => Promise.reject(new DOMException("storage failed (the test's)", "UnknownError"));
  Object.assign(caches, { match: broken, open: broken });
  self.storeBroken = true;
}"""


def test_a_store_that_cannot_be_read_leaves_the_pages_to_the_network(new_context, built_site):
    """The service worker answers every file from its store; when the store fails, the page and its calculator
    still work online, as if nothing were stored."""
    with serving(built_site) as site:
        page, _ = first_visit(new_context, site["url"], "fr", document="titre-de-sejour", expiry=EXPIRY)
        [worker] = page.context.service_workers
        worker.evaluate(BREAK_STORE)
        page.goto(calculator_url(site["url"], "en", document="recepisse", expiry="2020-05-15"))
        assert shown_answer(page)["valid_until"] == "2020-11-11"
        assert worker.evaluate("() => self.storeBroken === true")
        assert wait_until(page, CONTROLLED)


def test_a_file_every_language_shares_is_downloaded_once_and_stored_for_each(new_context, built_site):
    """Each language's build has its own copy of the theme's scripts and styles: the service worker downloads
    one and stores it under each language's address, byte for byte."""
    same_as = copied_in((built_site / SERVICE_WORKER).read_text(encoding="utf-8"))
    assert any(path.startswith("en/assets/javascripts/bundle.") for path in same_as)
    with serving(built_site) as site:
        context = new_context(service_workers="allow")
        requested = []
        context.on("request", lambda request: requested.append(request.url.removeprefix(site["url"])))
        page = context.new_page()
        page.goto(calculator_url(site["url"], "fr", document="titre-de-sejour", expiry=EXPIRY))
        shown_answer(page)
        wait_until(page, CONTROLLED)
        stored = page.evaluate("""async (paths) => {
            const digests = {};
            for (const path of paths) {
              const response = await caches.match(new URL(path, location.origin), { ignoreVary: true });
              const digest = await crypto.subtle.digest("SHA-256", await response.arrayBuffer());
              digests[path] = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
            }
            return digests; }""", list(same_as))
    assert "en/calculateur/" in requested  # the service worker's own downloads are seen here
    assert [path for path in same_as if path in requested] == []
    assert stored == {path: hashlib.sha256((built_site / path).read_bytes()).hexdigest() for path in same_as}


def test_pages_without_the_calculator_install_nothing(new_context, built_site):
    with serving(built_site) as site:
        context = new_context(service_workers="allow")
        requests = []
        context.on("request", lambda request: requests.append(request.url))
        page = context.new_page()
        for path in ["", "procedures/dcem/", "en/procedures/changement-adresse/"]:
            page.goto(site["url"] + path)
            page.wait_for_load_state("networkidle")
        assert page.evaluate("navigator.serviceWorker.getRegistrations().then((found) => found.length)") == 0
        assert [url for url in requests if "/pyodide/" in url or url.endswith("/" + SERVICE_WORKER)] == []


def test_what_was_typed_is_not_stored(new_context, built_site):
    with serving(built_site) as site:
        page, _ = first_visit(new_context, site["url"], "en", document="visa-long-sejour", expiry="2020-06-15",
                              on="2020-12-01")
        page.goto(calculator_url(site["url"], "fr", document="recepisse", expiry="2020-05-15"))  # through the worker
        shown_answer(page)
        stored = page.evaluate(CACHED_URLS)
    urls = [url for urls in stored.values() for url in urls]
    assert site["url"] + "calculateur/" in urls and site["url"] + "en/calculateur/" in urls
    assert [url for url in urls if "?" in url or "2020-" in url or "visa-long-sejour" in url] == []


def test_a_new_build_replaces_the_stored_copy_and_only_its_files_are_served(new_context, built_site, tmp_path):
    """A new build changes the calculator's page and its worker's cache name (the build names the cache by what
    it stores): once that worker is installed, the old cache is gone, and every visit (online, then offline)
    gets the new page, never the copy the old worker stored."""
    site_dir = tmp_path / "site"
    shutil.copytree(built_site, site_dir)
    with serving(site_dir) as site:
        page, _ = first_visit(new_context, site["url"], "fr", document="titre-de-sejour", expiry=EXPIRY)
        assert page.locator("#new-build").count() == 0
        assert len([name for name in page.evaluate(CACHED_URLS) if name.startswith(CACHE_PREFIX)]) == 1

        page_file = site_dir / "calculateur" / "index.html"
        page_file.write_text(page_file.read_text(encoding="utf-8").replace(
            "<h1", '<p id="new-build">new build</p><h1', 1), encoding="utf-8")
        worker = site_dir / SERVICE_WORKER
        worker.write_text(re.sub(r'const CACHE = "[^"]+";', f'const CACHE = "{CACHE_PREFIX}next";', worker.read_text()))
        page.reload()
        shown_answer(page)
        wait_until(page, f"""async () => {{ const names = await caches.keys();
            const builds = names.filter((name) => name.startsWith("{CACHE_PREFIX}"));
            return builds.length === 1 && builds[0] === "{CACHE_PREFIX}next"
                && navigator.serviceWorker.controller?.state === "activated"; }}""")
        # Installed: the old copy is gone, and what is stored for the page is the new build's.
        stored = page.evaluate("""async (name) => {
            const response = await (await caches.open(name)).match(new URL("calculateur/", location.origin));
            return response ? await response.text() : null; }""", f"{CACHE_PREFIX}next")
        assert stored is not None and 'id="new-build"' in stored
        for _ in range(2):
            page.reload()
            shown_answer(page)
            assert page.locator("#new-build").count() == 1
        stop(site)
        page.reload()
        shown_answer(page)
        assert page.locator("#new-build").count() == 1  # offline: from the new build's copy


def test_the_stored_files_are_the_calculator_pages_and_what_they_load(built_site):
    precache = precache_of((built_site / SERVICE_WORKER).read_text(encoding="utf-8"))
    for page in ["calculateur/", "en/calculateur/", "prolongation/", "en/prolongation/"]:
        assert page in precache
    runtime = {path for path in precache if path.startswith("pyodide/")}
    assert {"pyodide/pyodide.mjs", "pyodide/pyodide.asm.mjs", "pyodide/pyodide.asm.wasm"} <= runtime
    # The wasm's second part, which the page loads only if it is ever needed: kept offline all the same.
    assert any(re.fullmatch(r"pyodide/pyodide\.asm\.secondary-[0-9a-f]{12}\.wasm", path) for path in runtime)
    assert any(re.fullmatch(r"pyodide/checker-[0-9a-f]+\.zip", path) for path in runtime)
    assert any(re.fullmatch(r"pyodide/python_stdlib-[0-9a-f]+\.zip", path) for path in runtime)
    # Not the files the page never loads: the stock standard library, the lock file, other pages.
    assert not runtime & {"pyodide/python_stdlib.zip", "pyodide/pyodide-lock.json"}
    assert not [path for path in precache if path.startswith("procedures/")]
    assert all((built_site / path).exists() for path in precache)
    # What it downloads holds no file twice (the copies are made from one, see SAME_AS in sw.js).
    downloaded = [built_site / path for path in precache if path not in copied_in(
        (built_site / SERVICE_WORKER).read_text(encoding="utf-8")) and (built_site / path).is_file()]
    digests = [hashlib.sha256(file.read_bytes()).digest() for file in downloaded]
    assert len(set(digests)) == len(digests)


# --- A returning visitor: Python restored from the memory snapshot this device made ------------------------

SNAPSHOT_STORED = "() => performance.getEntriesByName('calculator-snapshot-stored').length > 0"


def stored_snapshot(built_site: Path) -> str:
    """Where the pages say the device keeps its snapshot (a key in Cache Storage), from the site root."""
    html = (built_site / "calculateur" / "index.html").read_text(encoding="utf-8")
    settings = runtime_settings(html)
    return settings["snapshot"].removeprefix("../"), settings["snapshotCache"]


def visit_until_snapshot(new_context, site_url: str, lang: str):
    """A first visit, then the time the device takes to make its snapshot in the background."""
    page, answer = first_visit(new_context, site_url, lang, document="titre-de-sejour", expiry=EXPIRY)
    wait_until(page, SNAPSHOT_STORED, timeout_ms=120_000)
    return page, answer


def test_a_returning_visitor_gets_python_from_the_snapshot_made_on_the_device_with_the_same_answers(
        new_context, built_site):
    key, cache = stored_snapshot(built_site)
    with serving(built_site) as site:
        page, answer = visit_until_snapshot(new_context, site["url"], "fr")
        assert answer["valid_until"] == UNTIL
        assert python_start(page) == "fresh"  # a first visit never waits for the snapshot
        stored = page.evaluate("""async ([name, key]) => {
            const response = await (await caches.open(name)).match(key);
            return response ? (await response.arrayBuffer()).byteLength : 0; }""", [cache, site["url"] + key])
        assert stored > 1_000_000
        # The restored interpreter is the same whatever the page's language (each question names its own): the
        # whole case table in the first language, and in each other one the snapshot again and an answer as
        # CPython gives it (the table runs in every language from a fresh start: tests/perf/).
        first, *others = LANGUAGES
        page.goto(calculator_url(site["url"], first))
        wait_until(page, "() => performance.getEntriesByName('calculator-ready').length > 0")
        assert python_start(page) == "snapshot"
        assert answers_differing_from_cpython(page, first) == []
        for lang in others:
            page.goto(calculator_url(site["url"], lang, document="recepisse", expiry="2020-05-15", on="2020-11-12"))
            assert shown_answer(page) == answer_to_dict(check(
                load_measures(), "recepisse", date(2020, 5, 15), date(2020, 11, 12), lang=lang))
            assert python_start(page) == "snapshot"


def test_no_snapshot_is_downloaded_nor_published(built_site):
    """The device makes its own: the site has no snapshot file, and the service worker fetches none."""
    assert not list(built_site.rglob("python_snapshot*"))
    key, _ = stored_snapshot(built_site)
    assert re.fullmatch(r"pyodide/python_snapshot-[0-9a-f]{12}\.bin", key)
    assert "python_snapshot" not in (built_site / SERVICE_WORKER).read_text(encoding="utf-8")


# Damage done to the stored snapshot, in the page: `bytes` is what the device stored (the memory's non-zero runs:
# length, run count, each run's offset and length, then the runs; the first run starts at Pyodide's header: a
# magic number, two lengths, then the 32-byte id of the runtime's build).
DAMAGE = {
    "another runtime build": """const view = new DataView(bytes.buffer);
        const first = 8 + 8 * view.getUint32(4, true);
        if (view.getUint32(8, true) !== 0) throw new Error("the first run is not Pyodide's header");
        for (let i = first + 16; i < first + 48; i++) bytes[i] ^= 0xff;""",
    "cut short": "bytes = bytes.subarray(0, bytes.length - 4096);",
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_stored_snapshot_that_does_not_fit_is_set_aside(new_context, built_site, damage):
    """The worker starts Python the usual way and still answers."""
    key, cache = stored_snapshot(built_site)
    with serving(built_site) as site:
        page, _ = visit_until_snapshot(new_context, site["url"], "en")
        damaged = page.evaluate("""async ([name, key]) => {
          const cache = await caches.open(name);
          let bytes = new Uint8Array(await (await cache.match(key)).arrayBuffer());
          %s
          await cache.put(key, new Response(bytes));
          return bytes.length;
        }""" % DAMAGE[damage], [cache, site["url"] + key])
        assert damaged > 0
        page.reload()
        assert shown_answer(page)["valid_until"] == UNTIL
        assert python_start(page) == "fresh"
        # Set aside for good: the next visit does not try it again.
        wait_until(page, f"async () => !(await caches.match({json.dumps(site['url'] + key)}))")


@pytest.mark.parametrize("damaged", ["pyodide.asm.wasm", "checker"])
def test_a_damaged_stored_runtime_file_is_downloaded_again(new_context, built_site, damaged):
    """A stored copy of the runtime that is not what the build wrote (garbage, a download cut short) is never
    given to Python: the service worker checks it against the build's hash, downloads it again and stores that."""
    with serving(built_site) as site:
        page, _ = first_visit(new_context, site["url"], "en", document="titre-de-sejour", expiry=EXPIRY)
        cache_name = next(name for name in page.evaluate("() => caches.keys()") if name.startswith(CACHE_PREFIX))
        path = next(path for path in precache_of((built_site / SERVICE_WORKER).read_text(encoding="utf-8"))
                    if path.startswith("pyodide/") and damaged in path)
        url = site["url"] + path
        page.evaluate("""async ([name, url]) => {
            await (await caches.open(name)).put(url, new Response("garbage", { headers: { "Content-Type": "application/wasm" } }));
        }""", [cache_name, url])
        page.goto(calculator_url(site["url"], "en", document="titre-de-sejour", expiry=EXPIRY))
        assert shown_answer(page)["valid_until"] == UNTIL
        stored = page.evaluate("""async ([name, url]) => {
            const bytes = await (await (await caches.open(name)).match(url)).arrayBuffer();
            const digest = await crypto.subtle.digest("SHA-256", bytes);
            return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join(""); }""",
                               [cache_name, url])
        assert stored == hashlib.sha256((built_site / path).read_bytes()).hexdigest()


def test_a_new_build_is_seen_at_the_next_link_followed(new_context, built_site, tmp_path):
    """A host that sends no Cache-Control (Python's server, like a plain nginx) lets a browser guess a page fresh for
    a tenth of its age: the service worker asks the host before it shows a page, so a deploy is seen at once."""
    site_dir = tmp_path / "site"
    shutil.copytree(built_site, site_dir)
    a_day_ago = time.time() - 86_400
    for file in site_dir.rglob("*"):
        os.utime(file, (a_day_ago, a_day_ago))
    with serving(site_dir) as site:
        page, _ = first_visit(new_context, site["url"], "fr", document="titre-de-sejour", expiry=EXPIRY)
        page.goto(site["url"] + "historique/")  # build A's history page, now in the HTTP cache
        page.goto(site["url"])
        history_page = site_dir / "historique" / "index.html"
        history_page.write_text(history_page.read_text(encoding="utf-8").replace(
            "<h1", '<p id="new-build">new build</p><h1', 1), encoding="utf-8")
        page.locator("a[href='historique/']:visible").first.click()
        page.wait_for_url("**/historique/")
        assert page.locator("#new-build").count() == 1


# In the calculator's worker: a second Pyodide from the page's files, started as the worker starts it, then a
# built-in module the checker never uses, whose code is in the wasm's second part (fetched synchronously).
FORCE_SECONDARY = """async (runtime) => {
  const { loadPyodide } = await import(runtime.indexURL + "pyodide.mjs");
  const pyodide = await loadPyodide({ indexURL: runtime.indexURL, stdLibURL: runtime.stdLibURL,
                                      lockFileContents: runtime.lockFile, packages: [] });
  return pyodide.runPython('import unicodedata\\nunicodedata.name("\\\\u00e9")');
}"""
RUNTIME = """() => {
  const runtime = JSON.parse(document.getElementById("calculator-runtime").textContent);
  const at = (path) => new URL(path, document.baseURI).href;
  return { indexURL: at(runtime.pyodide), stdLibURL: at(runtime.stdlib), lockFile: runtime.lockFile };
}"""


def test_offline_the_wasm_second_part_comes_from_the_service_worker(new_context, built_site):
    """The first visit never needed the second part; offline, a call into it still works: the service worker
    stored it with the rest, and answers the worker's synchronous request for it."""
    with serving(built_site) as site:
        page, answer = first_visit(new_context, site["url"], "en", document="titre-de-sejour", expiry=EXPIRY)
        assert answer["valid_until"] == UNTIL
        stop(site)
        page.context.set_offline(True)
        assert page.reload().from_service_worker
        assert shown_answer(page)["valid_until"] == UNTIL
        worker = next(w for w in page.workers if w.url.endswith("/assets/calculator/worker.js"))
        assert worker.evaluate(FORCE_SECONDARY, page.evaluate(RUNTIME)) == "LATIN SMALL LETTER E WITH ACUTE"
