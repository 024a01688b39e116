"""Hostile content stays text: markup and template syntax written into every text of every content file (each
language of each text, the catalogues' labels, the publisher's plain values) is shown as written
on every page of every language and in the PDFs, and makes no element, script or dialog. One build of a copy.

A link to another address than https:, mailto: or tel: in a text is a content error at its file and line
(generator/schema.py); a label or a plain value shows it as text."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from bench.server import StaticServer
from generator.content import ContentInvalid
from generator.pipeline import load_project_content, project_settings
from tests.catalogue import LANGUAGES, catalogue

from ..conftest import run_mkdocs_build
from ..site.project_copy import copy_project, edit

# Each piece alone is an attack on one reader: HTML, an attribute break-out, Jinja, attr_list, an entity.
# One '*' only: two would be Markdown's emphasis, which content may use.
PAYLOAD = ('<script>alert(1)</script> <img src=x onerror=alert(1)> "><svg onload=alert(1)> '
           '<a href="javascript:alert(1)">a</a> <u>u</u> <i onclick=alert(1)>i</i> &lt;b&gt; \\<u>x</u> -->')
TEMPLATE_SYNTAX = ' {{ 7*7 }} {% raw %}{{ x }}{% endraw %} {: onclick="alert(1)"} [x][1]'
# A label is filled in by str.format in places, where braces are its own syntax: no braces there. A label or a plain
# value is not checked for links: it shows this one as text.
IN_TEXTS = PAYLOAD + TEMPLATE_SYNTAX
IN_LABELS = PAYLOAD + " [x](javascript:alert(1))"
RIGHT_TO_LEFT = [code for code in LANGUAGES if catalogue(code)["locale"]["direction"] == "rtl"]
MARK = "\u27e6{}\u27e7"  # ⟦n⟧ before each payload: which field it was written in
# What a page or the PDF adds that is not the text: directional isolates, no-break spaces, line breaks.
INVISIBLE = re.compile("[\u2066-\u2069]")

# Anything the payloads could have made of the page.
MADE = """() => ({
  elements: [...document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onload], [onclick], a[href^="javascript"], u')]
    .map((element) => element.outerHTML.slice(0, 120)),
  scripts: [...document.scripts].filter((script) => script.text.includes("alert")).length,
  text: document.body.innerText,
  title: document.title,
})"""


def normal(text: str) -> str:
    return " ".join(INVISIBLE.sub("", text).replace("\u00a0", " ").replace("\u202f", " ").split())


class Marked:
    """Writes a numbered payload after every text of a content tree, and remembers where each number went."""

    def __init__(self) -> None:
        self.fields: dict[int, str] = {}

    def mark(self, where: str, value: str, payload: str) -> str:
        number = len(self.fields) + 1
        self.fields[number] = where
        return f"{value} {MARK.format(number)} {payload}"

    def label(self, where: str, value: str | dict, payload: str):
        """A label, or each form of one written in plural forms (its `plural` field names a count, not words)."""
        if isinstance(value, dict):
            return {key: form if key == "plural" else self.mark(f"{where}.{key}", form, payload)
                    for key, form in value.items()}
        return self.mark(where, value, payload)

    def walk(self, node, where: str, languages: set[str], payload: str):
        if isinstance(node, dict) and node and set(node) <= languages and all(isinstance(v, str) for v in node.values()):
            return {lang: self.mark(f"{where}.{lang}", text, payload) for lang, text in node.items()}
        if isinstance(node, dict):
            return {key: self.walk(value, f"{where}.{key}", languages, payload)
                    for key, value in node.items()}
        if isinstance(node, list):
            return [self.walk(value, f"{where}[{index}]", languages, payload) for index, value in enumerate(node)]
        return node

    def plain(self, node, where: str, languages: set[str]):
        """The plain values of a record (an address line, a phone number, a name): not its links nor its texts."""
        if isinstance(node, dict) and not (node and set(node) <= languages):
            return {key: self.plain(value, f"{where}.{key}", languages) for key, value in node.items()}
        if isinstance(node, list):
            return [self.plain(value, f"{where}[{index}]", languages) for index, value in enumerate(node)]
        if isinstance(node, str) and not re.match(r"(https?://|mailto:|tel:)", node):
            return self.mark(where, node, IN_LABELS)
        return node


def write_payloads(root: Path) -> Marked:
    marked = Marked()
    languages = set(LANGUAGES)
    for path in sorted((root / "content").rglob("*.yml")):
        name = path.relative_to(root).as_posix()
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if path.parent.name == "i18n":
            data["labels"] = {key: marked.label(f"{name}: labels.{key}", text, IN_LABELS)
                              for key, text in data["labels"].items()}
        else:
            data = marked.walk(data, name + ":", languages, IN_TEXTS)
            if path.parent.name in ("publishers", "prefectures"):
                data = marked.plain(data, name + ":", languages)
        # Keys in their order; no line folded (a folded line would put a line break inside a payload).
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")
    return marked


def read_back(text: str, found: dict[int, list[str]], source: str) -> list[str]:
    """Each marked payload in `text`: what followed its mark when it is not the payload as written."""
    wrong = []
    text = normal(text)
    for match in re.finditer(r"\u27e6(\d+)\u27e7", text):
        number = int(match.group(1))
        after = text[match.end():].lstrip()
        payloads = [normal(payload) for payload in (IN_TEXTS, IN_LABELS, PAYLOAD)]
        if not any(after.startswith(payload) for payload in payloads):
            wrong.append(f"{source}: ⟦{number}⟧ followed by {after[:160]!r}")
        found.setdefault(number, []).append(source)
    return wrong


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> tuple[Path, Marked]:
    root = copy_project(tmp_path_factory.mktemp("hostile-project"))
    marked = write_payloads(root)
    site = tmp_path_factory.mktemp("hostile-site")
    result = run_mkdocs_build(site, config=root / "mkdocs.yml", cwd=root)
    assert result.returncode == 0, result.stderr[-3000:]
    return site, marked


def visit(site_url: str, paths: list[str]):
    def job(browser) -> dict:
        context = browser.new_context()
        page = context.new_page()
        seen = {"dialogs": [], "errors": [], "pages": {}}
        page.on("dialog", lambda dialog: (seen["dialogs"].append(dialog.message), dialog.dismiss()))
        page.on("pageerror", lambda error: seen["errors"].append(str(error)))
        try:
            for path in paths:
                page.goto(site_url + path, wait_until="load")
                seen["pages"][path] = page.evaluate(MADE)
        finally:
            context.close()
        return seen
    return job


@pytest.mark.build
def test_hostile_content_is_shown_as_text_on_every_page(chromium, hostile_site, gate_summary):
    site, marked = hostile_site
    paths = sorted(p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("*.html"))
    with StaticServer({"/": site}, mode="gzip") as server:
        seen = chromium.run(visit(server.url, paths))
    found: dict[int, list[str]] = {}
    wrong = []
    for path, state in seen["pages"].items():
        wrong += read_back(state["text"], found, path or "/")
        wrong += read_back(state["title"], found, f"{path or '/'} <title>")
        wrong += [f"{path}: made {element}" for element in state["elements"]]
        wrong += [f"{path}: {state['scripts']} scripts with the payload's code"] if state["scripts"] else []
    never = sorted(marked.fields[n] for n in marked.fields if n not in found)
    gate_summary(f"{len(marked.fields)} texts of content/ carry markup and template syntax; {len(paths)} pages in "
                 f"{len(LANGUAGES)} languages show {len(found)} of them: {len(wrong)} not as text, "
                 f"{len(seen['dialogs'])} dialogs",
                 f"not on any page (PDF, the calculator's answers, attributes): {len(never)}")
    assert seen["dialogs"] == [] and seen["errors"] == []
    assert wrong == [], "\n".join(wrong[:40])
    # Not vacuous: most texts are on a page, each language's among them.
    assert len(found) > len(marked.fields) / 2
    assert all(any(f".{lang}" in marked.fields[n] for n in found) for lang in LANGUAGES)


@pytest.mark.build
def test_hostile_content_is_shown_as_text_in_the_pdfs(hostile_site, gate_summary):
    """pdftotext gives the text back in an order of its own (two columns side by side, running headers between
    lines): each payload's pieces are counted, as text, beside the marks shown; and no character reference
    comes out as written (&#60;, &lt;: a text escaped twice). A notice with a right-to-left half comes back with
    its Latin runs reordered: there, only its marks and references are read."""
    site, marked = hostile_site
    pdfs = sorted(site.glob("documents/*.pdf"))
    pieces = ["".join(piece.split()) for piece in re.split(r"(?<=>) ", PAYLOAD) if piece != "&lt;b&gt;"]
    found, wrong = set(), []
    for pdf in pdfs:
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        squeezed = "".join(INVISIBLE.sub("", text).split())
        marks = re.findall(r"\u27e6(\d+)\u27e7", squeezed)
        found |= {int(number) for number in marks}
        # What markup.py writes (&#60;), come out as written: a text escaped twice.
        wrong += [f"{pdf.name}: {reference} shown as written" for reference in re.findall(r"&#\d+;", squeezed)]
        if any(f"-{code}" in pdf.name for code in RIGHT_TO_LEFT):
            continue  # its Latin runs come back reordered: "&lt;b&gt;" as ";gt&b;lt&"
        wrong += [f"{pdf.name}: {piece!r} shown {squeezed.count(piece)} times for {len(marks)} marked texts"
                  for piece in pieces if squeezed.count(piece) < len(marks) * 0.8]
        references = len(re.findall(r"&\w+;", squeezed)) - 2 * squeezed.count("&lt;b&gt;")
        wrong += [f"{pdf.name}: {references} character references shown as written"] if references else []
    gate_summary(f"{len(pdfs)} PDFs show {len(found)} of the {len(marked.fields)} marked texts: "
                 f"{len(wrong)} pieces not shown as text")
    assert len(pdfs) >= 2 and len(found) > 50
    assert wrong == [], "\n".join(wrong[:40])


@pytest.mark.parametrize("link, address", [
    ("[x](javascript:alert(1))", "javascript:alert(1"),
    ("[x](data:text/html,<script>alert(1)</script>)", "data:text/html,<script>alert(1"),
    ("[x](http://example.org/)", "http://example.org/"),
    ("[x](//example.org/)", "//example.org/"),
    ("[x](page.md)", "page.md"),
    ('[x](https://example.org/ "title")', 'https://example.org/ "title"'),
])
def test_a_link_in_a_text_to_another_address_is_a_content_error(tmp_path, link, address):
    root = copy_project(tmp_path)
    line = edit(root / "content/procedures/dcem.yml", "summary:\n  fr: Obtenir", f"summary:\n  fr: Obtenir {link}") + 1
    with pytest.raises(ContentInvalid) as raised:
        load_project_content(root, project_settings(root / "mkdocs.yml"))
    assert [str(error) for error in raised.value.errors] == [
        f"content/procedures/dcem.yml:{line}: summary.fr: link to {address!r}: a link in a text goes to an address "
        "starting with https:, mailto:, tel:, with no space, quote or bracket in it"]
