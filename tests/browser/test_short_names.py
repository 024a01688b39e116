"""Short names of document types, in every language: the lists to choose a document from and the residence
history's table show each document's short name; the calculator's explanation, where the document is explained,
still names it in full. Both names are read from the checker's rules (content/measures.yml)."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from checker import load_measures
from tests.catalogue import LANGUAGES, typeset

from .states import CALCULATOR, HISTORY, ISSUE_PERMALINK, ROOTS
from .widget import calculator_url, shown_answer

MEASURES = load_measures()
PERMIT = MEASURES.document("titre-de-sejour")  # the permalink's document


def short(document, lang: str) -> str:
    return typeset(document.short_name.in_(lang), lang)


def full(document, lang: str) -> str:
    return typeset(document.name.in_(lang), lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_lists_and_the_history_table_show_short_names_and_the_explanation_the_full_one(page, site_url, lang):
    assert short(PERMIT, lang) != full(PERMIT, lang)  # the content gives the permit a shorter name
    for path, lists in ((CALCULATOR, 1), (HISTORY, 3), ("prolongation/", 1)):
        page.goto(site_url + ROOTS[lang] + path)
        selects = page.locator(".md-content select[name=document]")
        expect(selects).to_have_count(lists)
        for index in range(lists):
            options = selects.nth(index).locator("option[value]:not([value=''])")
            assert options.evaluate_all("(all) => all.map((o) => [o.value, o.textContent])") == [
                [document.id, short(document, lang)] for document in MEASURES.documents]
    page.goto(site_url + ROOTS[lang] + ISSUE_PERMALINK)
    first_column = page.locator(".hist__result table").first.locator("tbody tr td:first-child")
    expect(first_column).to_have_text([short(PERMIT, lang)] * 2, timeout=90_000)
    page.goto(calculator_url(site_url, lang, document="titre-de-sejour", expiry="2020-05-16"))
    answer = shown_answer(page)
    assert full(PERMIT, lang) in answer["explanation"]
    assert full(PERMIT, lang) in page.locator(".calc__result").text_content()
