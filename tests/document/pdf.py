"""Reads the built PDF the way the tests need: the text of each language's column, links, fonts, tags."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader

DOCUMENT_PATH = "documents/information-covid19-sejour.pdf"  # the address the issue asks for
MM = 72 / 25.4  # PDF points in a millimetre


@dataclass
class Pdf:
    reader: PdfReader
    columns: dict[str, str] = field(default_factory=dict)  # its first language (left half), its second (right)
    pages: list[str] = field(default_factory=list)  # the whole text of each page
    links: list[str] = field(default_factory=list)  # every link annotation's URI


def read_pdf(path: Path, pair: tuple[str, str] | None = None) -> Pdf:
    """A notice of two languages (by default the first one mkdocs.yml configures, at DOCUMENT_PATH). Read once per
    file as it is now (its size and time of change): many tests read the same built notices, and pypdf takes about
    a second for each; a rebuilt file is read again. Tests only read what this returns."""
    if pair is None:
        from tests.catalogue import settings

        pair = tuple(settings().documents[0])
    written = Path(path).stat()
    return _read(Path(path).resolve(), written.st_size, written.st_mtime_ns, tuple(pair))


@functools.lru_cache(maxsize=32)
def _read(path: Path, _size: int, _changed: int, pair: tuple[str, str]) -> Pdf:
    reader = PdfReader(path)
    pdf = Pdf(reader)
    chunks: dict[str, list[str]] = {pair[0]: [], pair[1]: []}
    for page in reader.pages:
        middle = float(page.mediabox.width) / 2
        # The running header and footer (document.css: @page's margins, 17 and 15 mm) are not a column's text:
        # left in, they would cut a paragraph that runs on to the next page.
        bottom, top = 15 * MM, float(page.mediabox.height) - 17 * MM

        def visit(text, cm, tm, font, size):
            x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]  # where the text starts on the page
            y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
            if text.strip(" \n•") and bottom < y < top:  # a list's bullet is not text either
                chunks[pair[0] if x < middle else pair[1]].append(text)

        pdf.pages.append(page.extract_text(visitor_text=visit))
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                pdf.links.append(str(action["/URI"]))
    pdf.columns = {lang: " ".join(parts) for lang, parts in chunks.items()}
    return pdf


def squash(text: str) -> str:
    """Compare text, not layout: no whitespace (lines wrap anywhere), straight apostrophes."""
    return "".join(text.replace("\u2019", "'").split())


def fonts(reader: PdfReader) -> dict[str, dict]:
    """Every font the pages use, by name, with its descriptor (for composite fonts, the descendant's)."""
    found = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            owner = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = owner.get("/FontDescriptor")
            found[str(font["/BaseFont"])] = descriptor.get_object() if descriptor is not None else {}
    return found


def structure_languages(reader: PdfReader) -> dict[str, int]:
    """How many tagged structure elements declare each language."""
    counts: dict[str, int] = {}
    seen: set[int] = set()

    def walk(node):
        if hasattr(node, "idnum"):
            if node.idnum in seen:
                return
            seen.add(node.idnum)
        node = node.get_object()
        if not isinstance(node, dict):
            return
        if "/Lang" in node:
            counts[str(node["/Lang"])] = counts.get(str(node["/Lang"]), 0) + 1
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            if hasattr(kid, "get_object") and isinstance(kid.get_object(), dict):
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return counts
