"""Reflow (WCAG 1.4.10): at 320 CSS px no state scrolls sideways, in every configured language: the calculator's
answers and each of its input errors, the history with 20 rows, an answer, 20 documents and an error, and both
printable summaries as the print button lays them out (tests/browser/states.py lists them; `make screenshots`
photographs the same list). Every page of the build as it opens: tests/browser/test_accessibility.py, in its visit
of each page at a phone's width."""
from __future__ import annotations

import pytest

from tests.catalogue import LANGUAGES

from .states import ROOTS, STATES, width

PHONE = {"width": 320, "height": 640}


@pytest.mark.parametrize("state", STATES, ids=lambda state: state.name)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_state_scrolls_sideways_on_a_phone(page, site_url, lang, state):
    page.set_viewport_size(PHONE)
    page.goto(site_url + ROOTS[lang] + state.path)
    state.act(page)
    page.evaluate("() => document.fonts.ready")
    assert width(page) <= PHONE["width"]
