"""The calculator in a real Chromium: the checker runs in Pyodide, in a worker, on the site's own files only."""
from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from checker import answer_to_dict, check, load_measures, parse_request
from checker.inputs import InputError, date_fields, month_names

from .widget import calculator_url, date_field, date_parts, fill_date, shown_answer

ROOT = Path(__file__).resolve().parents[2]
from generator.site_plan import MEASURES, RULES_TABLE_ID  # noqa: E402
from tests.catalogue import language, LABELS, LANGUAGES, ROOTS  # noqa: E402
from checker.typography import curl_apostrophes  # noqa: E402

LANGS = list(LANGUAGES)
# Ordonnance 2020-328, art. 1 as amended: printed 16 March 2020 + 180 days (FIELD-NOTES §1, worked figures).
PERMIT_EXPIRY, PERMIT_UNTIL = "2020-03-16", "2020-09-12"
PERMIT_UNTIL_SHOWN = {"fr": "12 septembre 2020", "en": "12 September 2020", "ar": "12 سبتمبر 2020 (12/09/2020)"}


def words(text: str | None) -> str:
    # French pages use non-breaking spaces before « : » and « ? »: compare the words.
    return " ".join((text or "").replace("\u00a0", " ").split())


def label(key: str, lang: str) -> str:
    """A label as the page shows it: its words, with typographic apostrophes (checker.typography)."""
    return curl_apostrophes(words(LABELS[key][lang]))


def same_origin(url: str, site_url: str) -> bool:
    return url.startswith(site_url) or url.startswith(("data:", "blob:"))


# --- Answers --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_filling_the_form_shows_the_new_end_of_validity(page, site_url, lang):
    page.goto(calculator_url(site_url, lang))
    form = page.locator("[data-calculator] form")
    form.get_by_label(label("calc_document", lang)).select_option("titre-de-sejour")
    # Each field of the date found by its label, in the group its legend names.
    expiry = form.get_by_role("group", name=label("calc_expiry", lang))
    for part, typed in zip(("day", "month", "year"), date_parts(PERMIT_EXPIRY)):
        expiry.get_by_label(label(f"date_{part}", lang), exact=True).fill(typed)
    form.get_by_role("button", name=label("calc_submit", lang)).click()

    answer = shown_answer(page)
    until = page.locator(f'.calc__verdict time[datetime="{PERMIT_UNTIL}"]')
    expect(until).to_have_text(PERMIT_UNTIL_SHOWN[lang])
    assert answer == answer_to_dict(check(load_measures(), "titre-de-sejour", date(2020, 3, 16), lang=lang))
    # Explanation, legal basis with links, rights: all from Python.
    result = page.locator(".calc__result")
    assert result.locator("p").count() >= len(answer["explanation"].split("\n\n"))
    for link in answer["legal_links"]:
        expect(result.get_by_role("link", name=link["label"])).to_have_attribute("href", link["url"])
    for right in answer["rights"]:
        expect(result.get_by_text(right, exact=True)).to_be_visible()
    # The URL now says what was asked, to share or bookmark.
    assert page.url.endswith(f"?document=titre-de-sejour&expiry={PERMIT_EXPIRY}#calculateur")
    assert page.errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_prefilled_url_fills_the_form_and_answers(page, site_url, lang):
    page.goto(calculator_url(site_url, lang, document="attestation-demande-asile", expiry="2020-05-16", on="2020-08-15"))
    answer = shown_answer(page)
    form = page.locator("[data-calculator] form")
    expect(form.locator("select[name=document]")).to_have_value("attestation-demande-asile")
    # Each date in its fields as Python split the link's (checker.inputs.date_fields: 16, 5, 2020).
    for name, iso in (("expiry", "2020-05-16"), ("on", "2020-08-15")):
        for part, value in link_date_fields(iso).items():
            expect(date_field(form, name, part)).to_have_value(value)
    # Loi 2020-734, art. 15: asylum certificates, 90 days: 16 May 2020 -> 14 August 2020, so not on 15 August.
    assert (answer["valid_until"], answer["valid_on"]) == ("2020-08-14", False)
    expect(page.locator(".calc__valid-on--no time")).to_have_attribute("datetime", "2020-08-15")


def test_the_measures_page_has_the_calculator_too(page, site_url):
    page.goto(site_url + f"prolongation/?document=titre-de-sejour&expiry={PERMIT_EXPIRY}")
    assert shown_answer(page)["valid_until"] == PERMIT_UNTIL
    expect(page.locator(".calc__result h3").first).to_have_text(label("calc_result", "fr"))


