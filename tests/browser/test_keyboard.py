"""Keyboard only, in Chromium: the calculator is reached, filled, submitted and its answer reached with Tab,
Shift+Tab, arrows and Enter; every focused control shows its focus (an outline or a box-shadow). (Every Tab stop of
every page: tests/browser/test_accessibility.py, in its visit of each page.)"""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from .focus import assert_focus_shown, focused, tab_until
from .widget import calculator_url, shown_answer

ROOT = Path(__file__).resolve().parents[2]
from tests.catalogue import LABELS, LANGUAGES  # noqa: E402
from checker.typography import curl_apostrophes  # noqa: E402

LANGS = list(LANGUAGES)
def is_document_select(stop: dict) -> bool:
    return stop["name"] == "document" and stop["inCalculatorForm"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_calculator_is_filled_submitted_and_its_answer_reached_with_the_keyboard(page, site_url, lang):
    page.goto(calculator_url(site_url, lang))
    expect(page.locator("[data-progress]")).to_have_text(curl_apostrophes(LABELS["calc_ready"][lang]))
    select, _ = tab_until(page, is_document_select)
    assert_focus_shown(select)
    page.keyboard.press("ArrowDown")  # the first document of the list
    expect(page.locator("select[name=document]")).to_have_value("titre-de-sejour")

    # Each date in three fields, day, month and year, in that order whatever the writing direction.
    for name, typed in (("expiry", ("16", "03", "2020")), ("issued", ("", "", "")), ("on", ("", "", ""))):
        for part, value in zip(("day", "month", "year"), typed):
            page.keyboard.press("Tab")
            field = focused(page)
            assert field["name"] == f"{name}-{part}"
            assert_focus_shown(field)
            page.keyboard.type(value)
    page.keyboard.press("Tab")
    submit = focused(page)
    assert submit["type"] == "submit"
    assert_focus_shown(submit)
    page.keyboard.press("Enter")

    # Ordonnance 2020-328, art. 1 as amended: 16 March 2020 + 180 days.
    assert shown_answer(page)["valid_until"] == "2020-09-12"
    # Announced and in view: the answer's heading takes the focus (tests/browser/test_answer_in_view.py), and the
    # next Tab goes into the answer (its links, its print button).
    region = page.locator(".calc__answer")
    heading = region.locator(".calc__result :is(h2, h3)").first
    expect(heading).to_have_text(curl_apostrophes(LABELS["calc_result"][lang]))
    expect(heading).to_be_focused()
    page.keyboard.press("Tab")
    inside = focused(page)
    assert inside["inAnswer"], f"Tab after the answer went to {inside['what']}"
    assert_focus_shown(inside)
    # Every control of the answer shows focus, and Shift+Tab goes back the same way to the button.
    count = 1
    while True:
        page.keyboard.press("Tab")
        now = focused(page)
        if not now["inAnswer"]:
            break
        assert_focus_shown(now)
        count += 1
    assert count >= 2  # at least a legal text link and the print button
    for _ in range(count + 1):
        page.keyboard.press("Shift+Tab")
    assert focused(page)["type"] == "submit"


@pytest.mark.parametrize("lang", LANGS)
def test_enter_in_the_date_field_submits_and_an_error_leaves_focus_there_to_correct_it(page, site_url, lang):
    page.goto(calculator_url(site_url, lang))
    tab_until(page, is_document_select)
    page.keyboard.press("ArrowDown")
    for value in ("30", "02", "2020"):  # no such day
        page.keyboard.press("Tab")
        page.keyboard.type(value)
    page.keyboard.press("Enter")
    # GOV.UK's pattern: the focus moves to the error summary (read out from there), whose link leads back to
    # the wrong field, the day, marked invalid.
    summary = page.locator("[data-calculator] [data-error-summary]")
    expect(summary).to_have_attribute("data-error", "impossible-date")
    expect(summary).to_be_focused()
    expect(page.locator("input[name=expiry-day]")).to_have_attribute("aria-invalid", "true")
    page.keyboard.press("Tab")
    assert_focus_shown(focused(page))
    page.keyboard.press("Enter")
    assert focused(page)["name"] == "expiry-day"
    # Correct it in place, Enter again: the answer comes, the error marks go.
    page.keyboard.press("Control+A")
    page.keyboard.type("16")
    page.keyboard.press("Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("03")
    page.keyboard.press("Enter")
    assert shown_answer(page)["valid_until"] == "2020-09-12"
    expect(summary).to_be_hidden()
    expect(page.locator("input[name=expiry-day]")).not_to_have_attribute("aria-invalid", "true")


def test_the_language_menu_is_used_with_the_keyboard(page, site_url):
    page.goto(calculator_url(site_url, "fr"))
    english, _ = tab_until(page, lambda stop: stop["what"].startswith("a.md-select__link") and "English" in stop["what"])
    assert_focus_shown(english)
    expect(page.locator(".md-select__link[hreflang=en]")).to_be_visible()  # the menu opened on focus
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + "en/calculateur/")
