"""The residence history's page, issue 25, in Chromium: a span chosen in the permalink said in every language and
marked on the timeline; a gap's "add a document" button fills a row; the history downloaded and opened again gives
the same answer; a file that is not a history is refused on its field and changes nothing; the renewal reminder
downloads as an iCalendar file over the time limit Python computes. Nothing is sent anywhere: the files are made
and read in the page."""
from __future__ import annotations

import json
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from checker import load_measures
from checker.history import history, read_request, run_sentences
from checker.inputs import InputError, date_fields, month_names
from checker.reminder import renewal_days
from checker.saved import FORMAT, read_saved
from checker.web import read_query
from tests.catalogue import LABELS, LANGUAGES, typeset

from .states import HISTORY, ISSUE_PERMALINK, NOT_A_HISTORY, ROOTS, RUNS_PERMALINK, SPAN_PERMALINK

MEASURES = load_measures()


def shown_history(page: Page) -> dict:
    result = page.locator(".hist__result")
    expect(result).to_be_visible(timeout=90_000)
    return json.loads(result.get_attribute("data-history"))


def cpython(path: str, lang: str):
    """CPython's history for a permalink (below a language's root), read with the names the page reads."""
    asked = read_query(path.split("?", 1)[1])
    request = read_request(asked["items"], asked["from"], asked["to"], MEASURES, asked["span_years"], asked["span_end"])
    return history(MEASURES, request.items, request.start, request.end, lang=lang, span_years=request.span_years,
                   span_end=request.span_end)


def form_values(page: Page) -> list[str]:
    """Every field of the history's form, in order, as it holds now."""
    return page.locator(".hist__form").evaluate(
        "(form) => [...form.querySelectorAll('input:not([type=file]), select')].map((field) => field.value)")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_span_in_the_permalink_is_said_and_marked_on_the_timeline_in_every_language(page, site_url, lang):
    path = RUNS_PERMALINK + "&span=5&span_end=2020-10-27"
    page.goto(site_url + ROOTS[lang] + path)
    shown = shown_history(page)
    expected = cpython(path, lang)
    sentences = run_sentences(expected, MEASURES.language(lang))
    assert (shown["span"]["start"], shown["span"]["end"], shown["span"]["continuous"]) == ("2015-10-28", "2020-10-27", True)
    expect(page.locator(".hist__runs > li")).to_have_text(list(sentences.values()))
    bar = page.locator(".hist__timeline .hist__lane--span .hist__bar--span")
    expect(bar).to_have_attribute("data-start", "2015-10-28")
    expect(bar).to_have_attribute("data-end", "2020-10-27")
    expect(page.locator(".hist__lane--span .hist__lane-name")).to_have_text(typeset(LABELS["hist_legend_span"][lang], lang))
    # The form shows the span as the address gave it.
    expect(page.locator("[name=span_years]")).to_have_value("5")
    expect(page.locator("[name=span_end-year]")).to_have_value("2020")
    assert page.errors == []


def test_a_span_typed_in_the_form_goes_into_the_address_with_the_names_python_reads(page, site_url):
    page.goto(site_url + RUNS_PERMALINK)
    shown_history(page)
    page.locator("[name=span_years]").fill("5")
    page.locator(".hist__form button[type=submit]").click()
    expect(page.locator(".hist__runs > li")).to_have_count(3)
    query = page.url.split("?", 1)[1].split("#")[0]
    assert read_query(query)["span_years"] == "5" and read_query(query)["span_end"] is None
    assert shown_history(page)["span"]["end"] == "2024-10-31"  # by default, the period's last day


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_spans_gaps_are_said_under_its_sentence_with_what_may_cover_them(page, site_url, lang):
    page.goto(site_url + ROOTS[lang] + SPAN_PERMALINK)
    shown = shown_history(page)
    expected = cpython(SPAN_PERMALINK, lang)
    assert [(gap["start"], gap["end"]) for gap in shown["span"]["gaps"]] == [("2020-10-28", "2020-10-31")]
    covers = page.locator(".hist__span-gaps .hist__cover p")
    expect(covers).to_have_text([gap.cover for gap in expected.span.gaps])


