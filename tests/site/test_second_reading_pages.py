"""Issue 23's second reading (items 10 to 14) as the built site shows it: every page and every notice read back (the
PDFs with pdftotext) with typographic apostrophes, the service's full name, the DCEM's 2020 status, the accessibility
statement's date, the Cher link named for what it is, French citations (« art. 1er », lower case), and the texts'
history not named like the residence-history tool. The words themselves: tests/content/test_second_reading.py."""
from __future__ import annotations

import re
import subprocess

import pytest

from generator.words import Words
from tests.catalogue import LABELS, format_date, load_project_content

from .pages import LANGUAGES, PAGE_PATHS, page_file, read_page

CONTENT = load_project_content()
PROCEDURES = {p["slug"]: p for p in CONTENT.procedures}
TYPEWRITER_APOSTROPHE = re.compile(r"[^\W\d_]'")


def said(text) -> str:
    text = re.sub("[\u2066-\u2069]", "", str(text))
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def page_text(site, lang, path) -> str:
    return said(read_page(page_file(site, lang, path)).text)


def shown(text, lang) -> str:
    return said(re.sub("<[^>]+>", "", str(Words.of(CONTENT, lang).tr(text))))


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_every_page_sets_typographic_apostrophes(built_site, lang):
    for path in PAGE_PATHS:
        found = TYPEWRITER_APOSTROPHE.findall(page_text(built_site, lang, path))
        assert found == [], (lang, path, found[:5])


def test_every_notice_sets_typographic_apostrophes(built_site):
    notices = sorted((built_site / "documents").glob("*.pdf"))
    assert notices
    for notice in notices:
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(notice), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert "\u2019" in text and TYPEWRITER_APOSTROPHE.findall(text) == [], notice.name


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_the_home_page_names_the_service_in_full(built_site, lang):
    assert shown(CONTENT.site["current_service"]["name"], lang) in page_text(built_site, lang, "")


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_the_dcem_page_says_what_is_known_of_its_2020_extension(built_site, lang):
    text = page_text(built_site, lang, "procedures/dcem/")
    for note in PROCEDURES["dcem"]["notes"]:
        assert shown(note, lang) in text


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_the_accessibility_statement_carries_its_date(built_site, lang):
    dated = LABELS["accessibility_date"][lang].format(date=format_date(CONTENT.site["accessibility_updated"], lang))
    assert said(Words.of(CONTENT, lang).set(dated)) in page_text(built_site, lang, "accessibilite/")


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_the_legal_notice_names_the_cher_link_as_its_home_page(built_site, lang):
    cher = next(s for s in CONTENT.site["sources"] if s.get("url") == "http://www.cher.gouv.fr")
    assert shown(cher["title"], lang) in page_text(built_site, lang, "mentions-legales/")


def test_french_pages_cite_the_first_article_and_texts_in_lower_case_mid_sentence(built_site):
    text = page_text(built_site, "fr", "prolongation/")
    assert "art. 1er" in text and not re.search(r"art\. 1\b(?! bis)", text)
    assert not re.search(r"[,:(;] (Loi|Ordonnance|Décret) n°", text)


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_the_texts_history_is_not_named_like_the_residence_history_tool(built_site, lang):
    html = page_file(built_site, lang, "prolongation/").read_text(encoding="utf-8")
    headings = [said(re.sub("<[^>]+>", "", h)) for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", html, re.S)]
    # The history of the texts under its own heading, which shares no word with the tool's name.
    assert said(LABELS["history"][lang]) in headings
    tool = {w.lower() for w in said(LABELS["nav_history"][lang]).split() if len(w) > 3}
    assert [h for h in headings if tool & {w.lower() for w in h.split()}] == []
