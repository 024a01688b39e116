"""Where the keyboard's focus is, and whether it shows: what the keyboard tests and the visit of every page
(tests/browser/test_accessibility.py) read after each press of a key."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page

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
