"""The residence history page in Chromium: the permalink of the issue shows the 10-day gap of June 2020 on the
timeline and in the table, in every language; the form takes dates as printed and adds rows; an error marks its
field; Pyodide's history equals CPython's; axe finds nothing on the answer."""
from __future__ import annotations

import json
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from checker import load_measures
from checker.history import Item, history, history_to_dict, run_sentences
from tests.catalogue import LABELS, LANGUAGES, ROOTS, format_date, language

from .axe import axe_violations, known_issues, unexpected
from .widget import date_field, fill_date
from checker.typography import curl_apostrophes

PERMALINK = ("historique/?doc=titre-de-sejour,2019-06-21,2020-06-20&doc=titre-de-sejour,2020-07-01,2021-06-30"
             "&from=2020-01-01&to=2020-12-31")


def shown_history(page: Page) -> dict:
    result = page.locator(".hist__result")
    expect(result).to_be_visible(timeout=60_000)
    return json.loads(result.get_attribute("data-history"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_permalink_shows_the_june_gap_on_the_timeline_and_in_the_table(page, site_url, lang):
    page.goto(site_url + ROOTS[lang] + PERMALINK)
    shown = shown_history(page)
    gap = page.locator(".hist__timeline .hist__bar--gap")
    expect(gap).to_have_count(1)
    expect(gap).to_have_attribute("data-start", "2020-06-21")
    expect(gap).to_have_attribute("data-end", "2020-06-30")
    row = page.locator(".hist__gaps tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(0).locator("time")).to_have_attribute("datetime", "2020-06-21")
    expect(row.locator("td").nth(1).locator("time")).to_have_attribute("datetime", "2020-06-30")
    expect(row.locator("td").nth(2)).to_have_text("10")
    # The same answer as CPython's, and the timeline said in words for screen readers.
    items = (Item("titre-de-sejour", date(2019, 6, 21), date(2020, 6, 20)),
             Item("titre-de-sejour", date(2020, 7, 1), date(2021, 6, 30)))
    expected = history_to_dict(history(load_measures(), items, date(2020, 1, 1), date(2020, 12, 31), lang=lang))
    assert shown == expected
    label = page.locator(".hist__timeline").get_attribute("aria-label")
    assert shown["gaps"][0]["reason"] in label
    # The form shows the link's documents and dates, as Python read them (the page reads no date itself).
    for name, value in (("issued", "2020-07-01"), ("expiry", "2021-06-30")):
        second = page.locator(f"input[name={name}-year]").nth(1)
        expect(second).to_have_value(value[:4])
        expect(page.locator(f"input[name={name}-day]").nth(1)).to_have_value(str(int(value[8:])))
    expect(page.locator("input[name=from-month]")).to_have_value("1")
    expect(page.locator("select[name=document]").nth(1)).to_have_value("titre-de-sejour")
    # The answer (timeline, tables) has no axe violation, at a computer's width and at a phone's.
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 800})
        assert unexpected(axe_violations(page), known_issues()) == [], width
    assert page.errors == []


def test_the_form_takes_printed_dates_adds_rows_and_keeps_iso_dates_in_the_address(page, site_url):
    page.goto(site_url + "historique/")
    rows = page.locator("[data-item]")
    expect(rows).to_have_count(3)
    page.get_by_role("button", name=LABELS["hist_add"][LANGUAGES[0]]).click()
    expect(rows).to_have_count(4)
    expect(rows.nth(3).locator(":scope > legend")).to_have_text(LABELS["hist_document"][LANGUAGES[0]].format(number=4))
    expect(rows.nth(3).locator("select")).to_be_focused()
    first = rows.nth(0)
    first.locator("select").select_option("recepisse")
    fill_date(first, "issued", "15/02/2020")
    # A month may be typed as its name: window A, 180 days, to 11 November 2020.
    date_field(first, "expiry", "day").fill("15")
    date_field(first, "expiry", "month").fill("mai")
    date_field(first, "expiry", "year").fill("2020")
    fill_date(page, "from", "01/03/2020")
    fill_date(page, "to", "11/11/2020")
    page.locator(".hist__form button[type=submit]").click()
    shown = shown_history(page)
    assert shown["continuous"] is True and shown["items"][0]["valid_until"] == "2020-11-11"
    assert "doc=recepisse,2020-02-15,2020-05-15&from=2020-03-01&to=2020-11-11" in page.url


def test_an_impossible_date_marks_its_field(page, site_url):
    page.goto(site_url + "historique/?doc=titre-de-sejour,2019-06-21,2020-06-20&doc=titre-de-sejour,31/02/2020,2021-06-30")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_have_attribute("data-error", "impossible-date", timeout=60_000)
    second = page.locator("[data-item]").nth(1)
    expect(date_field(second, "issued")).to_have_attribute("aria-invalid", "true")
    expect(second.locator("[data-field=issued] [data-field-error]")).to_be_visible()
    expect(date_field(page.locator("[data-item]").nth(0), "issued")).not_to_have_attribute("aria-invalid", "true")
    # At a phone's width too: the error state has no axe violation.
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 800})
        assert unexpected(axe_violations(page), known_issues()) == [], width


