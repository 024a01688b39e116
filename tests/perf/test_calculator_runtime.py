"""What the calculator page loads to run Python: the build's trimmed, precompiled standard library, the
checker with its bytecode, no lock file; and a module left out of that library still imports, from the full one."""
from __future__ import annotations

import re
from urllib.parse import urljoin

from generator.runtime import RUNTIME_DIR

from ..browser.widget import CALCULATOR, ask, calculator_url, early_downloads, runtime_settings, shown_answer
from ..conftest import _QuietHandler, serve_directory

# Ordonnance 2020-328, art. 1 as amended: printed 16 March 2020 + 180 days (FIELD-NOTES §1, worked figures).
EXPIRY, UNTIL = "2020-03-16", "2020-09-12"
FALLBACK_MESSAGE = "is not in the calculator's standard library"

RUNTIME_SETTINGS = """() => {
  const runtime = JSON.parse(document.getElementById("calculator-runtime").textContent);
  return [new URL(runtime.pyodide, document.baseURI).href, new URL(runtime.stdlib, document.baseURI).href, runtime.lockFile];
}"""
# In the calculator's own worker (same origin, same files): a second Pyodide, booted as the worker boots
# it, imports what the checker never imports: a top-level module, and a submodule of a package it does import.
IMPORT_LEFT_OUT = """async ([indexURL, stdLibURL, lockFile]) => {
  const { loadPyodide } = await import(indexURL + "pyodide.mjs");
  const messages = [];
  const pyodide = await loadPyodide({ indexURL, stdLibURL, lockFileContents: lockFile, stderr: (line) => messages.push(line) });
  const result = pyodide.runPython(`
import sys
kept = "statistics" in sys.modules or "json.tool" in sys.modules
import statistics, json.tool
[kept, statistics.mean([1, 2, 6]), json.tool.__name__, json.tool.__file__, statistics.__file__]
`).toJs();
  return { result, messages };
}"""


def test_the_page_loads_the_build_runtime_and_answers_without_the_fallback(perf_chromium, site_url):
    def job(browser):
        context = browser.new_context(service_workers="block")
        requests, console = [], []
        context.on("request", lambda request: requests.append(request.url.removeprefix(site_url)))
        page = context.new_page()
        page.on("console", lambda message: console.append(message.text))
        try:
            page.goto(calculator_url(site_url, "en", document="titre-de-sejour", expiry=EXPIRY))
            answer = shown_answer(page)
            page.wait_for_load_state("networkidle")
            return answer, requests, console
        finally:
            context.close()

    answer, requests, console = perf_chromium.run(job)
    assert answer["valid_until"] == UNTIL
    runtime = sorted(url for url in requests if url.startswith("pyodide/"))
    assert [url for url in runtime if re.fullmatch(r"pyodide/python_stdlib-[0-9a-f]{12}\.zip", url)], runtime
    assert [url for url in runtime if re.fullmatch(r"pyodide/checker-[0-9a-f]{12}\.zip", url)], runtime
    # Neither the lock file (given by the page) nor the stock standard library (not needed) is downloaded.
    assert "pyodide/pyodide-lock.json" not in runtime and "pyodide/python_stdlib.zip" not in runtime
    assert [text for text in console if FALLBACK_MESSAGE in text] == []


def test_a_module_left_out_is_imported_from_the_full_standard_library(perf_chromium, site_url):
    def job(browser):
        context = browser.new_context(service_workers="block")
        requests = []
        context.on("request", lambda request: requests.append(request.url.removeprefix(site_url)))
        page = context.new_page()
        try:
            page.goto(calculator_url(site_url, "fr"))
            page.locator("[data-progress]").filter(has_text=re.compile(".")).wait_for()
            settings = page.evaluate(RUNTIME_SETTINGS)
            worker = next(w for w in page.workers if w.url.endswith("/assets/calculator/worker.js"))
            return worker.evaluate(IMPORT_LEFT_OUT, settings), requests
        finally:
            context.close()

    outcome, requests = perf_chromium.run(job)
    kept, mean, name, tool_file, statistics_file = outcome["result"]
    assert not kept  # really left out of the build's library
    assert (mean, name) == (3, "json.tool")
    assert tool_file.startswith("/lib/python_stdlib_full.zip/json/") and statistics_file.startswith("/lib/python_stdlib_full.zip/")
    assert "pyodide/python_stdlib.zip" in requests
    assert any(FALLBACK_MESSAGE in line for line in outcome["messages"])


# --- The wasm cut in two: the second part is loaded only when something calls into it --------------------------

SECONDARY = re.compile(r"pyodide/pyodide\.asm\.secondary-[0-9a-f]{12}\.wasm$")
# In the calculator's worker: a second Pyodide started from the page's files as the worker starts it, then a
# built-in module the checker never uses (unicodedata: none of its functions is in the first part).
FORCE_SECONDARY = """async ([indexURL, stdLibURL, lockFile]) => {
  const { loadPyodide } = await import(indexURL + "pyodide.mjs");
  const pyodide = await loadPyodide({ indexURL, stdLibURL, lockFileContents: lockFile, packages: [] });
  const before = pyodide._module.sejourSecondary.loads;
  const name = pyodide.runPython('import unicodedata\\nunicodedata.name("\\\\u00e9")');
  return { before, name, after: pyodide._module.sejourSecondary.loads };
}"""
# A history, asked as the history page asks it (its permalink's case: a 10-day gap in 2020).
HISTORY = {"question": "history", "items": ["titre-de-sejour,21/06/2019,20/06/2020", "titre-de-sejour,2020-07-01,2021-06-30"],
           "from": "01/01/2020", "to": "31/12/2020"}


