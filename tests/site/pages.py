"""Reads built HTML pages the way the tests need: language, title, links, visible text."""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from tests.catalogue import PLAN, PROCEDURE_SLUGS, ROOTS

# The pages the site promises, at the same path in every language (the site plan's): the fixed ones, and one per
# procedure that content/procedures/ holds, so that adding a procedure adds its checks.
PAGE_PATHS = [page.url for page in PLAN.pages()]
# Each configured language and its folder: the first at the root.
LANGUAGES = ROOTS


@dataclass
class Page:
    lang: str = ""
    h1: str = ""
    text: str = ""
    links: list[dict] = field(default_factory=list)  # every <a> and <link>, with its attributes
    ids: set[str] = field(default_factory=set)


# Elements inside a line of text: no space around them (text is read as the browser shows it; around any other
# element, a space).
INLINE = {"a", "abbr", "b", "bdi", "cite", "code", "em", "i", "kbd", "mark", "q", "small", "span", "strong", "sub",
          "sup", "time"}


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._in_h1 = False
        self._skip = 0
        self._chunks: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in INLINE:
            self._chunks.append(" ")
        attributes = dict(attrs)
        if "id" in attributes:
            self.page.ids.add(attributes["id"])
        if tag == "html":
            self.page.lang = attributes.get("lang", "")
        elif tag in ("a", "link"):
            self.page.links.append({"tag": tag, **attributes})
        elif tag == "h1":
            self._in_h1 = True
        elif tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag not in INLINE:
            self._chunks.append(" ")
        if tag == "h1":
            self._in_h1 = False
        elif tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if self._skip:
            return
        if self._in_h1:
            self.page.h1 += data
        self._chunks.append(data)

    def close(self):
        super().close()
        self.page.text = " ".join("".join(self._chunks).split())


def read_page(path: Path) -> Page:
    reader = _Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    reader.close()
    reader.page.h1 = " ".join(reader.page.h1.split())
    return reader.page


def page_file(site: Path, lang: str, path: str) -> Path:
    return site / LANGUAGES[lang] / path / "index.html"
