"""Bad content: the table of an editor's slips, each with the file, line, field and message it must be reported
with. Every case is loaded in process by tests/gates/test_bad_input.py (no build needed); here, one real build shows
that a content error stops `mkdocs build` with the same clean list as `make rules` (the first step of `make build`
and `make serve`), no traceback, and leaves the old site untouched."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from generator.checker_data import main as make_rules

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
    BadContent("missing required field", DCEM, lambda root: _remove_field(root, "summary:\n", "audience:\n"),
               "summary", "required field is missing"),
    # A misspelled field is named with the field it stands for, and that field is not reported missing too.
    BadContent("misspelled field", DCEM, replace(DCEM, "summary:", "sumary:"), "sumary",
               "unknown field (did you mean 'summary'?)"),
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
               "sources[1].date", "'2019-02-30' is an impossible date: February 2019 has 28 days"),
    # A language's catalogue lacks a word the first one has: reported at the mapping that lacks it.
    BadContent("a label missing from a catalogue", "content/i18n/en.yml",
               lambda root: edit(root / "content/i18n/en.yml", "  nav_news: News\n", "") and
               edit(root / "content/i18n/en.yml", "labels:\n", "labels:\n"),
               "labels.nav_news", "missing (content/i18n/fr.yml has it)"),
    BadContent("window ends before it starts", MEASURES,
               replace(MEASURES, "expiry_window: {start: 2020-05-16, end: 2020-06-15}",
                       "expiry_window: {start: 2020-05-16, end: 2020-04-15}"),
               "rules[2].expiry_window.end", "the window ends (2020-04-15) before it starts (2020-05-16)"),
    BadContent("renewal window that ends before it starts", MEASURES,
               replace(MEASURES, "  last_day_before: 60\n", "  last_day_before: 150\n"),
               "renewal_window.last_day_before",
               "the window's last day must come after its first day: give fewer days before"),
    BadContent("a waiting document without its source", MEASURES,
               lambda root: edit(root / MEASURES, "      sources:\n        - title: {fr: \"CESEDA, article R. 431-15-1, lu",
                                 "      source:\n        - title: {fr: \"CESEDA, article R. 431-15-1, lu") ,
               "documents[7].covers.source", "unknown field (did you mean 'sources'?)"),
    BadContent("extension of zero days", MEASURES, lambda root: _rule_days(root, "C", "0"),
               "rules[2].extension_days", "must be at least 1 day, got 0"),
    BadContent("negative extension", MEASURES, lambda root: _rule_days(root, "C", "-5"),
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
    # A sentence with a count is written in the forms its language's counts take (CLDR): Arabic's six, French's two.
    # A missing form is reported at the sentence (its first line, `plural:`), a form the language lacks at its own.
    BadContent("a plural form missing", "content/i18n/ar.yml",
               lambda root: edit(root / "content/i18n/ar.yml", '      two: "يومين"\n', "") - 3,
               "checker.counts.days.two",
               "missing: Arabic counts need the forms zero, one, two, few, many, other"),
    BadContent("a plural form the language lacks", "content/i18n/fr.yml",
               replace("content/i18n/fr.yml", '      one: "{days} jour"\n', '      one: "{days} jour"\n      few: "{days} jours"\n', 1),
               "checker.counts.days.few", "French has no 'few' form; its forms: one, many, other"),
    BadContent("a misspelled plural form", "content/i18n/en.yml",
               replace("content/i18n/en.yml", '      one: "{days} day"\n', '      oen: "{days} day"\n'),
               "checker.counts.days.oen", "unknown field: did you mean 'one'?"),
]


def _empty_documents(root: Path) -> int:
    path = root / DCEM
    text = path.read_text(encoding="utf-8")
    start = text.index("documents:\n")
    end = text.index("fee:\n")
    path.write_text(text[:start] + "documents: []\n" + text[end:], encoding="utf-8")
    return text[:start].count("\n") + 1


def _rule_days(root: Path, rule: str, days: str) -> int:
    """Write another number of days into a rule of the measures (its first `extension_days`, after its id)."""
    path = root / MEASURES
    text = path.read_text(encoding="utf-8")
    start = text.index("extension_days: ", text.index(f"\n  - id: {rule}\n"))
    end = text.index("\n", start)
    path.write_text(text[:start] + f"extension_days: {days}" + text[end:], encoding="utf-8")
    return text[:start].count("\n") + 1


def _remove_field(root: Path, field: str, next_field: str) -> int:
    """Take a top-level field out of the DCEM's file; its absence is reported at the file's first line."""
    path = root / DCEM
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index(field)] + text[text.index(next_field):], encoding="utf-8")
    return 1


def _listed(output: str) -> list[str]:
    """The lines of a content error report that name a file and line."""
    return [line for line in output.splitlines() if line.startswith("content/")]


@pytest.mark.build
def test_a_content_error_stops_the_build_and_make_rules_with_the_same_list_and_writes_nothing(tmp_path, capsys):
    root = copy_project(tmp_path / "project")
    slips = [case for case in CASES if case.name in ("misspelled field", "impossible date")]
    expected = []
    for case in slips:
        line = case.change(root)
        expected.append(f"{case.file}:{line}: {case.field}: {case.says}")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous site", encoding="utf-8")

    result = run_mkdocs_build(site, config=root / "mkdocs.yml", cwd=root)

    assert result.returncode != 0
    assert "2 content errors; nothing was built:" in result.stderr, result.stderr
    assert _listed(result.stderr) == expected, result.stderr
    assert "Traceback" not in result.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "the previous site"

    # `make build` and `make serve` write the checker's rules file first (generator/checker_data.py): the same list.
    rules = tmp_path / "rules.json"
    assert make_rules(root / "mkdocs.yml", rules) != 0
    printed = capsys.readouterr()
    assert "2 content errors; nothing was built:" in printed.err
    assert _listed(printed.err) == expected, printed.err
    assert not rules.exists()
