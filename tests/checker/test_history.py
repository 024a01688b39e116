"""The residence history: the table of cases (history_cases.yml), properties that hold for any documents, and the
command line (`python -m checker history`)."""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import load_measures
from checker.engine import format_date
from checker.history import MAX_ITEMS, Item, history, history_to_dict, read_items, verdict
from checker.typography import typeset
from tests.catalogue import LANGUAGES

HERE = Path(__file__).parent
REPO = HERE.parents[1]
CASES = yaml.safe_load((HERE / "history_cases.yml").read_text(encoding="utf-8"))["cases"]
MEASURES = load_measures()


def iso(value) -> str:
    return value.isoformat() if isinstance(value, date) else value


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
@pytest.mark.parametrize("lang", MEASURES.language_codes())
def test_history_case(case, lang):
    items = tuple(Item(document, issued, expiry) for document, issued, expiry in case["items"])
    start, end = case.get("period") or (None, None)
    result = history_to_dict(history(MEASURES, items, start, end, lang=lang))
    assert [[s["start"], s["end"]] for s in result["covered"]] == [[iso(a), iso(b)] for a, b in case["covered"]]
    assert [[g["start"], g["end"], g["days"]] for g in result["gaps"]] == [[iso(a), iso(b), n] for a, b, n in case["gaps"]]
    assert result["continuous"] == case["continuous"]
    assert all(gap["reason"] for gap in result["gaps"])  # every gap says why


documents = st.sampled_from(MEASURES.document_ids())
days = st.dates(min_value=date(2019, 1, 1), max_value=date(2022, 12, 31))


@st.composite
def items(draw, count=st.integers(min_value=1, max_value=6)):
    found = []
    for _ in range(draw(count)):
        issued = draw(days)
        found.append(Item(draw(documents), issued, issued + timedelta(days=draw(st.integers(0, 800)))))
    return tuple(found)


@given(items(), days, st.integers(0, 900))
@settings(max_examples=150, deadline=None)
def test_gaps_and_covered_days_partition_the_period(documents_held, start, length):
    end = start + timedelta(days=length)
    result = history(MEASURES, documents_held, start, end)
    covered = {start + timedelta(days=n) for n in range(length + 1)
               if any(s.start <= start + timedelta(days=n) <= s.end for s in result.covered)}
    in_gaps = [start + timedelta(days=n) for gap in result.gaps for n in range(gap.days)
               for start in [gap.start]]
    assert len(in_gaps) == len(set(in_gaps))  # no day in two gaps
    assert covered.isdisjoint(in_gaps) and len(covered) + len(in_gaps) == length + 1
    assert result.continuous == (not result.gaps)


@given(items(), items(count=st.just(1)), days, st.integers(0, 900))
@settings(max_examples=150, deadline=None)
def test_adding_a_document_never_adds_a_gap_day(documents_held, one_more, start, length):
    end = start + timedelta(days=length)
    before = sum(gap.days for gap in history(MEASURES, documents_held, start, end).gaps)
    after = sum(gap.days for gap in history(MEASURES, documents_held + one_more, start, end).gaps)
    assert after <= before


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker", "history", *args], cwd=REPO, capture_output=True,
                          text=True, encoding="utf-8", timeout=60)


def test_the_command_line_gives_the_gap_of_the_example():
    result = run("--item", "titre-de-sejour,21/06/2019,20/06/2020", "--item", "titre-de-sejour,2020-07-01,2020-06-30"
                 .replace("2020-06-30", "2021-06-30"), "--from", "01/01/2020", "--to", "31/12/2020", "--json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert [(g["start"], g["end"], g["days"]) for g in answer["gaps"]] == [("2020-06-21", "2020-06-30", 10)]
    assert answer["continuous"] is False and answer["items"][0]["valid_until"] == "2020-06-20"
    words = run("--item", "titre-de-sejour,21/06/2019,20/06/2020", "--from", "01/06/2020", "--to", "30/06/2020")
    assert "du 21 juin 2020 au 30 juin 2020 (10 jours)" in words.stdout.replace("\u00a0", " ")


@pytest.mark.parametrize("args, code, field", [
    (["--item", "passeport,01/01/2020,31/12/2020"], "unknown-document", "document"),
    (["--item", "titre-de-sejour,01/01/2021,31/12/2020"], "issued-after-expiry", "issued"),
    (["--item", "titre-de-sejour,01/01/2020"], "bad-item", "item"),
    (["--item", "titre-de-sejour,32/01/2020,31/12/2020"], "impossible-date", "issued"),
    ([arg for _ in range(MAX_ITEMS + 1) for arg in ("--item", "titre-de-sejour,01/01/2020,31/12/2020")],
     "too-many-items", "item"),
    (["--item", "titre-de-sejour,01/01/2020,31/12/2020", "--from", "01/02/2020", "--to", "01/01/2020"],
     "period-order", "to"),
    (["--item", "titre-de-sejour,01/01/2020,31/12/2020", "--from", "01/02/2020"], "missing", "to"),
])
def test_bad_history_input_exits_2_with_a_json_error(args, code, field):
    result = run(*args, "--json")
    assert result.returncode == 2
    error = json.loads(result.stdout)
    assert (error["code"], error["field"]) == (code, field) and error["error"]
    assert error["error"] in result.stderr
    if code == "too-many-items":
        assert str(MAX_ITEMS) in error["error"]  # the limit the message names is the history's, not a field's length


def test_the_single_document_command_gives_its_error_as_json_too():
    result = subprocess.run([sys.executable, "-m", "checker", "--document", "passeport", "--expiry", "16/03/2020",
                             "--json"], cwd=REPO, capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert result.returncode == 2
    assert json.loads(result.stdout)["field"] == "document"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_printable_summary_of_a_history_has_each_half_in_its_language(lang):
    """The first language beside the page's: the documents, the gaps, the verdict, the articles, and the sentence
    that says the calculation is about documents only; an error is the page's own error."""
    from checker.web import history_summary_json, summary_languages

    items = ["titre-de-sejour,2019-06-21,2020-06-20", "titre-de-sejour,2020-07-01,2021-06-30"]
    halves = json.loads(history_summary_json(items, "2020-01-01", "2020-12-31", lang))["halves"]
    measures = load_measures()
    assert tuple(halves) == summary_languages(measures, lang)
    for code, half in halves.items():
        language = measures.language(code)
        assert len(half["items"]) == 2 and len(half["gaps"]) == 1
        assert format_date(date(2020, 6, 21), language) in half["gaps"][0]
        assert half["verdict"] == verdict(history(measures, read_items(items, measures), date(2020, 1, 1),
                                                  date(2020, 12, 31), lang=code), language)
        assert half["scope"] == typeset(language.say("history", "scope"), language)
    error = json.loads(history_summary_json(["titre-de-sejour,2021-01-01,2020-12-31"], None, None, lang))
    assert (error["ok"], error["code"], error["item"]) == (False, "issued-after-expiry", 0)