def force_the_second_part(page):
    """In the page's worker: what calling into the second part gave (a second Pyodide, from the same files)."""
    settings = page.evaluate(RUNTIME_SETTINGS)
    worker = next(w for w in page.workers if w.url.endswith("/assets/calculator/worker.js"))
    return worker.evaluate(FORCE_SECONDARY, settings)


def test_a_call_into_the_second_part_loads_it_once_and_the_calculator_still_answers(perf_chromium, site_url):
    def job(browser):
        context = browser.new_context(service_workers="block")
        requests = []
        context.on("request", lambda request: requests.append(request.url.removeprefix(site_url)))
        page = context.new_page()
        try:
            page.goto(calculator_url(site_url, "en", document="titre-de-sejour", expiry=EXPIRY))
            answer = shown_answer(page)
            before = [url for url in requests if SECONDARY.search(url)]
            forced = force_the_second_part(page)
            after = ask(page, {"document": "titre-de-sejour", "expiry": EXPIRY, "on": "", "lang": "en"})[0]
            return answer, before, forced, after, [url for url in requests if SECONDARY.search(url)]
        finally:
            context.close()

    answer, before, forced, after, secondary = perf_chromium.run(job)
    assert answer["valid_until"] == UNTIL and before == []
    assert forced == {"before": 0, "name": "LATIN SMALL LETTER E WITH ACUTE", "after": 1}
    assert len(secondary) == 1  # fetched once, by the worker, synchronously
    assert after["ok"] and after["answer"]["valid_until"] == UNTIL


def test_no_page_fetches_the_second_part_over_the_case_tables(perf_chromium, site_url):
    """Every request of the browser tests' table (each document on both sides of every window boundary, check dates
    around each new end of validity) in every language, answered as CPython answers, and histories: all run by
    the first part."""
    from tests.catalogue import LANGUAGES

    from ..browser.widget import answers_differing_from_cpython

    def job(browser):
        context = browser.new_context(service_workers="block")
        requests = []
        context.on("request", lambda request: requests.append(request.url.removeprefix(site_url)))
        page = context.new_page()
        differing, histories, kept = {}, [], []
        try:
            for lang in LANGUAGES:
                page.goto(calculator_url(site_url, lang))
                differing[lang] = answers_differing_from_cpython(page, lang)
                histories.append(ask(page, {**HISTORY, "lang": lang})[0])
                histories.append(ask(page, {**HISTORY, "question": "history-summary", "lang": lang})[0])
                # What the history page makes on the device: a chosen span, the saved file opened again, the reminder.
                saved = ask(page, {**HISTORY, "question": "history-save", "span_years": "1", "lang": lang})[0]
                kept += [saved, ask(page, {**HISTORY, "question": "history-ics", "lang": lang})[0],
                         ask(page, {"question": "history-open", "text": saved["file"]["text"], "lang": lang})[0],
                         ask(page, {**HISTORY, "span_years": "20", "lang": lang})[0]]
            page.goto(site_url + "historique/")
            page.locator("[data-history]").first.wait_for()
            page.wait_for_load_state("networkidle")
            return differing, histories, kept, requests
        finally:
            context.close()

    differing, histories, kept, requests = perf_chromium.run(job)
    assert differing == {lang: [] for lang in differing}
    assert all(answer["ok"] for answer in histories[::2]), histories[0]
    assert all(answer["ok"] for answer in kept), kept
    assert [url for url in requests if "pyodide/pyodide.asm.wasm" in url]
    assert [url for url in requests if SECONDARY.search(url)] == []


class _CountingHandler(_QuietHandler):
    """Records each answer's path and status: 200 carried the file, 304 told the browser its copy was good."""
    answers: list[tuple[str, int]] = []

    def send_response(self, code, message=None):
        self.answers.append((self.path.split("?")[0].lstrip("/"), code))
        super().send_response(code, message)


def test_the_page_asks_for_pythons_files_from_its_head_and_each_crosses_the_network_once(perf_chromium, built_site):
    """A first visit: the page's <head> asks for what Python needs before it can start, so that the downloads do not
    wait for the worker's script; the worker then takes each from the browser's cache, never a second copy. (A
    browser without WebAssembly asks for none: tests/browser/test_calculator.py.)"""
    page_path = CALCULATOR["fr"]
    settings = runtime_settings((built_site / page_path / "index.html").read_text(encoding="utf-8"))
    expected = {f"{RUNTIME_DIR}/pyodide.asm.wasm", f"{RUNTIME_DIR}/pyodide.asm.mjs",
                urljoin(page_path, settings["stdlib"]), urljoin(page_path, settings["checker"])}
    assert {urljoin(page_path, href) for href in settings["download"]} == expected

    handler = type("Handler", (_CountingHandler,), {"answers": []})
    site_url, server = serve_directory(built_site, handler)

    def job(browser):
        context = browser.new_context(service_workers="block")
        try:
            page = context.new_page()
            page.goto(calculator_url(site_url, "fr", document="titre-de-sejour", expiry=EXPIRY))
            answer = shown_answer(page)
            page.wait_for_load_state("networkidle")
            early = early_downloads(page)
            return answer, early
        finally:
            context.close()

    try:
        answer, early = perf_chromium.run(job)
    finally:
        server.shutdown()
        server.server_close()
    assert answer["valid_until"] == UNTIL
    assert sorted(early) == sorted([site_url + path, "fetch", "low"] for path in expected)
    carried = {path: [code for answered, code in handler.answers if answered == path] for path in expected}
    assert {path: codes.count(200) for path, codes in carried.items()} == dict.fromkeys(expected, 1), carried
