"""The pages lead to the PDF, giving its format and actual size, and to its accessible twin, the notice page."""
from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ..site.pages import LANGUAGES, page_file, read_page
from .conftest import load
from generator.document import notice_file

from .pdf import DOCUMENT_PATH, squash

from tests.catalogue import LABELS, filled, settings  # noqa: E402
MEASURES = load("measures.yml")
# Each configured notice's file: the first keeps the address, each other one adds its languages.
NOTICES = {tuple(pair): notice_file(index, tuple(pair)) for index, pair in enumerate(settings().documents)}


def notice_of(lang: str) -> str:
    """The notice a page in this language links to: the first one written in its language."""
    return next(path for pair, path in NOTICES.items() if lang in pair)


def size_text(size: int, lang: str) -> str:
    # The examples: « PDF, 85 Ko », "PDF, 85 KB" (decimal kilobytes, whole above 10).
    assert 10_000 <= size < 1_000_000, "a size this test does not know how to write"
    return f"PDF, {round(size / 1000)} {LABELS['doc_kilobytes'][lang]}"


def resolve(site: Path, lang: str, path: str, href: str) -> Path:
    """Where a relative link from a built page (directory URLs) leads, in the site folder."""
    page_dir = posixpath.join(LANGUAGES[lang], path)
    return site / posixpath.normpath(posixpath.join(page_dir, href))


@pytest.mark.parametrize("path", ["", "prolongation/", "notice/"], ids=lambda p: p or "home")
@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_page_links_to_the_pdf_with_its_format_and_size(built_site, lang, path):
    page = read_page(page_file(built_site, lang, path))
    pdf_links = [a for a in page.links if a["tag"] == "a" and a.get("type") == "application/pdf"]
    assert len(pdf_links) == 1
    target = resolve(built_site, lang, path, pdf_links[0]["href"])
    assert target == built_site / notice_of(lang) and target.is_file()
    assert size_text(target.stat().st_size, lang) in page.text.replace("\u00a0", " ")


@pytest.mark.parametrize("path", ["", "prolongation/"], ids=lambda p: p or "home")
@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_page_links_to_the_accessible_version(built_site, lang, path):
    page = read_page(page_file(built_site, lang, path))
    hrefs = [a["href"] for a in page.links if a["tag"] == "a" and "href" in a]
    assert any(resolve(built_site, lang, path, href) == built_site / LANGUAGES[lang] / "notice" for href in hrefs)


def test_one_pdf_for_each_configured_notice(built_site):
    assert sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.pdf")) == sorted(NOTICES.values())


class _Halves(HTMLParser):
    """The language of each half of the notice, and the text of each half."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.halves: list[tuple[str | None, list[str]]] = []
        self._depth = 0  # open <div>s inside the current half

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "div" and self._depth:
            self._depth += 1
        elif tag == "div" and "half" in attributes.get("class", "").split():
            self.halves.append((attributes.get("lang"), []))
            self._depth = 1

    def handle_endtag(self, tag):
        if tag == "div" and self._depth:
            self._depth -= 1

    def handle_data(self, data):
        if self._depth:
            self.halves[-1][1].append(data)


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_notice_page_shows_both_languages_marking_the_other_one(built_site, lang):
    other = next(code for code in LANGUAGES if code != lang)
    reader = _Halves()
    reader.feed(page_file(built_site, lang, "notice/").read_text(encoding="utf-8"))
    marks = [mark for mark, _ in reader.halves]
    # Point by point: the page's language first (no `lang`: it is the page's), then the other, marked.
    assert marks and marks == [None, other] * (len(marks) // 2)
    texts = {None: "", other: ""}
    for mark, chunks in reader.halves:
        texts[mark] += " " + " ".join(chunks)

    def says(text: str, where: str) -> bool:
        return squash(text) in squash(where)

    for right in MEASURES["rights"]:
        assert says(right["text"][lang], texts[None]) and says(right["text"][other], texts[other])
    for rule in MEASURES["rules"]:
        days = LABELS["doc_extension"]
        assert says(filled(days[lang], lang, days=rule["extension_days"]), texts[None])
        assert says(filled(days[other], other, days=rule["extension_days"]), texts[other])
