"""A page never waits forever: when Python has not started after the build's patience (the runtime's download
stalled), both tools stop waiting and say what to try, in the page's language; when the history's script does not
arrive, the history page says so, as the calculator's does."""
from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from generator.runtime import PATIENCE_SECONDS
from tests.catalogue import LABELS, LANGUAGES

from .states import ANSWER_MS, CALCULATOR, ISSUE_PERMALINK, ROOTS
from .test_calculator import FAST_FORWARD, words
from checker.typography import curl_apostrophes

TOOLS = {"calculator": (CALCULATOR + "?document=titre-de-sejour&expiry=2020-05-16", "[data-calculator]"),
         "history": (ISSUE_PERMALINK, "[data-history]")}
RUNTIME = re.compile(r'(<script type="application/json" id="calculator-runtime">)(.*?)(</script>)', re.S)


def with_patience(route, seconds: int) -> None:
    """The page as built, but with a patience of `seconds`: the test does not wait the build's two minutes."""
    response = route.fetch()
    html = response.text()
    settings = json.loads(RUNTIME.search(html).group(2))
    assert settings["patienceSeconds"] == PATIENCE_SECONDS
    settings["patienceSeconds"] = seconds
    route.fulfill(response=response, body=RUNTIME.sub(lambda m: m.group(1) + json.dumps(settings) + m.group(3), html))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("tool", TOOLS)
def test_a_download_that_never_ends_ends_with_advice(new_context, site_url, lang, tool):
    path, widget = TOOLS[tool]
    page = new_context().new_page()
    page.route(re.compile(r".*/(calculateur|historique)/(\?.*)?$"), lambda route: with_patience(route, 2))
    page.route("**/pyodide.asm.wasm", lambda route: None)  # asked for, never answered
    page.goto(site_url + ROOTS[lang] + path)
    timeout = page.locator(f"{widget} [data-timeout]")
    expect(timeout).to_be_visible(timeout=ANSWER_MS)
    assert words(timeout.text_content()).startswith(words(curl_apostrophes(LABELS["calc_timeout"][lang])))
    expect(timeout.get_by_role("link", name=LABELS["calc_rules_link"][lang])).to_be_visible()
    expect(page.locator(f"{widget} [data-unavailable]")).to_be_hidden()
    expect(page.locator(f"{widget} [data-progress]")).to_have_text("")


def test_when_the_historys_script_does_not_arrive_the_page_says_so_after_a_while(new_context, site_url):
    context = new_context()
    context.route("**/assets/calculator/history.js", lambda route: route.abort())
    page = context.new_page()
    page.goto(site_url + ISSUE_PERMALINK)
    page.wait_for_load_state("networkidle")
    stalled = page.locator("[data-history] [data-stalled]")
    expect(stalled).to_be_hidden()  # not at once: on a slow connection the script may still be on its way
    page.evaluate(FAST_FORWARD)
    expect(stalled).to_be_visible()
    assert words(stalled.text_content()).startswith(words(curl_apostrophes(LABELS["calc_stalled"][LANGUAGES[0]])))


def test_when_the_history_runs_the_not_started_message_never_shows(page, site_url):
    page.goto(site_url + ISSUE_PERMALINK)
    expect(page.locator("[data-history] .calc__verdict")).to_be_visible(timeout=ANSWER_MS)
    page.evaluate(FAST_FORWARD)
    expect(page.locator("[data-history] [data-stalled]")).to_be_hidden()
