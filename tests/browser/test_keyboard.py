"""Keyboard only, in Chromium: the calculator is reached, filled, submitted and its answer reached with Tab,
Shift+Tab, arrows and Enter; every focused control shows its focus (an outline or a box-shadow)."""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .axe import site_pages
from .widget import calculator_url, shown_answer

ROOT = Path(__file__).resolve().parents[2]
from tests.catalogue import LABELS, LANGUAGES  # noqa: E402
from checker.typography import curl_apostrophes  # noqa: E402

LANGS = list(LANGUAGES)
MAX_TABS = 200  # more stops than any page has

# The focused element, and whether its focus shows: its own outline or box-shadow, on a box one can see.
# Material's search keeps a Tab stop on its closed (zero-height) results list; site.css outlines the search
# field while focus is anywhere in the search, so that field is where focus shows.
FOCUSED = """() => {
  const element = document.activeElement;
  const shownOn = element.closest(".md-search__inner")?.querySelector(".md-search__form") ?? element;
  const style = getComputedStyle(shownOn);
  const box = shownOn.getBoundingClientRect();
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow !== "none";
  return {
    what: `${element.tagName.toLowerCase()}${element.name ? `[name=${element.name}]` : ""}`
      + `${element.className ? "." + String(element.className).trim().split(/\\s+/).join(".") : ""}`
      + ` "${(element.textContent || element.value || "").trim().slice(0, 40)}"`,
    name: element.getAttribute("name"),
    type: element.getAttribute("type"),
    inAnswer: element.closest(".calc__answer") !== null,
    inCalculatorForm: element.closest("[data-calculator] form") !== null,
    shown: (outline || shadow) && box.width > 0 && box.height > 0,
    style: `outline: ${style.outlineStyle} ${style.outlineWidth}; box-shadow: ${style.boxShadow}; `
      + `box: ${Math.round(box.width)}x${Math.round(box.height)}`,
  };
}"""


def focused(page: Page) -> dict:
    return page.evaluate(FOCUSED)


def tab_until(page: Page, arrived, key: str = "Tab") -> tuple[dict, list[dict]]:
    """Press `key` until `arrived(focused)` holds; return where focus is and every stop on the way."""
    stops = []
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        now = focused(page)
        stops.append(now)
        if arrived(now):
            return now, stops
    pytest.fail(f"not reached after {MAX_TABS} presses of {key}; stops: {[stop['what'] for stop in stops]}")


def assert_focus_shown(stop: dict) -> None:
    assert stop["shown"], f"focus not visible on {stop['what']} ({stop['style']})"


def is_document_select(stop: dict) -> bool:
    return stop["name"] == "document" and stop["inCalculatorForm"]


def test_every_tab_stop_of_every_page_shows_focus(page, built_site, site_url):
    paths = site_pages(built_site)
    hidden, stops_seen = [], 0
    for path in paths:
        page.goto(site_url + path)
        # Once round the page: Tab from the top until focus leaves the last stop for the document itself.
        _, stops = tab_until(page, lambda stop: stop["what"].startswith("body"))
        stops = stops[:-1]
        stops_seen += len(stops)
        hidden += [f"/{path}: {stop['what']} ({stop['style']})" for stop in stops if not stop["shown"]]
    assert hidden == [], f"{len(hidden)} of {stops_seen} Tab stops show no focus:\n  " + "\n  ".join(hidden)
    assert stops_seen > 20 * len(paths)


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