def test_a_question_asked_while_python_loads_is_answered_when_it_is_ready(new_context, site_url):
    context = new_context()
    held = []
    context.route("**/pyodide/pyodide.asm.wasm", lambda route: held.append(route))  # arrives when we say so
    page = context.new_page()
    page.goto(calculator_url(site_url, "fr"))
    status = page.get_by_role("status").locator("[data-progress]")
    expect(status).to_have_text(label("calc_loading", "fr"))
    form = page.locator("[data-calculator] form")
    form.locator("select[name=document]").select_option("titre-de-sejour")
    fill_date(form, "expiry", PERMIT_EXPIRY)
    form.locator("button[type=submit]").click()
    expect(status).to_have_text(label("calc_queued", "fr"))
    expect(page.locator(".calc__answer")).to_be_empty()

    deadline = time.monotonic() + 30
    while not held and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    for route in held:
        route.continue_()
    assert shown_answer(page)["valid_until"] == PERMIT_UNTIL
    expect(status).to_have_text(label("calc_ready", "fr"))


# --- Bad input ------------------------------------------------------------------------------------------


def link_date_fields(iso: str) -> dict[str, str]:
    """A link's date in the form's three fields, as Python gives them to the page."""
    return date_fields(iso, month_names(load_measures()))


def expected_error(document: str, expiry: str, lang: str) -> str:
    with pytest.raises(InputError) as error:
        parse_request(document, expiry, None, load_measures())
    return error.value.message(language(lang))


@pytest.mark.parametrize("lang", LANGS)
def test_an_impossible_date_in_the_url_gets_the_checkers_message_in_the_page_language(page, site_url, lang):
    page.goto(calculator_url(site_url, lang, document="titre-de-sejour", expiry="2020-02-30"))
    summary = page.locator("[data-error-summary]")
    expect(summary).to_have_attribute("data-error", "impossible-date")
    expect(summary.locator(".calc__error-message")).to_have_text(expected_error("titre-de-sejour", "2020-02-30", lang))
    expect(summary.locator("h2")).to_have_text(label("error_summary", lang))
    expect(page.locator("[data-field=expiry] [data-field-error]")).to_have_text(
        expected_error("titre-de-sejour", "2020-02-30", lang))
    expect(page.locator("input[name=expiry-day]")).to_have_attribute("aria-invalid", "true")
    # The impossible date stays in the fields, to be corrected there (Python split it: the page reads no date).
    for part, value in (("day", "30"), ("month", "2"), ("year", "2020")):
        expect(page.locator(f"input[name=expiry-{part}]")).to_have_value(value)


def test_markup_typed_into_the_form_stays_text(page, site_url):
    typed = '<img src=x onerror="document.title=1">'
    page.goto(calculator_url(site_url, "en", document=quote("<b>x</b>"), expiry=quote(typed)))
    summary = page.locator("[data-error-summary]")
    expect(summary).to_have_attribute("data-error", "unknown-document")
    page.locator("select[name=document]").select_option("recepisse")
    page.locator("input[name=expiry-day]").fill(typed)
    page.locator("input[name=expiry-month]").fill("5")
    page.locator("input[name=expiry-year]").fill("2020")
    page.locator("form button[type=submit]").click()
    expect(summary).to_have_attribute("data-error", "not-a-date")
    expect(summary.locator(".calc__error-message")).to_contain_text(expected_error("recepisse", "x", "en").split('"')[0])
    assert page.locator(".calc img, .calc b").count() == 0
    assert page.title() != "1"


# The browser's answers are the checker's answers: every case of the table (widget.sample_requests) asked of the
# page's Python as the form asks it, and each kind of answer drawn by the form, in every language, with the cut
# runtime and without its second part: tests/perf/test_calculator_runtime.py; after a restore from the device's
# snapshot: tests/browser/test_offline.py.


# --- Requests -------------------------------------------------------------------------------------------


def test_the_calculator_page_fetches_only_from_the_site(new_context, site_url):
    context = new_context()
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto(calculator_url(site_url, "en", document="visa-long-sejour", expiry="2020-06-15"))
    assert shown_answer(page)["valid_until"] == "2020-12-12"
    page.wait_for_load_state("networkidle")
    assert [url for url in requests if not same_origin(url, site_url)] == []
    runtime = {url for url in requests if "/pyodide/" in url}
    assert any(url.endswith("/pyodide/pyodide.asm.wasm") for url in runtime)
    assert any("/pyodide/python_stdlib-" in url for url in runtime)
    # That each crosses the network once, though the page's <head> asks for them before the worker does (the worker
    # takes them from the browser's cache): tests/perf/test_calculator_runtime.py, counted by the server.


