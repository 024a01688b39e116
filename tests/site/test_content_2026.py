"""What a reader in 2026 needs, read from the content and checked in the built pages, the PDF and the checker's
answers: each procedure's cost today (a dated value, the 2020 fee left as 2020's), loi 2020-734 cited as « art. 15 »
without a paragraph, what followed an extension that ended unrenewed, and the short-stay visas' APS."""
from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest

from checker import check, load_measures
from generator.words import Words
from generator.document import notice_file
from tests.catalogue import LABELS, catalogue, format_date, load_project_content, settings

from ..document.pdf import DOCUMENT_PATH, read_pdf, squash
from .pages import LANGUAGES, PAGE_PATHS, PROCEDURE_SLUGS, page_file, read_page

CONTENT = load_project_content()
PROCEDURES = {p["slug"]: p for p in CONTENT.procedures}


def said(text: str) -> str:
    # Without the direction isolates plain text carries around a French run in Arabic (a page marks it instead).
    text = re.sub("[\u2066-\u2069]", "", html.unescape(re.sub("<[^>]+>", "", str(text))))
    # Text, not typography: the typographic apostrophe the pages set (checker.typography) read as the typed one.
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2019", "'").split())


def page_text(site, lang, path) -> str:
    return said(read_page(page_file(site, lang, path)).text)


def shown(text, lang) -> str:
    """A content text as a page shows it: placeholders filled, typography set."""
    return said(Words.of(CONTENT, lang).tr(text))


def today_value(fee):
    """The newest dated value when it took effect after the year the 2020 part speaks of, else None."""
    newest = fee["values"][0]
    return newest if "since" in newest and newest["since"].year > fee["year"] else None


@pytest.fixture(scope="module")
def pdf(built_site):
    return read_pdf(built_site / DOCUMENT_PATH)


@pytest.mark.parametrize("slug", PROCEDURE_SLUGS)
@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_the_today_part_gives_the_cost_now_with_its_basis_and_sources(built_site, lang, slug):
    fee = PROCEDURES[slug]["fee"]
    text = page_text(built_site, lang, f"procedures/{slug}/")
    start = text.index(shown(PROCEDURES[slug]["today"]["text"], lang))
    today = text[start:text.index(said(LABELS["documents"][lang]), start)]
    words = Words.of(CONTENT, lang)
    assert said(LABELS["cost_today"][lang]) in today
    value = today_value(fee)
    if value is not None:
        assert said(words.money(value["amount"])) in today and format_date(value["since"], lang) in today
    else:
        assert said(LABELS["cost_today_unknown"][lang]) in today
    assert shown(fee["today"]["basis"], lang) in today
    if "unverified" in fee["today"]:
        assert shown(fee["today"]["unverified"], lang) in today
    for source in fee["today"]["sources"]:
        assert shown(source["title"], lang) in today
    # The 2020 part keeps 2020's amount and says nothing of a later one.
    fee_part = text.index(said(LABELS["fee"][lang]), text.index(said(LABELS["documents"][lang]), start))
    then = text[fee_part:text.index(said(LABELS["steps"][lang]), fee_part)]
    amount = next(v["amount"] for v in fee["values"] if "since" not in v or v["since"].year <= fee["year"])
    assert (said(words.money(amount)) if amount else said(LABELS["free"][lang])) in then
    if value is not None:
        assert format_date(value["since"], lang) not in then


def notice_columns(built_site, lang: str) -> list[str]:
    """The column of `lang` in each notice written in it (at least one), squashed. A language written right to left
    is read in the notice's HTML twin instead: a PDF's text mixing two directions does not come out in reading
    order, and tests/document/test_translated_notice.py checks that the PDF gives back every word of that twin."""
    if catalogue(lang)["locale"]["direction"] == "rtl":
        return [squash(page_text(built_site, lang, "notice/"))]
    columns = [squash(read_pdf(built_site / notice_file(index, pair), pair).columns[lang])
               for index, pair, code in NOTICE_COLUMNS if code == lang]
    assert columns, f"no notice is written in {lang}"
    return columns


NOTICE_COLUMNS = [(index, tuple(pair), lang) for index, pair in enumerate(settings().documents) for lang in pair]


@pytest.mark.parametrize("index, pair, lang", NOTICE_COLUMNS, ids=lambda value: "-".join(value)
                         if isinstance(value, tuple) else str(value))
def test_each_notice_gives_each_procedures_cost_today_in_each_of_its_languages(built_site, index, pair, lang):
    column = squash(read_pdf(built_site / notice_file(index, pair), pair).columns[lang])
    assert squash(LABELS["cost_today"][lang]) in column
    for procedure in CONTENT.procedures:
        value = today_value(procedure["fee"])
        if value is not None:
            # The amount beside its unit: a right-to-left column may come out of the PDF unit first.
            amount = str(value["amount"])
            unit = re.escape(squash(Words.of(CONTENT, lang).money(value["amount"])).replace(amount, "", 1))
            assert re.search(f"(?<!\\d){amount}{unit}|{unit}{amount}(?!\\d)", column), (procedure["slug"], amount)


