"""Every change of language inside a page is marked with `lang` (RGAA 8.7): words known to be in the other
language are found in the rendered page and their closest `lang` must be that language. (The language menu's names
on every page: tests/browser/test_accessibility.py, in its visit of each page.)"""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from checker import load_measures


ROOT = Path(__file__).resolve().parents[2]
from tests.catalogue import LABELS, LANGUAGES, ROOTS, catalogue, settings  # noqa: E402
from checker.typography import curl_apostrophes  # noqa: E402

LANGUAGE_NAMES = {code: catalogue(code)["locale"]["name"] for code in LANGUAGES}
LANGS = list(LANGUAGES)
# The languages of the notice a page in each language shows: the first configured notice written in it.
NOTICE_LANGUAGES = {code: next(tuple(pair) for pair in settings().documents if code in pair) for code in LANGUAGES}

# The smallest elements whose text holds the needle, and the language each is in (its closest `lang`).
# Apostrophes and spaces are compared loosely: the notice uses typographic ones, the content plain ones.
LANGUAGES_OF = """(needle) => {
  const plain = (text) => text.replace(/[\u2019]/g, "'").replace(/\\s+/g, " ");
  const wanted = plain(needle);
  const holders = [...document.body.querySelectorAll("*")].filter((element) =>
    !element.closest("script, style, noscript, template") && plain(element.textContent).includes(wanted)
    && ![...element.children].some((child) => plain(child.textContent).includes(wanted)));
  return holders.map((element) => ({
    lang: element.closest("[lang]")?.getAttribute("lang") ?? "",
    where: `${element.tagName.toLowerCase()}.${element.className}`,
  }));
}"""


# What the menu's test reads of a page, in one call: the page's language, where each language's name is found (as
# LANGUAGES_OF), and each language link's `lang` and `hreflang`.
MENU_LANGUAGES = f"""(names) => {{
  const languagesOf = {LANGUAGES_OF};
  return {{
    lang: document.documentElement.getAttribute("lang"),
    names: Object.fromEntries(Object.entries(names).map(([code, name]) => [code, languagesOf(name)])),
    links: [...document.querySelectorAll(".md-select__link")].map((link) =>
      [link.getAttribute("lang"), link.getAttribute("hreflang")]),
  }};
}}"""


def languages_of(page: Page, text: str) -> list[dict]:
    return page.evaluate(LANGUAGES_OF, text)


def assert_marked(page: Page, text: str, lang: str, where: str, *, required: bool = True) -> None:
    assert_found_in(languages_of(page, text), text, lang, where, required=required)


def assert_found_in(found: list[dict], text: str, lang: str, where: str, *, required: bool = True) -> None:
    """`text`, found in `found` (LANGUAGES_OF's list), is there (if `required`) and only in language `lang`."""
    assert found or not required, f"{where}: {text!r} is not on the page"
    wrong = [item for item in found if item["lang"] != lang]
    assert wrong == [], f"{where}: {text!r} should be in lang={lang!r}, found in {wrong}"


@pytest.fixture
def quiet_page(page: Page) -> Page:
    # The calculator's runtime is not needed to read the text: keep Chromium from compiling it on every page.
    page.route("**/pyodide/**", lambda route: route.abort())
    return page


@pytest.mark.parametrize("lang", LANGS)
def test_the_notice_page_marks_its_other_language_half(quiet_page, site_url, lang):
    quiet_page.goto(site_url + ROOTS[lang] + "notice/")
    measures = load_measures()
    extended = {document for rule in measures.rules for document in rule.documents}
    for language in NOTICE_LANGUAGES[lang]:
        # Every extended document is named in both halves; the others, where they appear, too.
        for document in measures.documents:
            assert_marked(quiet_page, document.name.in_(language), language, f"notice ({lang})",
                          required=document.id in extended)
        assert_marked(quiet_page, curl_apostrophes(LABELS["not_official"][language]), language, f"notice ({lang})")


@pytest.mark.parametrize(("lang", "text", "text_lang"), [
    ("fr", "Open Licence", "en"),         # Licence Ouverte / Open Licence, the licence's two-language name
    ("en", "Licence Ouverte", "fr"),
    ("ar", "Licence Ouverte", "fr"),
])
def test_other_language_words_in_the_legal_notice_are_marked(quiet_page, site_url, lang, text, text_lang):
    quiet_page.goto(site_url + ROOTS[lang] + "mentions-legales/")
    assert_marked(quiet_page, text, text_lang, f"legal notice ({lang})")


def test_french_names_in_the_english_accessibility_statement_are_marked(quiet_page, site_url):
    quiet_page.goto(site_url + "en/accessibilite/")
    assert_marked(quiet_page, "Défenseur des droits", "fr", "accessibility statement (en)")