def test_a_gaps_button_adds_a_row_with_the_suggested_document_and_the_gaps_days(page, site_url):
    page.goto(site_url + ISSUE_PERMALINK)
    shown = shown_history(page)
    gap = shown["gaps"][0]
    assert gap["suggest"], gap  # after a permit: the documents that cover a wait
    page.locator(".hist__gaps .hist__gap-add").first.click()
    row = page.locator("[data-item]").nth(2)  # the form's empty third row takes it
    select = row.locator("select")
    expect(select).to_be_focused()
    expect(select).to_have_value(gap["suggest"][0])
    for name, iso in (("issued", gap["start"]), ("expiry", gap["end"])):  # as Python writes a date in the fields
        for part, value in date_fields(iso, month_names(MEASURES)).items():
            expect(row.locator(f"[name={name}-{part}]")).to_have_value(value)
    # A screen reader hears what was added: the status line, a live region.
    announce = page.locator("[data-announce]")
    expect(announce).to_have_text(typeset(LABELS["hist_row_added"][LANGUAGES[0]].replace("{number}", "3"), LANGUAGES[0]))
    assert announce.evaluate("(line) => line.closest('[role=status]') !== null")
    # A fourth row when none is empty.
    page.locator(".hist__gaps .hist__gap-add").first.click()
    expect(page.locator("[data-item]")).to_have_count(4)
    expect(page.locator("[data-item]").nth(3).locator("select")).to_be_focused()
    # Calculated again, the row covers the gap.
    page.locator(".hist__form button[type=submit]").click()
    expect(page.locator(".hist__verdict--yes")).to_be_visible()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_downloaded_history_opened_again_gives_the_same_answer(page, site_url, lang, tmp_path):
    page.goto(site_url + ROOTS[lang] + SPAN_PERMALINK)
    first = shown_history(page)
    address = page.url
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    with page.expect_download() as downloading:
        page.get_by_role("button", name=typeset(LABELS["hist_download"][lang], lang)).click()
    download = downloading.value
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.suffix == ".json"
    text = saved.read_text(encoding="utf-8")
    assert json.loads(text)["format"] == FORMAT
    raw = read_saved(text)
    assert (raw["span_years"], raw["span_end"], len(raw["items"])) == ("5", "2021-06-30", 3)
    # Opened on an empty page: the form is filled, the same answer shown, the same address.
    page.goto(site_url + ROOTS[lang] + HISTORY)
    page.locator("[data-open] input[type=file]").set_input_files(saved)
    assert shown_history(page) == first
    assert page.url.split("#")[0] == address.split("#")[0]  # the permalink as Python writes it
    expect(page.locator("[name=span_years]")).to_have_value("5")
    assert [url for url in requests if not url.startswith(site_url)] == []  # nothing sent anywhere
    assert page.errors == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_file_that_is_not_a_history_is_refused_on_its_field_and_changes_nothing(page, site_url, lang):
    page.goto(site_url + ROOTS[lang] + RUNS_PERMALINK)
    answered = shown_history(page)
    before, address = form_values(page), page.url
    page.locator("[data-open] input[type=file]").set_input_files(NOT_A_HISTORY)
    summary = page.locator("[data-error-summary]")
    expect(summary).to_have_attribute("data-error", "file-not-history")
    expect(summary).to_be_focused()
    message = InputError("file-not-history", "file", NOT_A_HISTORY["name"]).message(MEASURES.language(lang))
    expect(page.locator("[data-open] [data-field-error]")).to_have_text(message)
    expect(page.locator("[data-open] input[type=file]")).to_have_attribute("aria-invalid", "true")
    assert form_values(page) == before and page.url == address
    assert shown_history(page) == answered


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_reminder_downloads_as_a_calendar_over_the_renewal_time_limit(page, site_url, lang, tmp_path):
    page.goto(site_url + ROOTS[lang] + RUNS_PERMALINK)
    shown_history(page)
    with page.expect_download() as downloading:
        page.get_by_role("button", name=typeset(LABELS["hist_ics"][lang], lang)).click()
    saved = tmp_path / downloading.value.suggested_filename
    downloading.value.save_as(saved)
    assert saved.suffix == ".ics"
    text = saved.read_bytes().decode("utf-8")
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2:] == ["END:VCALENDAR", ""]
    _, first_day, last_day = renewal_days(MEASURES, cpython(RUNS_PERMALINK, lang))
    assert f"DTSTART;VALUE=DATE:{first_day:%Y%m%d}" in lines
    assert f"DTEND;VALUE=DATE:{last_day + timedelta(days=1):%Y%m%d}" in lines


def test_a_hostile_file_is_refused_as_text(page, site_url):
    """Markup in a file's name and in its values stays text: refused on the file's field, nothing runs."""
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    payload = '<img src=x onerror="alert(1)">'
    saved = {"format": FORMAT, "version": 1, "items": [{"document": payload, "issued": "2020-01-01",
                                                        "expiry": "2020-12-31"}], "period": None, "span": None}
    page.goto(site_url + HISTORY)
    page.locator("[data-open] input[type=file]").set_input_files(
        {"name": payload + ".json", "mimeType": "application/json", "buffer": json.dumps(saved).encode()})
    expect(page.locator("[data-error-summary]")).to_have_attribute("data-error", "unknown-document")
    field = page.locator("[data-open]")
    expect(field.locator("[data-field-error]")).not_to_be_empty()
    assert field.locator("img").count() == 0 and page.locator("[data-error-summary] img").count() == 0
    assert dialogs == [] and page.errors == []