def test_an_error_after_an_empty_row_marks_the_right_row(page, site_url):
    page.goto(site_url + "historique/")
    second = page.locator("[data-item]").nth(1)  # the first row left empty
    second.locator("select").select_option("titre-de-sejour")
    fill_date(second, "issued", "01/01/2021")
    fill_date(second, "expiry", "31/12/2020")
    page.locator(".hist__form button[type=submit]").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_have_attribute("data-error", "issued-after-expiry", timeout=60_000)
    expect(summary).to_be_focused()
    for part in ("day", "month", "year"):  # the issue date as a whole is wrong, not one of its fields
        expect(date_field(second, "issued", part)).to_have_attribute("aria-invalid", "true")
    # The summary's link leads to the field.
    summary.locator("a").click()
    expect(date_field(second, "issued")).to_be_focused()


def test_the_history_is_filled_sent_and_read_with_the_keyboard(page, site_url):
    from .focus import assert_focus_shown, focused, tab_until

    page.goto(site_url + "historique/")
    first = tab_until(page, lambda stop: stop["name"] == "document")[0]
    assert_focus_shown(first)
    page.keyboard.press("ArrowDown")  # the first document type of the list
    for name, value in (("issued", "21/06/2019"), ("expiry", "20/06/2020")):
        for part, typed in zip(("day", "month", "year"), value.split("/")):
            page.keyboard.press("Tab")
            assert focused(page)["name"] == f"{name}-{part}"
            page.keyboard.type(typed)
    add = tab_until(page, lambda stop: stop["type"] == "button")[0]
    assert_focus_shown(add)
    page.keyboard.press("Enter")  # a fourth row; focus moves to its document type
    assert focused(page)["name"] == "document"
    expect(page.locator("[data-item]")).to_have_count(4)
    submit = tab_until(page, lambda stop: stop["type"] == "submit")[0]
    assert_focus_shown(submit)
    page.keyboard.press("Enter")
    shown = shown_history(page)
    assert shown["items"][0]["issued"] == "2019-06-21"
    # The answer's tables (scrolling boxes) and its link are reached with Tab, each showing its focus.
    inside = tab_until(page, lambda stop: stop["inAnswer"])[0]
    assert_focus_shown(inside)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_printed_summary_of_ten_documents_fits_one_page_with_the_first_language_beside(page, site_url, lang,
                                                                                         tmp_path):
    """Ten residence cards in a row, one a year: the list, the timeline, the gaps and the articles on one printed
    page, in the first language and beside it the page's (on a page in the first language, the second), with
    the sentence that says what the calculation does not look at."""
    import subprocess
    import unicodedata

    from pypdf import PdfReader

    from checker.web import summary_languages

    cards = [Item("titre-de-sejour", date(2010 + n, 7, 1), date(2011 + n, 6, 20)) for n in range(10)]
    query = "&".join(f"doc={i.document},{i.issued},{i.expiry}" for i in cards) + "&from=2010-07-01&to=2020-06-20"
    page.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; "
                         "console.log('window.print called'); };")
    page.goto(site_url + ROOTS[lang] + "historique/?" + query)
    shown_history(page)
    # Python writes the summary, then the page prints: wait for that call.
    with page.expect_console_message(lambda message: message.text == "window.print called"):
        page.locator(".hist__result .calc__print").click()
    assert page.evaluate("() => window.__printed") == 1
    printed = tmp_path / "history.pdf"
    printed.write_bytes(page.pdf(format="A4"))
    assert len(PdfReader(printed).pages) == 1

    measures = load_measures()
    halves = summary_languages(measures, lang)
    assert halves[0] == LANGUAGES[0] and len(halves) == 2
    result = history(measures, tuple(cards), date(2010, 7, 1), date(2020, 6, 20), lang=LANGUAGES[0])
    assert len(result.gaps) == 10 - 1  # 21 to 30 June of each year but the last
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(printed), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(unicodedata.normalize("NFKC", text).replace("\u2019", "'").split())
    first = language(LANGUAGES[0])
    for words in (LABELS["hist_summary_title"][LANGUAGES[0]], first.say("history", "scope"),
                  format_date(date(2019, 6, 30), LANGUAGES[0])):
        assert " ".join(words.replace("\u00a0", " ").split()) in flat.replace("\u00a0", " "), words
    # Each half in its language and direction (the other half read from the page: see test_translations).
    for code in halves:
        half = page.locator(f".hist__summary [data-summary-lang={code}]")
        expect(half).to_have_attribute("lang", code)
        expect(half.locator("[data-slot=items] li")).to_have_count(10)
        expect(half.locator("[data-slot=gaps] li")).to_have_count(9)
        # The runs, as Python says them in that language (the longest run, the final run).
        runs = run_sentences(history(measures, tuple(cards), date(2010, 7, 1), date(2020, 6, 20), lang=code),
                             measures.language(code))
        expect(half.locator("[data-slot=runs] li")).to_have_text(list(runs.values()))
        assert " ".join(curl_apostrophes(language(code).say("history", "scope")).split()) in " ".join(
            half.text_content().split())
    expect(page.locator(".hist__summary .hist__timeline .hist__bar--gap")).to_have_count(9)


