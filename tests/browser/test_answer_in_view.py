"""The answer in view: when an answer or an error appears, whether a shared link brought it or a submit, the page
scrolls to it and its heading (or the error summary) takes the focus, as GOV.UK moves the focus to what changed;
a screen reader reads it once, from the focus (the answer region is not also a live region)."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.catalogue import LABELS, LANGUAGES

from .states import ANSWER_MS, CALCULATOR, CALCULATOR_ERRORS, ISSUE_PERMALINK, ROOTS

PHONE = {"width": 390, "height": 844}
LINKS = {
    "calculator": (CALCULATOR + "?document=titre-de-sejour&expiry=2020-05-16&issued=2019-05-17&on=2020-09-01",
                   "[data-calculator]"),
    "history": (ISSUE_PERMALINK, "[data-history]"),
}


def in_viewport(page: Page, locator) -> bool:
    box = locator.bounding_box()
    header = page.locator(".md-header").bounding_box()
    return box is not None and header["height"] <= box["y"] and box["y"] + box["height"] <= PHONE["height"]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("tool", LINKS)
def test_a_shared_links_answer_is_in_view_with_its_heading_focused(page, site_url, lang, tool):
    path, widget = LINKS[tool]
    page.set_viewport_size(PHONE)
    page.goto(site_url + ROOTS[lang] + path)
    heading = page.locator(f"{widget} [data-answer-region] :is(h2, h3)").first
    expect(heading).to_have_text(LABELS["calc_result"][lang], timeout=ANSWER_MS)
    expect(heading).to_be_focused()
    assert in_viewport(page, heading), heading.bounding_box()
    # Read once: from the focus, with the verdict as the heading's description; no live region repeats it.
    verdict = page.locator(f"{widget} .calc__verdict")
    assert heading.get_attribute("aria-describedby") == verdict.get_attribute("id")
    assert page.locator(f"{widget} [aria-live]").count() == 0
    assert page.errors == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_shared_links_error_is_in_view_with_the_summary_focused(page, site_url, lang):
    page.set_viewport_size(PHONE)
    page.goto(site_url + ROOTS[lang] + CALCULATOR + "?" + CALCULATOR_ERRORS["impossible-date"])
    summary = page.locator("[data-calculator] [data-error-summary]")
    expect(summary).to_have_attribute("data-error", "impossible-date", timeout=ANSWER_MS)
    expect(summary).to_be_focused()
    assert in_viewport(page, summary.locator(":is(h2, h3)").first)


def test_a_link_does_not_take_the_focus_from_a_person_already_typing(page, site_url):
    """The answer of a shared link comes seconds after the page: by then the person may be typing elsewhere. Python's
    runtime is held back until the person has put the focus in the form."""
    page.set_viewport_size(PHONE)
    held = []
    page.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    with page.expect_request("**/pyodide.asm.wasm"):
        page.goto(site_url + LINKS["history"][0])
    field = page.locator("[data-item] select").first
    field.focus()
    assert held, "the runtime's request was not held"
    for route in held:
        route.continue_()
    expect(page.locator("[data-history] .calc__verdict")).to_be_visible(timeout=ANSWER_MS)
    expect(field).to_be_focused()
