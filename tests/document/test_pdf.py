"""The information document (PDF) says what the content says, in its languages, side by side.

Every expected value is read from content/ (never copied here); the PDF's left half is read as French,
its right half as English, so each check also says the point is in the right language's column."""
from __future__ import annotations

import re
from datetime import date

import pytest

from checker import load_measures
from generator.words import all_sources
from tests.catalogue import filled, format_date, load_project_content

from .conftest import CONTENT, load
from .pdf import fonts, squash, structure_languages

SITE = load("site.yml")
from tests.catalogue import LABELS  # noqa: E402
MEASURES = load("measures.yml")
PREFECTURE = load("prefectures/cher.yml")
PROCEDURES = [load(f"procedures/{path.name}") for path in sorted((CONTENT / "procedures").glob("*.yml"))]
DOCUMENTS = {d["id"]: d["name"] for d in MEASURES["documents"]}
TEXTS = {t["id"]: t for t in MEASURES["legal_texts"]}
LANGS = ("fr", "en")
# The running header and footer, « French · English », printed on every page over both columns.
RUNNING = [f"{LABELS['doc_title']['fr']} · {LABELS['doc_title']['en']}",
           # The publisher of the site, not the prefecture whose contacts it gives.
           " · ".join(load("publishers/exemple.yml")["name"][lang] for lang in ("fr", "en")),
           f"{LABELS['doc_unofficial']['fr']} · {LABELS['doc_unofficial']['en']}"]


@pytest.fixture(scope="module")
def columns(pdf) -> dict[str, str]:
    """Each language's column as one text: without the running header and footer, page numbers and
    list bullets, so a paragraph that runs over a page break reads as one."""
    cleaned = {}
    for lang, text in pdf.columns.items():
        text = squash(text).replace("•", "")
        for running in RUNNING:
            text = text.replace(squash(running), "")
        cleaned[lang] = re.sub(r"Page\d+/\d+", "", text)
    return cleaned


def assert_says(text: str, column: str) -> None:
    assert squash(text) in column, f"{text!r} is not in the PDF"


def display(url: str) -> str:
    return re.sub(r"^(mailto:|https?://)", "", url).rstrip("/")


def window_section(column: str, start: date, end: date, lang: str) -> str:
    """The text under one window's heading, up to the next window's heading."""
    heading = squash(LABELS["from_to"][lang].format(start=format_date(start, lang), end=format_date(end, lang)))
    assert heading in column, f"no heading for the window {start} – {end}"
    after = column[column.index(heading) + len(heading):]
    next_window = after.find(squash(LABELS["col_window"][lang]))
    return after if next_window < 0 else after[:next_window]


@pytest.mark.parametrize("lang", LANGS)
def test_title_purpose_and_unofficial_status_in_each_language(lang, columns):
    last_day = format_date(load_measures().last_extended_day(), lang)
    for key in ("doc_title", "doc_subtitle", "doc_purpose", "not_official"):
        assert_says(LABELS[key][lang].replace("{last_day}", last_day), columns[lang])
    # Told in the past: the extensions are over.
    assert squash({"fr": "peut rester valide", "en": "may still be valid"}[lang]) not in squash(columns[lang])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("rule", MEASURES["rules"], ids=lambda r: f"rule {r['id']}, {r['legal_basis']['text']}")
def test_each_rule_gives_its_window_days_documents_and_article(lang, rule, columns):
    window = rule["expiry_window"]
    section = window_section(columns[lang], window["start"], window["end"], lang)
    assert squash(filled(LABELS["doc_extension"][lang], lang, days=rule["extension_days"])) in section
    for document in rule["documents"]:
        assert squash(DOCUMENTS[document][lang]) in section
    basis = rule["legal_basis"]
    for reference in (basis, basis.get("as_amended_by")):
        if reference:
            text = TEXTS[reference["text"]]
            number = re.search(r"\d{4}-\d+", text["id"]).group()
            assert squash(number) in section and squash(format_date(text["signed"], lang)) in section
            assert squash(reference["article"]) in section