def test_loi_2020_734_art_15_is_cited_without_a_paragraph_in_the_content():
    bases = [r.legal_basis for r in CONTENT.rules.rules] + [b for e in CONTENT.rules.exclusions for b in e.legal_bases]
    cited = [b for b in bases if b.text.id == "loi-2020-734"]
    assert cited and {b.article for b in cited} == {"15"}


ART_15_PARAGRAPH = re.compile(r"15\s*,\s*(I|II|III|IV)\b")


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_no_page_gives_art_15_a_paragraph(built_site, lang):
    for path in [*PAGE_PATHS, *(f"procedures/{slug}/" for slug in PROCEDURE_SLUGS)]:
        assert not ART_15_PARAGRAPH.search(page_text(built_site, lang, path)), path


def test_neither_the_pdf_nor_the_answers_give_art_15_a_paragraph(pdf):
    assert not ART_15_PARAGRAPH.search(" ".join(pdf.pages))
    measures = load_measures()
    for code in LANGUAGES:
        for rule in measures.rules:
            answer = check(measures, rule.documents[0], rule.expiry_window.end, lang=code)
            assert not ART_15_PARAGRAPH.search(answer.explanation + " ".join(answer.legal_basis))
        answer = check(measures, "visa-court-sejour", measures.rules[-1].expiry_window.start, lang=code)
        assert not ART_15_PARAGRAPH.search(answer.explanation + " ".join(answer.legal_basis))


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_what_followed_an_unrenewed_extension_is_on_the_measures_page_and_in_the_notice(built_site, lang):
    after = CONTENT.measures["after_extension"]
    text = page_text(built_site, lang, "prolongation/")
    start = text.index(shown(CONTENT.measures["today"][0], lang))
    assert shown(after, lang) in text[start:text.index(said(LABELS["rules_table"][lang]), start)]
    for column in notice_columns(built_site, lang):
        assert squash(shown(after, lang)) in column


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_an_answer_for_a_day_after_the_extended_end_says_what_followed(lang):
    measures = load_measures()
    after = said(measures.after_extension.in_(lang))
    rule = measures.rules[0]
    expiry = rule.expiry_window.start
    end = expiry + timedelta(days=rule.extension_days)
    later = check(measures, rule.documents[0], expiry, on=end + timedelta(days=1), lang=lang)
    assert later.valid_on is False and after in said(later.explanation)
    # Not on the last valid day, nor when no date is asked, nor for a document no rule extended.
    for answer in (check(measures, rule.documents[0], expiry, on=end, lang=lang),
                   check(measures, rule.documents[0], expiry, lang=lang),
                   check(measures, "visa-court-sejour", expiry, on=end + timedelta(days=1), lang=lang)):
        assert after not in said(answer.explanation)


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_short_stay_visas_were_not_extended_and_the_aps_lasted_with_the_emergency(built_site, lang):
    text = page_text(built_site, lang, "prolongation/")
    exclusion = next(e for e in CONTENT.measures["exclusions"] if e["id"] == "visa-court-sejour")
    assert shown(exclusion["reason"], lang) in text
    # The decree that ended the state of emergency in French Guiana and Mayotte is among the texts listed.
    decree = next(t for t in CONTENT.rules.legal_texts if t.id == "decret-2020-1143")
    assert said(decree.title.in_(lang)) in text


@pytest.mark.parametrize("slug", PROCEDURE_SLUGS)
def test_the_today_part_cites_sources_about_the_procedure_itself(slug):
    # The change-of-address page is the source of the change of address only.
    sources = PROCEDURES[slug]["today"]["sources"]
    if slug != "changement-adresse":
        assert not [s for s in sources if "F35807" in s.get("url", "")], slug


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_resident_card_and_naturalisation_are_told_apart_with_their_sources(built_site, lang):
    text = page_text(built_site, lang, "prolongation/")
    paragraph = next(p for p in CONTENT.measures["today"] if "21-17" in p[lang])
    assert "F17359" in paragraph[lang] and shown(paragraph, lang) in text
    legal = page_text(built_site, lang, "mentions-legales/")
    cited = [s for s in CONTENT.site["sources"] if "21-17" in s["url"] or "F17359" in s["url"]]
    assert len(cited) == 2 and all(shown(s["title"], lang) in legal for s in cited)


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_the_legal_notice_says_how_to_get_help_today_with_sources(built_site, lang):
    legal = page_text(built_site, lang, "mentions-legales/")
    assert said(LABELS["help_today"][lang]) in legal
    for way in CONTENT.site["help_today"]:
        assert shown(way, lang) in legal
    for source in CONTENT.site["help_sources"]:
        assert shown(source["title"], lang) in legal and source["url"] in str(read_page(
            page_file(built_site, lang, "mentions-legales/")).links)


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_each_notice_says_how_to_get_help_today(built_site, lang):
    for column in notice_columns(built_site, lang):
        for way in CONTENT.site["help_today"]:
            assert squash(shown(way, lang)) in column


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_our_notice_is_an_unofficial_summary_that_sends_readers_to_the_official_texts(built_site, lang):
    notice = page_text(built_site, lang, "notice/")
    assert said(LABELS["notice_title"][lang]) in notice
    purpose = said(Words.of(CONTENT, lang).label("doc_purpose"))
    assert purpose in notice and "Légifrance" in purpose
