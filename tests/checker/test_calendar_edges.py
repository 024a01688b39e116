"""Dates at the edges of Python's calendar (1 January of year 1, 31 December 9999): the checker answers, on the
command line and through the page's entry point, and never adds a day past the last one."""
from __future__ import annotations

import contextlib
import io
import json
from datetime import date

import pytest

from checker.__main__ import main
from checker.history import Item, Span, history, merged, uncovered
from checker.web import respond
from tests.catalogue import LANGUAGES

FIRST, LAST = date.min, date.max  # 0001-01-01, 9999-12-31


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_spans_that_reach_the_last_day_merge():
    assert merged([Span(date(2019, 1, 1), LAST), Span(date(2020, 1, 1), date(2020, 2, 1)), Span(LAST, LAST)]) == (
        Span(date(2019, 1, 1), LAST),)
    assert merged([Span(FIRST, FIRST), Span(date(1, 1, 2), LAST)]) == (Span(FIRST, LAST),)


@pytest.mark.parametrize("covered, bounds, gaps", [
    ([Span(date(2019, 1, 1), LAST)], Span(date(2019, 1, 1), LAST), []),
    ([Span(date(2019, 1, 1), LAST)], Span(FIRST, LAST), [Span(FIRST, date(2018, 12, 31))]),
    ([Span(date(2019, 1, 1), date(2020, 1, 1))], Span(FIRST, LAST),
     [Span(FIRST, date(2018, 12, 31)), Span(date(2020, 1, 2), LAST)]),
    ([Span(FIRST, LAST)], Span(FIRST, LAST), []),
    ([Span(LAST, LAST)], Span(date(9999, 12, 30), LAST), [Span(date(9999, 12, 30), date(9999, 12, 30))]),
])
def test_the_days_no_document_covered_up_to_the_last_day(covered, bounds, gaps):
    assert uncovered(tuple(covered), bounds) == gaps


@pytest.mark.parametrize("items, period, covered, gaps", [
    ([("titre-de-sejour", date(2019, 1, 1), LAST)], None, [(date(2019, 1, 1), LAST)], []),
    ([("titre-de-sejour", LAST, LAST)], None, [(LAST, LAST)], []),
    ([("titre-de-sejour", FIRST, LAST)], (FIRST, LAST), [(FIRST, LAST)], []),
    ([("titre-de-sejour", date(2019, 1, 1), date(2019, 12, 31)), ("recepisse", date(2020, 1, 1), LAST)],
     (date(2019, 1, 1), LAST), [(date(2019, 1, 1), LAST)], []),
    ([("visa-court-sejour", date(2020, 1, 1), date(2020, 1, 31))], (FIRST, LAST), [(date(2020, 1, 1), date(2020, 1, 31))],
     [(FIRST, date(2019, 12, 31)), (date(2020, 2, 1), LAST)]),
])
def test_a_history_reaching_the_edges_of_the_calendar(measures, items, period, covered, gaps):
    result = history(measures, tuple(Item(*item) for item in items), *(period or (None, None)))
    assert [(span.start, span.end) for span in result.covered] == covered
    assert [(gap.start, gap.end) for gap in result.gaps] == gaps
    assert all(gap.reason for gap in result.gaps)


EDGE_COMMANDS = [
    ["--document", "titre-de-sejour", "--expiry", "31/12/9999"],
    ["--document", "recepisse", "--expiry", "16/03/2020", "--on", "31/12/9999"],
    ["--document", "titre-de-sejour", "--expiry", "16/03/2020", "--issued", "01/01/0001", "--on", "01/01/0001"],
    ["--document", "titre-de-sejour", "--expiry", "01/01/0001", "--on", "9999-12-31"],
    ["history", "--item", "titre-de-sejour,01/01/2019,31/12/9999"],
    ["history", "--item", "titre-de-sejour,31/12/9999,31/12/9999"],
    ["history", "--item", "titre-de-sejour,01/01/2019,16/03/2020", "--from", "01/01/2019", "--to", "31/12/9999"],
    ["history", "--item", "titre-de-sejour,01/01/0001,31/12/9999", "--from", "01/01/0001", "--to", "9999-12-31"],
    ["history", "--item", "recepisse,01/01/0001,01/01/0001", "--item", "titre-de-sejour,02/01/0001,31/12/9999"],
]


@pytest.mark.parametrize("as_json", [False, True], ids=["words", "json"])
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("argv", EDGE_COMMANDS, ids=" ".join)
def test_the_command_line_answers_at_the_edges_of_the_calendar(argv, lang, as_json):
    code, out, err = run(*argv, "--lang", lang, *(["--json"] if as_json else []))
    assert (code, err) == (0, ""), err
    if as_json:
        json.loads(out)
    else:
        assert "9999" in out or "0001" in out or " 1 " in out or "1" in out


EDGE_REQUESTS = [
    {"document": "titre-de-sejour", "expiry": "9999-12-31", "on": "9999-12-31", "issued": "0001-01-01"},
    {"document": "recepisse", "expiry": {"day": "31", "month": "12", "year": "9999"}},
    {"question": "history", "items": ["titre-de-sejour,01/01/2019,31/12/9999"]},
    {"question": "history", "items": [{"document": "titre-de-sejour", "issued": "2019-01-01", "expiry": "9999-12-31"}],
     "from": "2019-01-01", "to": "9999-12-31"},
    {"question": "history", "items": ["titre-de-sejour,2019-01-01,2020-03-16"], "from": "0001-01-01",
     "to": "9999-12-31"},
    {"question": "history-summary", "items": ["titre-de-sejour,01/01/0001,31/12/9999"], "from": "0001-01-01",
     "to": "9999-12-31"},
]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("request_", EDGE_REQUESTS, ids=lambda r: json.dumps(r, ensure_ascii=False)[:60])
def test_the_page_answers_at_the_edges_of_the_calendar(request_, lang):
    """The page had said the calculator could not run: Python raised OverflowError in the history."""
    answer = json.loads(respond(json.dumps({**request_, "lang": lang})))
    assert answer["ok"] is True, answer


@pytest.mark.parametrize("items", ["titre-de-sejour", {"document": "titre-de-sejour"}, 7, None])
def test_a_history_request_whose_documents_are_not_a_list_is_told_what_is_missing(items):
    """A hand-made request (the worker's JSON) with no list of documents: the page's error, not an exception."""
    for question in ("history", "history-summary"):
        answer = json.loads(respond(json.dumps({"question": question, "items": items, "lang": LANGUAGES[0]})))
        assert answer["ok"] is False and answer["field"] == "item", answer
