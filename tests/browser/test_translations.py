"""The languages after the first, as a reader of one of them meets the site: a right-to-left language is laid out
right to left, its search finds its own words, the footer says the translation is not official, and the
calculator answers in it, dates written its way. Languages, words and dates come from the configuration and the
catalogues, never from here."""
from __future__ import annotations

import subprocess
import unicodedata
from datetime import date

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from checker import answer_to_dict, check, load_measures
from tests.catalogue import LABELS, LANGUAGES, ROOTS, catalogue, format_date

from .widget import BOOT_TIMEOUT_MS, calculator_url, shown_answer
from checker.typography import curl_apostrophes

DIRECTION = {code: catalogue(code)["locale"]["direction"] for code in LANGUAGES}
TRANSLATIONS = LANGUAGES[1:]


def test_a_right_to_left_language_is_configured():
    assert "rtl" in DIRECTION.values()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_page_says_its_language_and_direction_and_is_laid_out_that_way(page, site_url, lang):
    page.goto(site_url + ROOTS[lang])
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir, document.body.dir]") == [
        lang, DIRECTION[lang], DIRECTION[lang]]
    # The page's heading starts on the side its language starts from.
    heading, content = page.locator("h1").bounding_box(), page.locator(".md-content").bounding_box()
    if DIRECTION[lang] == "rtl":
        assert content["x"] + content["width"] - (heading["x"] + heading["width"]) < 80
    else:
        assert heading["x"] - content["x"] < 80
    # The language menu: every language, each named in itself, marked with its language and direction.
    for code in LANGUAGES:
        link = page.locator(f".md-select__link[hreflang={code}]")
        expect(link).to_have_attribute("lang", code)
        expect(link).to_have_attribute("dir", DIRECTION[code])
        expect(link).to_have_text(catalogue(code)["locale"]["name"], use_inner_text=True)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_footer_says_a_translation_is_not_official(page, site_url, lang):
    page.goto(site_url + ROOTS[lang])
    footer = page.locator(".site-publisher")
    notice = " ".join(curl_apostrophes(LABELS["translation_notice"][lang]).split())
    if lang in TRANSLATIONS:
        expect(footer).to_contain_text(notice)
    else:
        expect(footer).not_to_contain_text(notice)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_finds_a_word_of_the_language(page, site_url, lang):
    """The calculator's title, typed in the search box of a page in its language, leads to the calculator."""
    page.goto(site_url + ROOTS[lang])
    word = LABELS["calculator_title"][lang].split()[0]
    page.locator("label.md-search__icon, .md-search__input").first.click()
    results = page.locator(".md-search-result__item a")
    # The index loads in a worker: what is typed before it is ready finds nothing, so type again until it is. The
    # search runs on a key release: a key without a character (End) follows the word, which is typed in one go
    # (letters that no keyboard of the test's has come with no key event).
    for _ in range(40):
        page.locator(".md-search__input").fill(word)
        page.locator(".md-search__input").press("End")
        try:
            expect(results.first).to_be_visible(timeout=1_000)  # results, once the index is ready
            break
        except AssertionError:
            continue
    expect(results.first).to_be_visible()
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any("calculateur/" in href for href in hrefs), hrefs


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_the_calculator_answers_in_the_language_with_its_dates(page, site_url, lang):
    """The issue's address: a residence card printed 16 May 2020, answered in the page's language."""
    page.goto(calculator_url(site_url, lang, document="titre-de-sejour", expiry="2020-05-16"),
              timeout=BOOT_TIMEOUT_MS)
    answer = shown_answer(page)
    expected = answer_to_dict(check(load_measures(), "titre-de-sejour", date(2020, 5, 16), lang=lang))
    assert answer == expected
    until = format_date(check(load_measures(), "titre-de-sejour", date(2020, 5, 16)).valid_until, lang)
    verdict = page.locator("[data-calculator] .calc__verdict")
    expect(verdict).to_contain_text(until)
    expect(verdict).to_contain_text(curl_apostrophes(LABELS["calc_valid_until"][lang].split("{date}")[0].strip()))
    assert page.evaluate("getComputedStyle(document.querySelector('.calc__answer')).direction") == DIRECTION[lang]


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_the_printed_summary_sets_the_first_language_beside_the_page_language_on_one_page(page, site_url, lang,
                                                                                          tmp_path):
    """An officer reads the first language's half, the person their own; both on one printed page."""
    page.add_init_script("window.print = () => {};")
    page.goto(calculator_url(site_url, lang, document="titre-de-sejour", expiry="2020-03-16"),
              timeout=BOOT_TIMEOUT_MS)
    shown_answer(page)
    page.locator("[data-calculator] .calc__print").click()
    # The summary is laid out for print once the permalink's QR code is drawn.
    page.locator("[data-calculator] [data-permalink-code][data-address]").wait_for(state="attached")
    printed = tmp_path / "summary.pdf"
    printed.write_bytes(page.pdf(format="A4"))
    assert len(PdfReader(printed).pages) == 1
    until = check(load_measures(), "titre-de-sejour", date(2020, 3, 16)).valid_until
    # The first language's half as pdftotext reads it from the print.
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(printed), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(unicodedata.normalize("NFKC", text).split())
    first = LANGUAGES[0]
    assert " ".join(LABELS["calc_summary_title"][first].split()) in flat
    assert format_date(until, first) in flat
    # The page language's half as the printed page holds it: the visitor's own fonts draw it (the site sends
    # none), and a system font's ligatures may not read back as letters, so its text is read from the page.
    half = page.locator(f"[data-summary-lang={lang}]")
    expect(half).to_have_attribute("dir", DIRECTION[lang])
    assert " ".join(LABELS["calc_summary_title"][lang].split()) in half.text_content()
    assert format_date(until, lang) in half.text_content()