@pytest.mark.parametrize("path", ["procedures/dcem/", "en/procedures/changement-adresse/", "", "actualites/"])
def test_other_pages_fetch_no_pyodide(page, site_url, path):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    assert requests
    assert [url for url in requests if "/pyodide/" in url or "/assets/calculator/" in url] == []


def test_two_widgets_on_a_page_share_one_python(page, site_url):
    def with_a_second_widget(route):
        response = route.fetch()
        html = response.text()
        start = html.index('<div class="calc"')
        end = html.index("</script>\n</div>", start) + len("</script>\n</div>")
        second = html[start:end].replace("calculateur", "calculateur-bis")
        route.fulfill(response=response, body=html[:end] + "\n" + second + html[end:])

    page.route(lambda url: "twice=1" in url, with_a_second_widget)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + f"calculateur/?twice=1&document=titre-de-sejour&expiry={PERMIT_EXPIRY}")
    assert shown_answer(page, "#calculateur")["valid_until"] == PERMIT_UNTIL
    assert shown_answer(page, "#calculateur-bis")["valid_until"] == PERMIT_UNTIL
    assert sum(url.endswith("/assets/calculator/worker.js") for url in requests) == 1
    assert [worker.url for worker in page.workers if worker.url.endswith("/assets/calculator/worker.js")] == [
        site_url + "assets/calculator/worker.js"]


# --- When Python cannot run -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("blocked", ["**/pyodide/**", "**/pyodide/pyodide.asm.wasm", "**/assets/calculator/worker.js"])
def test_blocked_runtime_shows_the_fallback_with_the_rules_link(new_context, site_url, blocked, lang):
    context = new_context()
    context.route(blocked, lambda route: route.abort())
    page = context.new_page()
    page.goto(calculator_url(site_url, lang, document="titre-de-sejour", expiry=PERMIT_EXPIRY))
    fallback = page.locator("[data-unavailable]")
    expect(fallback).to_be_visible()
    assert words(fallback.text_content()).startswith(label("calc_unavailable", lang))
    expect(page.get_by_role("status").locator("[data-unavailable]")).to_be_visible()  # announced
    expect(page.locator(".calc__answer")).to_be_empty()
    # The rest of the page still works: the form stays, the link leads to the rules table.
    expect(page.locator("[data-calculator] form")).to_be_visible()
    fallback.get_by_role("link", name=label("calc_rules_link", lang)).click()
    expect(page.locator("#rules")).to_be_visible()
    assert page.url == site_url + ROOTS[lang] + MEASURES.url + "#" + RULES_TABLE_ID


# Runs the page's CSS animations to their end: the 15 s after which the page says the calculator has not started.
FAST_FORWARD = "() => document.getAnimations().forEach((animation) => animation.finish())"


@pytest.mark.parametrize("blocked", ["**/assets/calculator/calculator.js", "**/assets/calculator/python.js"])
def test_when_the_calculators_script_does_not_arrive_the_page_says_so_after_a_while(new_context, site_url, blocked):
    context = new_context()
    context.route(blocked, lambda route: route.abort())
    page = context.new_page()
    page.goto(calculator_url(site_url, "en", document="titre-de-sejour", expiry=PERMIT_EXPIRY))
    page.wait_for_load_state("networkidle")
    stalled = page.locator("[data-stalled]")
    expect(stalled).to_be_hidden()  # not at once: on a slow connection the script may still be on its way
    page.evaluate(FAST_FORWARD)
    expect(stalled).to_be_visible()
    assert words(stalled.text_content()).startswith(label("calc_stalled", "en"))
    expect(stalled.get_by_role("link", name=label("calc_rules_link", "en"))).to_have_attribute(
        "href", "../prolongation/#rules")


def test_when_the_calculator_runs_the_not_started_message_never_shows(page, site_url):
    page.goto(calculator_url(site_url, "fr", document="titre-de-sejour", expiry=PERMIT_EXPIRY))
    shown_answer(page)
    page.evaluate(FAST_FORWARD)
    expect(page.locator("[data-stalled]")).to_be_hidden()


