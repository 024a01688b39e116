"""Bad content fails the build with a message naming file, line and field, and leaves the old site untouched."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from ..conftest import run_mkdocs_build
from .project_copy import copy_project, edit


@dataclass(frozen=True)
class BadContent:
    name: str
    file: str
    change: Callable[[Path], int]  # edits the copy, returns the line the message must name
    field: str
    says: str


def replace(file: str, old: str, new: str, line_offset: int = 0):
    def change(root: Path) -> int:
        return edit(root / file, old, new) + line_offset
    return change


def add_file(file: str, text: str, line: int):
    def change(root: Path) -> int:
        (root / file).write_text(text, encoding="utf-8")
        return line
    return change


DCEM = "content/procedures/dcem.yml"
MEASURES = "content/measures.yml"
CASES = [
    BadContent("yaml syntax error", DCEM, replace(DCEM, "slug: dcem", "slug: dcem: oops"), "",
               "YAML syntax error: mapping values are not allowed here"),
    # A missing field is reported at the mapping that should hold it: here, the whole file.
    BadContent("missing required field", DCEM,
               lambda root: edit(root / DCEM, "summary:", "summery:") and 1,
               "summary", "required field is missing"),
    BadContent("English translation missing", DCEM,
               replace(DCEM, "  en: Travel document for a foreign minor (DCEM)\n", "", -1), "title.en",
               "the English text is missing"),
    BadContent("French translation empty", DCEM,
               replace(DCEM, "fr: Document de circulation pour étranger mineur (DCEM)", 'fr: ""', 0), "title.fr",
               "must not be empty"),
    BadContent("unknown field (typo)", DCEM, replace(DCEM, "title:", "titel:"), "titel",
               "unknown field (did you mean 'title'?)"),
    BadContent("not a date", DCEM, replace(DCEM, "date: 2019-12-29", "date: last week"),
               "sources[1].date", "expected a date written YYYY-MM-DD"),
    BadContent("impossible date", DCEM, replace(DCEM, "date: 2019-12-29", "date: 2019-02-30"),
               "sources[1].date", "expected a date written YYYY-MM-DD"),
    # A language's catalogue lacks a word the first one has: reported at the mapping that lacks it.
    BadContent("a label missing from a catalogue", "content/i18n/en.yml",
               lambda root: edit(root / "content/i18n/en.yml", "  nav_news: News\n", "") and
               edit(root / "content/i18n/en.yml", "labels:\n", "labels:\n"),
               "labels.nav_news", "missing (content/i18n/fr.yml has it)"),
    BadContent("window ends before it starts", MEASURES,
               replace(MEASURES, "expiry_window: {start: 2020-05-16, end: 2020-06-15}",
                       "expiry_window: {start: 2020-05-16, end: 2020-04-15}"),
               "rules[2].expiry_window.end", "the window ends (2020-04-15) before it starts (2020-05-16)"),
    BadContent("extension of zero days", MEASURES,
               replace(MEASURES, "extension_days: 180\n    legal_basis:\n      text: loi-2020-734",
                       "extension_days: 0\n    legal_basis:\n      text: loi-2020-734"),
               "rules[2].extension_days", "must be at least 1 day, got 0"),
    BadContent("negative extension", MEASURES,
               replace(MEASURES, "extension_days: 180\n    legal_basis:\n      text: loi-2020-734",
                       "extension_days: -5\n    legal_basis:\n      text: loi-2020-734"),
               "rules[2].extension_days", "must be at least 1 day, got -5"),
    BadContent("two procedures with the same slug", "content/procedures/zz-copy.yml",
               lambda root: (root / "content/procedures/zz-copy.yml").write_text(
                   (root / DCEM).read_text(encoding="utf-8"), encoding="utf-8") and 1,
               "slug", "the slug 'dcem' is already used by content/procedures/dcem.yml"),
    BadContent("link to a procedure that does not exist", "content/news.yml",
               replace("content/news.yml", "changement-adresse, dcem]", "changement-adresse, dcme]"),
               "[0].procedures[3]", "there is no procedure 'dcme'"),
    BadContent("procedure with no documents", DCEM,
               lambda root: _empty_documents(root), "documents", "list at least 1 document"),
]


def _empty_documents(root: Path) -> int:
    path = root / DCEM
    text = path.read_text(encoding="utf-8")
    start = text.index("documents:\n")
    end = text.index("fee:\n")
    path.write_text(text[:start] + "documents: []\n" + text[end:], encoding="utf-8")
    return text[:start].count("\n") + 1


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_content_fails_naming_file_line_field_and_writes_nothing(tmp_path, case):
    root = copy_project(tmp_path / "project")
    line = case.change(root)
    site = tmp_path / "site"
    site.mkdir()
    previous = site / "index.html"
    previous.write_text("the previous site", encoding="utf-8")
    before = sorted(p.name for p in site.iterdir())

    result = run_mkdocs_build(site, config=root / "mkdocs.yml", cwd=root)

    assert result.returncode != 0
    where = f"{case.file}:{line}: " + (f"{case.field}: " if case.field else "")
    assert where + case.says in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in site.iterdir()) == before
    assert previous.read_text(encoding="utf-8") == "the previous site"
