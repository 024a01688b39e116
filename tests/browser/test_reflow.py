"""Reflow (WCAG 1.4.10): at 320 CSS px no page and no state scrolls sideways, in every configured language: every
page of the build, the calculator's answers and each of its input errors, the history with 20 rows, an answer,
20 documents and an error, and both printable summaries as the print button lays them out
(tests/browser/states.py lists them; `make screenshots` photographs the same list)."""
from __future__ import annotations

import pytest

from tests.catalogue import LANGUAGES

from .states import ROOTS, STATES, pages, width

PHONE = {"width": 320, "height": 640}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_scrolls_sideways_on_a_phone(page, site_url, built_site, lang):
    page.set_viewport_size(PHONE)
    wide = {}
    for path in pages(built_site, lang):
        page.goto(site_url + ROOTS[lang] + path)
        page.evaluate("() => document.fonts.ready")
        if width(page) > PHONE["width"]:
            wide[path or "/"] = width(page)
    assert wide == {}, f"wider than {PHONE['width']} px: {wide}"


@pytest.mark.parametrize("state", STATES, ids=lambda state: state.name)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_state_scrolls_sideways_on_a_phone(page, site_url, lang, state):
    page.set_viewport_size(PHONE)
    page.goto(site_url + ROOTS[lang] + state.path)
    state.act(page)
    page.evaluate("() => document.fonts.ready")
    assert width(page) <= PHONE["width"]