def test_a_browser_without_webassembly_gets_the_fallback(new_context, site_url):
    context = new_context()
    context.add_init_script("delete globalThis.WebAssembly;")
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto(calculator_url(site_url, "fr"))
    expect(page.locator("[data-unavailable]")).to_be_visible()
    assert [url for url in requests if "/pyodide/" in url] == []


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_the_noscript_message_shows_and_the_form_makes_the_url(new_context, site_url, lang):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(calculator_url(site_url, lang))
    message = page.locator("noscript .calc__unavailable")
    expect(message).to_be_visible()
    assert words(message.text_content()).startswith(label("calc_noscript", lang))
    page.evaluate(FAST_FORWARD)  # Playwright still evaluates; the page's own scripts are off
    expect(page.locator("[data-stalled]")).to_be_hidden()  # the noscript message says it all
    expect(message.get_by_role("link", name=label("calc_rules_link", lang))).to_have_attribute("href", "../prolongation/#rules")
    page.locator("select[name=document]").select_option("recepisse")
    fill_date(page, "expiry", "15/05/2020")
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**expiry-year=2020**")
    assert "?document=recepisse&expiry-day=15&expiry-month=05&expiry-year=2020&issued-day=" in page.url


# --- Printing -------------------------------------------------------------------------------------------


def test_printing_shows_the_answer_without_the_form_or_navigation(page, site_url):
    page.goto(calculator_url(site_url, "fr", document="recepisse", expiry="2020-05-15"))
    shown_answer(page)
    page.emulate_media(media="print")
    expect(page.locator(".calc__result")).to_be_visible()
    expect(page.locator('.calc__verdict time[datetime="2020-11-11"]')).to_be_visible()
    for hidden in ["[data-calculator] form", ".md-header", ".md-sidebar--primary", ".calc__print"]:
        expect(page.locator(hidden).first).to_be_hidden()


# --- Timing (reported, not asserted) --------------------------------------------------------------------


def test_report_time_to_first_answer(new_context, site_url, capsys):
    url = calculator_url(site_url, "fr", document="titre-de-sejour", expiry=PERMIT_EXPIRY)
    context = new_context()
    page = context.new_page()
    report = {}
    for run in ("cold", "warm"):
        started = time.monotonic()
        page.goto(url)
        shown_answer(page)
        wall = time.monotonic() - started
        marks = page.evaluate("""() => Object.fromEntries(performance.getEntriesByType("mark")
            .filter((mark) => mark.name.startsWith("calculator-")).map((mark) => [mark.name, mark.startTime]))""")
        report[run] = {"wall_s": round(wall, 2), **{name: round(ms) for name, ms in marks.items()}}
    with capsys.disabled():
        print(f"\ncalculator time to first answer (ms after navigation start): {json.dumps(report)}")
    assert report["warm"]["calculator-first-answer"] > 0


@pytest.mark.parametrize("lang", LANGS)
def test_a_date_before_the_issue_date_is_answered_not_yet_issued(page, site_url, lang):
    # A titre de séjour issued 1 June 2019, asked about 1 January 2019: it did not exist yet (issue 11, item 7).
    page.goto(calculator_url(site_url, lang, document="titre-de-sejour", expiry="2020-04-01", issued="2019-06-01",
                             on="2019-01-01"))
    answer = shown_answer(page)
    for part, value in link_date_fields("2019-06-01").items():
        expect(date_field(page.locator("[data-calculator] form"), "issued", part)).to_have_value(value)
    assert (answer["issued"], answer["valid_on"], answer["valid_on_reason"]) == ("2019-06-01", False, "not-yet-issued")
    expect(page.locator(".calc__valid-on--no")).to_have_text(answer["valid_on_text"])
    expect(page.locator(".calc__valid-on--no time")).to_have_attribute("datetime", "2019-01-01")


@pytest.mark.parametrize("lang", LANGS)
def test_the_form_takes_the_date_as_printed_on_the_card(page, site_url, lang):
    page.goto(calculator_url(site_url, lang))
    form = page.locator("[data-calculator] form")
    form.get_by_label(label("calc_document", lang)).select_option("titre-de-sejour")
    fill_date(form, "expiry", "16/03/2020")  # day first, as French documents print it
    form.get_by_role("button", name=label("calc_submit", lang)).click()
    assert shown_answer(page)["valid_until"] == PERMIT_UNTIL
    # The address keeps the date as Python read it: ISO.
    assert "expiry=2020-03-16" in page.url
