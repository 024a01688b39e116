"""Each notice in a language written right to left (Arabic, French beside it): the words come back out of the PDF
as `pdftotext` reads them (the shaping is right), an Arabic font is embedded, each half is tagged with its
language, and the site's pages in that language link to it with its size. Every expected text is read from
content/; the notices and their languages are those mkdocs.yml configures."""
from __future__ import annotations

import html
import re
import subprocess
import unicodedata

import pytest
from pypdf import PdfReader

from checker import load_measures
from generator.document import notice_file
from tests.catalogue import LABELS, catalogue, format_date, settings

from ..site.pages import LANGUAGES
from .conftest import load
from .pdf import fonts, structure_languages

MEASURES = load("measures.yml")
# The configured notices whose second language is written right to left.
RTL_NOTICES = [tuple(pair) for pair in settings().documents if catalogue(pair[-1])["locale"]["direction"] == "rtl"]


def notice_path(pair: tuple[str, ...]) -> str:
    pairs = [tuple(configured) for configured in settings().documents]
    return notice_file(pairs.index(pair), pair)


# Arabic vowel marks (fatha, shadda, tanween…) and the tatweel: pdftotext places a mark as a glyph of its own.
MARKS = "[\u064b-\u065f\u0670\u0640]"


def words(text: str) -> list[str]:
    """The words made of letters, each stripped of what is not a letter, marks included: digits and punctuation
    between two scripts come out in the order they are seen, not read. NFKC: a presentation form or a ligature
    (لا, ﬁ) reads as its letters; pdftotext's embedding controls (U+202A-U+202E) are not words."""
    text = re.sub("[\u202a-\u202e]", " ", unicodedata.normalize("NFKC", text).replace("\u2019", "'"))
    found = (re.sub(r"[\W\d_]", "", re.sub(MARKS, "", word)) for word in text.split())
    return [word for word in found if word]


@pytest.fixture(scope="module", params=RTL_NOTICES, ids="-".join)
def notice(request, built_site):
    pair = request.param
    path = built_site / notice_path(pair)
    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return pair, path, " " + " ".join(words(raw)) + " ", raw


def test_a_right_to_left_notice_is_configured():
    assert RTL_NOTICES, "mkdocs.yml configures no notice in a right-to-left language"


def test_pdftotext_gives_back_the_words_of_each_half(built_site, notice):
    pair, _, text, raw = notice
    first, second = pair
    # The first language's half: its headings and every document's name, as printed on the card.
    for label in ("doc_title", "doc_subtitle", "doc_covered", "counting", "not_covered", "rights"):
        assert f" {' '.join(words(LABELS[label][first]))} " in text, f"{label} ({first}) not read back"
    for document in MEASURES["documents"]:
        name = " ".join(words(document["name"][first]))
        assert f" {name} " in text, f"{document['id']} ({first}): {name!r} not read back"
    # Every word of the right-to-left half, as its HTML twin (the notice page) holds it. A word with a vowel mark
    # comes back split where pdftotext puts the mark (a glyph of its own), its pieces apart when a line wraps
    # inside it: each piece between its marks comes back.
    twin = (built_site / LANGUAGES[second] / "notice" / "index.html").read_text(encoding="utf-8")
    half = html.unescape(re.sub("<[^>]+>", " ", twin[twin.index('class="pair'):twin.rindex('class="pair')]))
    script = re.compile("[\u0600-\u06ff]")
    tokens = [token for token in half.split() if script.search(token)]
    given_back = set(text.split())
    plain = [word for token in tokens if not re.search(MARKS, token) for word in words(token)]
    pieces = [piece for token in tokens if re.search(MARKS, token) for piece in words(re.sub(MARKS, " ", token))]
    assert len(plain) > 500
    assert [word for word in plain if word not in given_back] == []
    run_together = "".join(text.split())
    assert pieces and [piece for piece in pieces if piece not in run_together] == []
    # A date as the right-to-left language writes it: its month name, Western digits.
    measures = load_measures()
    last_day = format_date(measures.last_extended_day(), second)
    assert f" {' '.join(words(last_day))} " in text
    assert str(measures.last_extended_day().year) in raw and str(measures.last_extended_day().day) in raw
    assert not re.search("[\u0660-\u0669\u06f0-\u06f9]", raw), "Eastern Arabic digits"


def test_an_arabic_font_is_embedded_beside_the_latin_one(notice):
    _, path, *_ = notice
    used = fonts(PdfReader(path))
    assert {"Notice-Sans", "Notice-Arabic"} <= {name.split("+")[-1].removesuffix("-Bold") for name in used}
    for name, descriptor in used.items():
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), f"{name} not embedded"


def test_each_half_is_tagged_with_its_language(notice):
    pair, path, *_ = notice
    reader = PdfReader(path)
    assert reader.trailer["/Root"]["/Lang"] == pair[0]
    assert structure_languages(reader).get(pair[1], 0) > 0


def test_pages_in_the_language_link_to_their_notice_with_its_size(built_site, notice):
    pair, path, *_ = notice
    lang = pair[-1]
    kilobytes = round(path.stat().st_size / 1000)
    for page_path in ("", "prolongation/", "notice/"):
        html = (built_site / LANGUAGES[lang] / page_path / "index.html").read_text(encoding="utf-8")
        found = re.search(r'href="[^"]*/' + re.escape(notice_path(pair).rsplit("/", 1)[-1])
                          + r'"[^>]*>[^<]*</a>\s*\(([^)]*)\)', html)
        assert found, f"/{LANGUAGES[lang]}{page_path} does not link to its notice"
        shown = re.sub(r"<[^>]+>", "", found.group(1))  # as read: an Arabic page marks "PDF" as French
        assert f"{kilobytes}\u00a0{LABELS['doc_kilobytes'][lang]}" in shown