def test_both_windows_and_both_lengths_are_there(columns):
    # The issue's summary: two windows, 180 and 90 days. Read from the rules, not assumed.
    windows = {(r["expiry_window"]["start"], r["expiry_window"]["end"]) for r in MEASURES["rules"]}
    lengths = {r["extension_days"] for r in MEASURES["rules"]}
    assert len(windows) == 2 and lengths == {180, 90}
    for lang in LANGS:
        for start, end in windows:
            window_section(columns[lang], start, end, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_counting_convention_exclusions_scope_rights_and_later_years(lang, columns):
    column = columns[lang]
    for text in (MEASURES["counting"]["convention"], MEASURES["scope"],
                 MEASURES["rights_source"], MEASURES["later_extensions"], *(r["text"] for r in MEASURES["rights"])):
        assert_says(text[lang], column)
    # The note on "6 months" as the checker fills it in from the rules (its numbers are the rules').
    assert_says(load_measures().counting.months_note.in_(lang), column)
    for exclusion in MEASURES["exclusions"]:
        assert_says(exclusion["reason"][lang], column)
        for document in exclusion["documents"]:
            assert_says(DOCUMENTS[document][lang], column)


@pytest.mark.parametrize("lang", LANGS)
def test_legal_texts_with_titles_dates_and_links(pdf, lang, columns):
    for text in MEASURES["legal_texts"]:
        assert_says(text["title"][lang], columns[lang])
        assert_says(format_date(text["published"], lang), columns[lang])
        assert_says(display(text["url"]), columns[lang])
        assert text["url"] in pdf.links


@pytest.mark.parametrize("lang", LANGS)
def test_the_procedures_today_and_the_2020_service_in_the_past(pdf, lang, columns):
    column = columns[lang]
    for procedure in PROCEDURES:
        assert_says(procedure["title"][lang], column)
        assert_says(procedure["summary"][lang], column)
    today = SITE["current_service"]
    assert_says(display(today["url"]), column)
    assert today["url"] in pdf.links
    service = SITE["service_2020"]
    assert_says(service["text"][lang], column)
    assert_says(display(service["url"]), column)
    assert not [link for link in pdf.links if display(service["url"]).split("/")[0] in link]  # no link: it closed
    for step in service["after_request"]:
        assert_says(step[lang], column)


@pytest.mark.parametrize("lang", LANGS)
def test_the_publishing_prefecture_and_its_contacts(pdf, lang, columns):
    column = columns[lang]
    for text in (PREFECTURE["name"][lang], *PREFECTURE["address"], PREFECTURE["phone"], display(PREFECTURE["website"])):
        assert_says(text, column)
    assert PREFECTURE["website"] in pdf.links
    # No press office: residents are pointed to the help of today instead.
    assert "press" not in PREFECTURE and squash(LABELS["press"][lang]) not in squash(column)
    assert squash(LABELS["help_today"][lang]) in squash(column)


@pytest.mark.parametrize("lang", LANGS)
def test_date_of_the_information_and_its_sources(pdf, lang, columns):
    # Every source the site cites (the legal notice's list), the legal texts included.
    sources = all_sources(load_project_content())
    dated = [s["date"] for s in sources if "date" in s]
    # No date of verification: the information is dated by its newest source.
    assert_says(LABELS["doc_information_date"][lang].format(date=format_date(max(dated), lang)), columns[lang])
    for source in sources:
        title = source["title"]
        assert_says(title.in_(lang) if hasattr(title, "in_") else title[lang], columns[lang])
        assert_says(format_date(source["date"], lang) if "date" in source else LABELS["undated"][lang],
                    columns[lang])
        assert "url" not in source or source["url"] in pdf.links


def test_every_page_has_the_running_header_the_unofficial_notice_and_its_number(pdf):
    count = len(pdf.pages)
    for number, text in enumerate(pdf.pages, start=1):
        for running in RUNNING:
            assert_says(running, squash(text))
        assert squash(f"Page {number} / {count}") in squash(text)


def test_french_typography(pdf):
    french = pdf.columns["fr"]
    for character in "éèêàç«»’":
        assert character in french, f"{character!r} missing from the French text"
    assert "\ufffd" not in french and "'" not in french  # no missing glyph, curly apostrophes only
    assert "\u00a0:" in french and "\u00a0;" in french and "«\u00a0" in french
    assert not re.search(r"[ \t\n][:;?!»]", french), "a breakable space before : ; ? ! or »"
    assert not re.search(r"«[ \t\n]", french), "a breakable space after «"


def test_fonts_are_embedded(pdf):
    used = fonts(pdf.reader)
    assert used
    for name, descriptor in used.items():
        # The stylesheet's own font (its @font-face, Debian's DejaVu file), not whatever the system would pick.
        assert name.split("+")[-1] in ("Notice-Sans", "Notice-Sans-Bold"), name
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), f"{name} is not embedded"


def test_metadata_title_author_language(pdf):
    info = pdf.reader.metadata
    for lang in LANGS:
        assert squash(LABELS["doc_title"][lang]) in squash(info.title)
    assert info.author == load("publishers/exemple.yml")["name"]["fr"].replace("'", "\u2019")  # not the prefecture
    catalog = pdf.reader.trailer["/Root"]
    assert catalog["/Lang"] == "fr"


def test_tagged_pdf_with_the_english_half_marked_english(pdf):
    catalog = pdf.reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in catalog
    assert structure_languages(pdf.reader).get("en", 0) > 0
    xmp = catalog["/Metadata"].get_object().get_data()
    assert re.search(rb'pdfuaid:part="1"|<pdfuaid:part>1<', xmp), "not declared PDF/UA-1"