# Spans asked through the permalink, each named by what it exercises: Pyodide's answer must be CPython's.
SPAN_CASES = {
    "a span that starts before the first document":
        "doc=titre-de-sejour,2018-01-01,2020-12-31&span=5",
    "a span ending on 29 February (starts on 1 March)":
        "doc=titre-de-sejour,2016-09-01,2020-04-30&doc=titre-de-sejour,2020-11-01,2024-10-31&span=1&span_end=2020-02-29",
    "a 20-year span over the April 2020 extension":
        "doc=titre-de-sejour,2015-09-01,2016-08-31&doc=titre-de-sejour,2016-09-01,2020-04-30"
        "&doc=titre-de-sejour,2020-11-01,2024-10-31&from=2015-09-01&to=2024-10-31&span=20",
    "a span holding a gap, after overlapping documents":
        "doc=titre-de-sejour,2015-09-01,2017-08-31&doc=recepisse,2017-06-01,2017-12-31"
        "&doc=titre-de-sejour,2018-02-01,2022-01-31&span=5&span_end=2021-12-31",
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("query", SPAN_CASES.values(), ids=SPAN_CASES.keys())
def test_pyodides_span_answers_equal_cpythons(page, site_url, lang, query):
    from checker.history import read_request, run_sentences
    from checker.web import read_query

    page.goto(site_url + ROOTS[lang] + "historique/?" + query)
    shown = shown_history(page)
    measures = load_measures()
    asked = read_query(query)
    request = read_request(asked["items"], asked["from"], asked["to"], measures, asked["span_years"], asked["span_end"])
    result = history(measures, request.items, request.start, request.end, lang=lang, span_years=request.span_years,
                     span_end=request.span_end)
    assert shown == history_to_dict(result)
    sentences = run_sentences(result, measures.language(lang))
    span_line = page.locator(".hist__runs > li").nth(list(sentences).index("span"))
    expect(span_line).to_contain_text(sentences["span"])
    assert page.errors == []
