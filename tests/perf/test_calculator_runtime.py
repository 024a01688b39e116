"""What the calculator page loads to run Python: the build's trimmed, precompiled standard library, the
checker with its bytecode, no lock file; and a module left out of that library still imports, from the full one."""
from __future__ import annotations

import re

from ..browser.widget import calculator_url, shown_answer

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
