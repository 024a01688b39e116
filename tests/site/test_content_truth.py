"""What the site says is true for a reader in 2026: the 2020 service in the past, where things are done today,
no claim of a verification never made, the publisher named as itself, the end of the extensions, the French
legal style and typography, and the same structure in every language."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from checker import load_measures
from tests.catalogue import LABELS, format_date, language, load_project_content

from .pages import LANGUAGES, PAGE_PATHS, PROCEDURE_SLUGS, page_file, read_page

ROOT = Path(__file__).resolve().parents[2]
CONTENT = load_project_content()
SITE = CONTENT.site
PROCEDURES = {p["slug"]: p for p in CONTENT.procedures}


def text_of(built_site, lang, path) -> str:
    return read_page(page_file(built_site, lang, path)).text.replace("\u00a0", " ").replace("\u2019", "'")


def said(text: str) -> str:
    # Text, not typography: the typographic apostrophe the pages set (checker.typography) read as the typed one.
    return " ".join(text.replace("\u00a0", " ").replace("\u2019", "'").split())


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_no_page_links_to_the_closed_2020_service(built_site, lang):
    host = SITE["service_2020"]["url"].split("//")[1].split("/")[0]
    for path in PAGE_PATHS:
        links = read_page(page_file(built_site, lang, path)).links
        assert not [a for a in links if host in a.get("href", "")], path


@pytest.mark.parametrize("slug", PROCEDURE_SLUGS)
@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_each_procedure_says_where_it_is_done_today_with_dated_sources(built_site, lang, slug):
    procedure = PROCEDURES[slug]
    page = read_page(page_file(built_site, lang, f"procedures/{slug}/"))
    text = said(page.text)
    assert said(LABELS["today"][lang]) in text
    assert [a for a in page.links if a.get("href") == SITE["current_service"]["url"]]
    for source in procedure["today"]["sources"]:
        shown = format_date(source["date"], lang) if "date" in source else LABELS["undated"][lang]
        assert said(source["title"][lang]) in text and shown in text
    # The 2020 service is told in the past, its address shown as text.
    assert said(SITE["service_2020"]["text"][lang]) in text
    assert SITE["service_2020"]["url"].split("//")[1].rstrip("/") in text


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_no_verification_is_claimed_and_each_page_dates_its_information_by_its_newest_source(built_site, lang):
    for path in PAGE_PATHS:
        text = text_of(built_site, lang, path).lower()
        for claim in ("dernière vérification", "last verified", "vérifiées le", "checked on"):
            assert claim not in text, (path, claim)
    for slug, procedure in PROCEDURES.items():
        newest = max(s["date"] for s in procedure["sources"] if "date" in s)
        as_of = said(LABELS["as_of"][lang].format(date=format_date(newest, lang)))
        assert as_of in said(text_of(built_site, lang, f"procedures/{slug}/"))


def test_the_asylum_certificate_is_given_no_right_to_work_nor_travel():
    measures = load_measures()
    asylum = measures.document("attestation-demande-asile")
    assert "droit-de-travailler" not in [r.id for r in asylum.rights]
    assert asylum.limits is not None and all("F2741" in text for _, text in asylum.limits.by_language)
    for text in (asylum.advice.in_("fr"), *(r.text.in_("fr") for r in asylum.rights)):
        assert "frontière" not in text and "travailler" not in text
    # The residence documents keep the right to work they carried.
    assert "droit-de-travailler" in [r.id for r in measures.document("titre-de-sejour").rights]


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_measures_page_groups_rights_by_document(built_site, lang):
    text = said(text_of(built_site, lang, "prolongation/"))
    limits = said(CONTENT.rules.document("attestation-demande-asile").limits.in_(lang))
    assert limits in text
    # The right to work is listed once: for the group of residence documents, not for the asylum certificate.
    work = said(CONTENT.rules.rights[0].text.in_(lang))
    assert CONTENT.rules.rights[0].id == "droit-de-travailler" and text.count(work) == 1


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_the_publisher_is_named_as_itself_and_the_prefecture_only_for_its_contacts(built_site, lang):
    publisher = CONTENT.publisher
    legal = said(text_of(built_site, lang, "mentions-legales/"))
    for part in (publisher["name"][lang], publisher["director"], publisher["host"]["name"]):
        assert said(part) in legal
    assert said(LABELS["prefecture_contacts"][lang]) in legal
    assert said(CONTENT.prefecture["contacts_source"][lang]) in legal
    accessibility = read_page(page_file(built_site, lang, "accessibilite/"))
    article = said(accessibility.text.split(said(LABELS["accessibility_title"][lang]))[-1])
    assert publisher["contact"].removeprefix("mailto:") in article
    # No press contact anywhere; the prefecture's general contact on the legal notice only, not in every footer.
    assert "press" not in CONTENT.prefecture and "social" not in CONTENT.prefecture
    for path in PAGE_PATHS:
        page = said(text_of(built_site, lang, path))
        assert said(LABELS["published_by"][lang].format(name=publisher["name"][lang])) in page
        assert said(LABELS["press"][lang]) not in page
        assert (CONTENT.prefecture["phone"] in page) == (path in ("mentions-legales/", "notice/")), path


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_measures_page_says_the_extensions_are_over_and_when(built_site, lang):
    text = said(text_of(built_site, lang, "prolongation/"))
    last = format_date(CONTENT.rules.last_extended_day(), lang)
    # 15 June 2020 + 180 days; in Arabic, in figures beside the month's name too.
    assert last == {"fr": "12 décembre 2020", "en": "12 December 2020", "ar": "12 ديسمبر 2020 (12/12/2020)"}[lang]
    assert said(CONTENT.measures["today"][0][lang].replace("{last_day}", last)) in text
    assert said(CONTENT.measures["official_notice"][lang]) in text


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_legal_texts_have_their_full_titles_and_french_agreement(built_site, lang):
    text = said(text_of(built_site, lang, "prolongation/"))
    act = CONTENT.rules.legal_texts[2]
    assert act.id == "loi-2020-734" and "Royaume-Uni" in act.title.in_("fr") and "United Kingdom" in act.title.in_("en")
    for legal_text in CONTENT.rules.legal_texts:
        published = said(LABELS[f"published_{legal_text.kind}"][lang] + " " + format_date(legal_text.published, lang))
        assert said(legal_text.title.in_(lang)) in text and published in text
    if lang == "fr":
        assert "Loi n° 2020-734 du 17 juin 2020 relative à diverses dispositions" in text
        assert "publiée le 18 juin 2020" in text and not re.search(r"(Loi|Ordonnance) n° [^,]*, publié le", text)
        assert "dans sa rédaction issue de l'ordonnance n° 2020-460" in text
        assert "inséré par l'ordonnance n° 2020-460" in text


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_short_stay_visas_got_an_aps_issued_not_an_extension(built_site, lang):
    text = said(text_of(built_site, lang, "prolongation/"))
    reason = next(e["reason"][lang] for e in CONTENT.measures["exclusions"] if e["id"] == "visa-court-sejour")
    # The APS is told with the emergency it lasted with, both end dates given.
    for day in ("2020-07-10", "2020-09-17"):
        # As the prose writes it, in words (a generated date also gives its figures where the language asks).
        shown = language(lang).write_date(__import__("datetime").date.fromisoformat(day), figures=False)
        assert shown in said(reason) and shown in text
    assert "À la place" not in text


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_procedure_facts(built_site, lang):
    dcem = said(text_of(built_site, lang, "procedures/dcem/"))
    assert {"fr": "n'est pas nécessaire pour quitter la France", "en": "not needed to leave France",
            "ar": "ليست ضرورية لمغادرة فرنسا"}[lang] in dcem
    address = said(text_of(built_site, lang, "procedures/changement-adresse/"))
    assert "R. 431-23" in address and {"fr": "plus d'un an", "en": "more than one year",
                                          "ar": "أكثر من سنة"}[lang] in address
    for slug in PROCEDURE_SLUGS:
        text = said(text_of(built_site, lang, f"procedures/{slug}/"))
        assert "rien d'autre à faire" not in text and "nothing else to do" not in text
        fee = PROCEDURES[slug]["fee"]
        # Every fee names its article, or is marked unverified (as a fee for which no text was found is).
        assert "article" in fee.get("legal_basis", {}).get(lang, "").lower() or "unverified" in fee


FRENCH_SPACING = [
    (re.compile(r"\S[:;!?]( |$)"), "no space before a high punctuation mark"),
    (re.compile(r" [:;!?»]"), "an ordinary space before a high punctuation mark"),
    (re.compile(r"« "), "an ordinary space after «"),
    (re.compile(r"n° \d"), "an ordinary space between n° and its number"),
    (re.compile(r"\d €"), "an ordinary space between an amount and €"),
]


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Visible(HTMLParser):
    """The visible text of a page in one language, each text node apart: no script, style or code, and no part
    marked as another language (the other half of the notice or of the calculator's summary)."""

    def __init__(self, lang: str):
        super().__init__(convert_charrefs=True)
        self.lang, self.stack, self.texts = lang, [], []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        lang = dict(attrs).get("lang")
        skipped = tag in ("script", "style", "code", "pre") or (lang is not None and lang != self.lang and tag != "html")
        self.stack.append((tag, skipped or bool(self.stack and self.stack[-1][1])))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if data.strip() and not (self.stack and self.stack[-1][1]):
            self.texts.append(data)


def visible_texts(file: Path, lang: str) -> list[str]:
    reader = _Visible(lang)
    reader.feed(file.read_text(encoding="utf-8"))
    return reader.texts


@pytest.mark.parametrize("path", PAGE_PATHS + ["404.html"], ids=lambda p: p or "home")
def test_french_pages_follow_french_typography_footer_included(built_site, path):
    file = built_site / path if path.endswith(".html") else page_file(built_site, "fr", path)
    for text in visible_texts(file, "fr"):
        for pattern, what in FRENCH_SPACING:
            for match in pattern.finditer(text):
                # An address or a time is not punctuation: "https://", "10:30".
                if re.search(r"(https?|mailto)$", text[: match.start() + 1]) or re.match(r"\d:\d", match.group(0)):
                    continue
                pytest.fail(f"{path}: {what}: {text!r}")


@pytest.mark.parametrize("path", PAGE_PATHS, ids=lambda p: p or "home")
def test_english_pages_put_no_space_before_a_colon(built_site, path):
    for text in visible_texts(page_file(built_site, "en", path), "en"):
        assert not re.search(r"\s:", text), text


def test_french_404_page_is_in_french(built_site):
    page = read_page(built_site / "404.html")
    assert page.lang == "fr" and page.h1 == LABELS["not_found_title"]["fr"]
    assert "Not found" not in page.text


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_the_legal_notice_lists_every_text_and_source_cited_elsewhere(built_site, lang):
    legal = said(text_of(built_site, lang, "mentions-legales/"))
    for legal_text in CONTENT.rules.legal_texts:
        assert said(legal_text.title.in_(lang)) in legal
    cited = [*SITE["sources"], *(s for p in CONTENT.procedures for s in [*p["sources"], *p["today"]["sources"]])]
    for source in cited:
        assert said(source["title"][lang]) in legal


class _Outline(HTMLParser):
    """The shape of a page's article: its headings' levels and, under each, how many list items, paragraphs
    and table rows it holds."""

    def __init__(self):
        super().__init__()
        self.depth = 0  # inside <article>
        self.shape: list = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        elif self.depth and re.fullmatch(r"h[1-6]|li|p|tr|dt", tag):
            if tag.startswith("h"):
                self.shape.append([tag])
            elif self.shape:
                self.shape[-1].append(tag)

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1


def outline(file: Path) -> list:
    reader = _Outline()
    reader.feed(file.read_text(encoding="utf-8"))
    return [(section[0], sorted((t, section.count(t)) for t in set(section[1:]))) for section in reader.shape]


@pytest.mark.parametrize("path", PAGE_PATHS, ids=lambda p: p or "home")
def test_french_and_english_pages_have_the_same_structure(built_site, path):
    assert outline(page_file(built_site, "fr", path)) == outline(page_file(built_site, "en", path))
