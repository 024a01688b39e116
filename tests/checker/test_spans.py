"""Continuous runs and chosen spans (issue 25): the table of cases (span_cases.yml), the length in years, months and
days, properties that hold for any documents, the saved file, the reminder, and the command line."""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from checker import load_measures
from checker.history import (MAX_ITEMS, MAX_SPAN_YEARS, HistoryRequest, Item, Length, history, history_to_dict,
                             length, read_request, run_sentences, years_ending_on)
from checker.inputs import InputError
from checker.reminder import LINE_OCTETS, renewal_calendar
from checker.saved import FORMAT, VERSION, read_saved, saved_text
from checker.typography import typeset

HERE = Path(__file__).parent
REPO = HERE.parents[1]
CASES = yaml.safe_load((HERE / "span_cases.yml").read_text(encoding="utf-8"))["cases"]
MEASURES = load_measures()


def iso(value) -> str | None:
    return value.isoformat() if isinstance(value, date) else value


def case_items(case) -> tuple[Item, ...]:
    if "generated" in case:  # documents of six months each, one after the other
        first, count = case["generated"]["first_year"], case["generated"]["count"]
        halves = [(date(first + n // 2, 1, 1), date(first + n // 2, 6, 30)) if n % 2 == 0 else
                  (date(first + n // 2, 7, 1), date(first + n // 2, 12, 31)) for n in range(count)]
        return tuple(Item("recepisse" if n % 2 else "titre-de-sejour", *half) for n, half in enumerate(halves))
    return tuple(Item(document, issued, expiry) for document, issued, expiry in case["items"])


def run_of(run) -> list | None:
    return None if run is None else [run["start"], run["end"], run["years"], run["months"], run["days"]]


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
@pytest.mark.parametrize("lang", MEASURES.language_codes())
def test_span_case(case, lang):
    start, end = case.get("period") or (None, None)
    span = case.get("span") or {}
    given_end = span.get("end") if "period" not in case else None
    result = history_to_dict(history(MEASURES, case_items(case), start, end, lang=lang, span_years=span.get("years"),
                                     span_end=given_end))
    expected = lambda run: None if run is None else [iso(run[0]), iso(run[1]), *run[2:]]  # noqa: E731
    assert run_of(result["longest_run"]) == expected(case["longest_run"])
    assert run_of(result["final_run"]) == expected(case["final_run"])
    if span:
        assert (result["span"]["start"], result["span"]["end"]) == (iso(span["start"]), iso(span["end"]))
        assert result["span"]["continuous"] is span["continuous"]
        assert [[g["start"], g["end"], g["days"]] for g in result["span"]["gaps"]] == \
            [[iso(a), iso(b), n] for a, b, n in span["gaps"]]
        assert all(g["reason"] and g["cover"] for g in result["span"]["gaps"])  # why, and what commonly covers it
    else:
        assert result["span"] is None


def test_the_issue_example_counts_both_ends():
    assert length(date(2015, 9, 1), date(2020, 10, 27)) == Length(5, 1, 27)
    assert years_ending_on(5, date(2020, 10, 27)).start == date(2015, 10, 28)


@pytest.mark.parametrize("start, end, expected", [
    ("2021-03-01", "2021-03-01", (0, 0, 1)),  # one day
    ("2021-01-01", "2021-01-31", (0, 1, 0)),  # a whole calendar month
    ("2021-01-31", "2021-02-27", (0, 1, 0)),  # 31 January + 1 month is 28 February, the day after the end
    ("2021-01-31", "2021-02-28", (0, 1, 1)),
    ("2020-01-31", "2020-02-28", (0, 1, 0)),  # a leap year: 31 January + 1 month is 29 February
    ("2020-01-30", "2020-02-29", (0, 1, 1)),
    ("2021-03-31", "2021-04-29", (0, 1, 0)),  # 31 March + 1 month is 30 April
    ("2020-02-29", "2021-02-28", (1, 0, 1)),  # 29 February + 1 year is 28 February: the run holds one day more
    ("2020-02-29", "2021-02-27", (1, 0, 0)),
    ("2019-03-01", "2020-02-29", (1, 0, 0)),  # a year holding a 29 February: 366 days
    ("2023-03-01", "2024-02-28", (0, 11, 28)),  # one day short of that year
    ("9999-01-01", "9999-12-31", (1, 0, 0)),  # the calendar's last day: no day after it is made
    ("2015-09-01", "2020-10-27", (5, 1, 27)),
])
def test_lengths_at_month_ends_and_29_february(start, end, expected):
    assert length(date.fromisoformat(start), date.fromisoformat(end)) == Length(*expected)


@pytest.mark.parametrize("years, end, start", [
    (5, "2020-10-27", "2015-10-28"),
    (1, "2024-02-29", "2023-03-01"),  # 29 February 2023 does not exist: the day after 28 February
    (4, "2024-02-29", "2020-03-01"),  # 29 February 2020 exists: the day after it
    (20, "2024-12-31", "2005-01-01"),
])
def test_n_years_ending_on_a_day(years, end, start):
    assert years_ending_on(years, date.fromisoformat(end)).start == date.fromisoformat(start)


days = st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))


@given(days, st.integers(0, 30 * 366))
def test_a_length_adds_back_up_to_the_day_after_the_end(start, count):
    """Whole months from the start (clamped to the month's end), then the days, reach the day after the end; the
    days left are fewer than the next month would add."""
    end = start + timedelta(days=count)
    years, months, rest = length(start, end)
    assert 0 <= months < 12 and rest >= 0

    def plus_months(n: int) -> date:
        year, month = divmod(start.year * 12 + start.month - 1 + n, 12)
        for day in (start.day, 31, 30, 29, 28):
            try:
                return date(year, month + 1, min(start.day, day))
            except ValueError:
                continue
        raise AssertionError

    anchor = plus_months(years * 12 + months)
    assert anchor + timedelta(days=rest) == end + timedelta(days=1)
    assert plus_months(years * 12 + months + 1) > end + timedelta(days=1)


@given(days, st.integers(0, 20 * 366))
def test_a_length_never_shrinks_when_the_end_moves_on(start, count):
    end = start + timedelta(days=count)
    assert length(start, end + timedelta(days=1)) > length(start, end)


@given(st.integers(1, MAX_SPAN_YEARS), days)
def test_n_years_ending_on_d_start_the_day_after_the_same_date_n_years_earlier(years, end):
    """The day before the span is D's date N years earlier, or 28 February for a 29 February that year lacks; the
    span then lasts N whole years, except when D is 28 February: N years ending on 28 February 2024 start on
    1 March 2023 and are a day short of the year that ends on 29 February 2024."""
    span = years_ending_on(years, end)
    try:
        same_date = end.replace(year=end.year - years)
    except ValueError:  # 29 February in a year without one
        same_date = date(end.year - years, 2, 28)
    assert span.start == same_date + timedelta(days=1) and span.end == end
    if (end.month, end.day) != (2, 28):
        assert span.length == Length(years, 0, 0)


documents = st.sampled_from(MEASURES.document_ids())


@st.composite
def items(draw, count=st.integers(min_value=1, max_value=8)):
    found = []
    for _ in range(draw(count)):
        issued = draw(st.dates(min_value=date(2005, 1, 1), max_value=date(2025, 12, 31)))
        found.append(Item(draw(documents), issued, issued + timedelta(days=draw(st.integers(0, 1500)))))
    return tuple(found)


@given(items(), st.integers(1, MAX_SPAN_YEARS), st.one_of(st.none(), days))
@settings(max_examples=120)
def test_runs_and_spans_hold_for_any_documents(documents_held, years, span_end):
    result = history(MEASURES, documents_held, span_years=years, span_end=span_end)
    # The longest run is at least as long as any run.
    assert all(result.longest_run.days >= run.days for run in result.covered)
    assert result.longest_run in result.covered
    # The final run ends on the last document's end (no period given) and is a covered run.
    assert result.final_run == result.covered[-1]
    # A span is continuous if and only if it holds no gap; its gaps and covered days make up its days.
    span = result.span
    assert span.continuous == (not span.gaps)
    gap_days = sum(gap.days for gap in span.gaps)
    covered_days = sum(max(0, (min(run.end, span.end) - max(run.start, span.start)).days + 1) for run in result.covered)
    assert gap_days + covered_days == span.days
    assert all(span.start <= gap.start <= gap.end <= span.end for gap in span.gaps)


@given(items(), days, st.integers(0, 4000))
@settings(max_examples=80)
def test_the_final_run_ends_on_the_period_last_day_when_it_is_covered(documents_held, start, count):
    end = start + timedelta(days=count)
    result = history(MEASURES, documents_held, start, end)
    covered_on_end = any(run.start <= end <= run.end for run in result.covered)
    assert (result.final_run is not None) == covered_on_end
    if covered_on_end:
        assert result.final_run.end == end
        assert any(run.start == result.final_run.start for run in result.covered)


@given(items(), st.one_of(st.none(), st.tuples(days, st.integers(0, 4000))),
       st.one_of(st.none(), st.tuples(st.integers(1, MAX_SPAN_YEARS), st.one_of(st.none(), days))))
@settings(max_examples=100)
def test_a_saved_then_opened_file_gives_the_same_answer(documents_held, period, span):
    start, end = (period[0], period[0] + timedelta(days=period[1])) if period else (None, None)
    years, span_end = span or (None, None)
    request = HistoryRequest(documents_held, start, end, years, span_end)
    text = saved_text(request)
    assert saved_text(request) == text  # the same request, the same bytes
    raw = read_saved(text, "history.json")
    opened = read_request(raw["items"], raw["from"], raw["to"], MEASURES, raw["span_years"], raw["span_end"])
    assert opened == request
    asked = dict(span_years=years, span_end=span_end)
    assert history_to_dict(history(MEASURES, opened.items, opened.start, opened.end, **asked)) == \
        history_to_dict(history(MEASURES, documents_held, start, end, **asked))


@pytest.mark.parametrize("text, code", [
    ("not json", "file-not-history"),
    ('{"format": "something-else", "version": 1, "items": []}', "file-not-history"),
    (json.dumps({"format": FORMAT, "version": VERSION + 1, "items": []}), "file-version"),
    (json.dumps({"format": FORMAT, "version": True, "items": []}), "file-version"),
    (json.dumps({"format": FORMAT, "version": VERSION, "items": "titre-de-sejour"}), "file-not-history"),
    (json.dumps({"format": FORMAT, "version": VERSION, "items": [], "period": []}), "file-not-history"),
    ("[" * 30000, "file-not-history"),
])
def test_a_file_that_is_not_a_saved_history_is_named(text, code):
    with pytest.raises(InputError) as raised:
        read_saved(text, "f.json")
    assert (raised.value.code, raised.value.field) == (code, "file")
    for language in MEASURES.languages:
        assert raised.value.message(language)


@pytest.mark.parametrize("value", ["0", str(MAX_SPAN_YEARS + 1), "abc", "5.5", "-3", "٥٥٥"])
def test_a_span_of_years_outside_1_to_20_is_refused(value):
    with pytest.raises(InputError) as raised:
        read_request(["titre-de-sejour,2020-01-01,2020-12-31"], None, None, MEASURES, value)
    assert (raised.value.code, raised.value.field, raised.value.limit) == ("span-years", "span_years", MAX_SPAN_YEARS)
    assert str(MAX_SPAN_YEARS) in raised.value.message(MEASURES.language())


def test_a_span_end_without_its_years_is_refused():
    with pytest.raises(InputError) as raised:
        read_request(["titre-de-sejour,2020-01-01,2020-12-31"], None, None, MEASURES, None, "2020-12-31")
    assert (raised.value.code, raised.value.field) == ("missing", "span_years")


def test_forty_documents_are_read_and_forty_one_are_not():
    row = "titre-de-sejour,2020-01-01,2020-12-31"
    assert len(read_request([row] * MAX_ITEMS, None, None, MEASURES).items) == MAX_ITEMS == 40
    with pytest.raises(InputError):
        read_request([row] * (MAX_ITEMS + 1), None, None, MEASURES)


@pytest.mark.parametrize("lang", MEASURES.language_codes())
def test_the_sentences_count_documents_not_presence_and_name_no_eligibility(lang):
    """The runs are said in whole sentences with their dates; the answer says what it counts."""
    language = MEASURES.language(lang)
    case = CASES[1]
    result = history(MEASURES, case_items(case), *case["period"], lang=lang, span_years=5)
    sentences = run_sentences(result, language)
    assert set(sentences) == {"longest_run", "final_run", "span"}
    from checker.engine import format_date
    assert format_date(date(2020, 10, 27), language) in sentences["longest_run"]
    assert format_date(date(2020, 11, 1), language) in sentences["final_run"]
    scope = language.say("history", "scope")
    for word in {"fr": ("présence", "absences"), "en": ("presence", "absences"), "ar": ("التواجد", "الغياب")}.get(lang, ()):
        assert word in scope


# --- The reminder (RFC 5545) ---------------------------------------------------------------------------------------

def unfolded(text: str) -> list[str]:
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")  # every line ends with CRLF, only there
    lines = text.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= LINE_OCTETS for line in lines)
    joined: list[str] = []
    for line in lines:
        if line.startswith(" "):
            joined[-1] += line[1:]
        else:
            joined.append(line)
    return joined


def properties(text: str) -> dict[str, str]:
    """name (without parameters) -> value, for the event's own lines; BEGIN/END checked to nest."""
    stack, found = [], {}
    for line in unfolded(text):
        name_params, value = line.split(":", 1)
        name = name_params.split(";")[0]
        if name == "BEGIN":
            stack.append(value)
        elif name == "END":
            assert stack.pop() == value
        elif stack[-1] == "VEVENT":
            found[name] = value
        else:
            found.setdefault(f"{stack[-1]}.{name}", value)
    assert stack == []
    return found


@pytest.mark.parametrize("lang", MEASURES.language_codes())
def test_the_reminder_is_the_renewal_window_of_the_last_document(lang):
    window = MEASURES.renewal_window
    items = (Item("titre-de-sejour", date(2020, 11, 1), date(2024, 10, 31)),
             Item("titre-de-sejour", date(2016, 9, 1), date(2020, 4, 30)))
    result = history(MEASURES, items, lang=lang)
    text = renewal_calendar(MEASURES, result, MEASURES.language(lang))
    assert text == renewal_calendar(MEASURES, history(MEASURES, items, lang=lang), MEASURES.language(lang))
    event = properties(text)
    first = date(2024, 10, 31) - timedelta(days=window.first_day_before)
    last = date(2024, 10, 31) - timedelta(days=window.last_day_before)
    assert (first, last) == (date(2024, 7, 3), date(2024, 9, 1))  # the 120th and the 60th day before
    assert event["DTSTART"] == f"{first:%Y%m%d}" and event["DTEND"] == f"{last + timedelta(days=1):%Y%m%d}"
    assert event["DTSTAMP"] == "20201101T000000Z"  # the last document's issue date, not the clock
    assert {"VCALENDAR.VERSION", "VCALENDAR.PRODID", "UID", "SUMMARY", "DESCRIPTION"} <= set(event)
    basis = typeset(window.legal_basis.in_(lang), MEASURES.language(lang))
    description = event["DESCRIPTION"].replace("\\,", ",").replace("\\;", ";")
    assert "R. 431-5" in basis and basis in description


def test_the_reminder_of_a_document_without_a_known_window_is_refused():
    result = history(MEASURES, (Item("recepisse", date(2024, 1, 1), date(2024, 6, 30)),))
    with pytest.raises(InputError) as raised:
        renewal_calendar(MEASURES, result, MEASURES.language())
    assert (raised.value.code, raised.value.field) == ("no-renewal-window", "ics")


# --- The command line -----------------------------------------------------------------------------------------------

PERMALINK = ["--item", "titre-de-sejour,2015-09-01,2016-08-31", "--item", "titre-de-sejour,2016-09-01,2020-04-30",
             "--item", "titre-de-sejour,2020-11-01,2024-10-31", "--from", "2015-09-01", "--to", "2024-10-31"]


def run(*args: str, cwd=REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker", "history", *args], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", timeout=60, env={"PYTHONPATH": str(REPO), "PATH": ""})


def test_the_command_line_gives_the_runs_and_the_span_with_the_issue_keys():
    result = run(*PERMALINK, "--span-years", "5", "--json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["longest_run"] == {"start": "2015-09-01", "end": "2020-10-27", "years": 5, "months": 1, "days": 27}
    assert answer["final_run"] == {"start": "2020-11-01", "end": "2024-10-31", "years": 4, "months": 0, "days": 0}
    span = answer["span"]
    assert {"start", "end", "continuous", "gaps"} <= set(span)
    assert (span["start"], span["end"], span["continuous"]) == ("2019-11-01", "2024-10-31", False)
    assert [(g["start"], g["end"]) for g in span["gaps"]] == [("2020-10-28", "2020-10-31")]
    ended = run(*PERMALINK, "--span-years", "5", "--span-end", "27/10/2020", "--json")
    assert json.loads(ended.stdout)["span"]["start"] == "2015-10-28"


def test_the_command_line_says_the_runs_in_words():
    result = run(*PERMALINK, "--lang", "en")
    text = result.stdout.replace("\u00a0", " ")
    assert "from 1 September 2015 to 27 October 2020" in text and "since 1 November 2020" in text


@pytest.mark.parametrize("args, code, field", [
    (["--span-years", "0"], "span-years", "span_years"),
    (["--span-years", "21"], "span-years", "span_years"),
    (["--span-years", "cinq"], "span-years", "span_years"),
    (["--span-end", "31/12/2024"], "missing", "span_years"),
    (["--span-years", "5", "--span-end", "31/02/2024"], "impossible-date", "span_end"),
    (["--file", "/nonexistent/history.json"], "file-unreadable", "file"),
    (["--save", "/nonexistent/dir/history.json"], "file-unwritable", "file"),
])
def test_bad_span_or_file_input_exits_2_with_a_json_error(args, code, field):
    result = run(*PERMALINK, *args, "--json")
    assert result.returncode == 2, result.stdout
    error = json.loads(result.stdout)
    assert (error["code"], error["field"]) == (code, field) and error["error"] in result.stderr


def test_save_then_file_gives_the_same_answer_and_the_file_is_documented(tmp_path):
    saved = tmp_path / "history.json"
    first = run(*PERMALINK, "--span-years", "5", "--save", str(saved), "--json")
    assert first.returncode == 0, first.stderr
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert (data["format"], data["version"]) == (FORMAT, VERSION) and len(data["items"]) == 3
    again = run("--file", str(saved), "--json")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout) == json.loads(first.stdout)
    # The format the file says it is, is described where the README's reader finds it.
    documented = (REPO / "ARCHITECTURE.md").read_text(encoding="utf-8")
    assert FORMAT in documented and all(f'"{key}"' in documented for key in data)
    # An option given with --file replaces the file's: another span.
    other = json.loads(run("--file", str(saved), "--span-years", "2", "--json").stdout)
    assert other["span"]["start"] == "2022-11-01"


def test_a_file_that_is_not_a_history_exits_2(tmp_path):
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"format": "other"}', encoding="utf-8")
    result = run("--file", str(wrong), "--json")
    assert result.returncode == 2 and json.loads(result.stdout)["code"] == "file-not-history"
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00")
    assert json.loads(run("--file", str(binary), "--json").stdout)["code"] == "file-not-history"


def test_ics_writes_the_same_bytes_twice(tmp_path):
    one, two = tmp_path / "one.ics", tmp_path / "two.ics"
    assert run(*PERMALINK, "--ics", str(one)).returncode == 0
    assert run(*PERMALINK, "--ics", str(two)).returncode == 0
    assert one.read_bytes() == two.read_bytes() and one.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    refused = run("--item", "recepisse,2024-01-01,2024-06-30", "--ics", str(tmp_path / "no.ics"), "--json")
    assert refused.returncode == 2 and json.loads(refused.stdout)["code"] == "no-renewal-window"
    assert not (tmp_path / "no.ics").exists()


@pytest.mark.parametrize("lang", MEASURES.language_codes())
@pytest.mark.parametrize("start, end", [("2015-09-01", "2020-10-27"), ("2020-11-01", "2024-10-31"),
                                        ("2021-01-01", "2021-01-01"), ("2019-01-01", "2021-02-02")])
def test_a_length_is_said_with_each_count_in_its_plural_form_and_no_zero_part(lang, start, end):
    from checker.history import Span, length_text

    language = MEASURES.language(lang)
    span = Span(date.fromisoformat(start), date.fromisoformat(end))
    text = length_text(span, language)
    parts = [language.say("counts", unit, **{unit: count}) for unit, count in span.length._asdict().items() if count]
    position = 0
    for part in parts:  # each count in its form, in order: years, months, days
        position = text.index(part, position) + len(part)
    for unit, count in span.length._asdict().items():
        if not count:  # "4 years", not "4 years, 0 months and 0 days"
            assert language.say("counts", unit, **{unit: 0}) not in text


@pytest.mark.parametrize("lang", MEASURES.language_codes())
def test_the_page_gets_the_runs_and_the_span_in_whole_sentences_and_its_errors_on_their_field(lang):
    """What the page's worker calls (checker.web.respond): the same data as the command line, the sentences made by
    Python, and a bad span named by its field, in the page's language."""
    from checker.web import respond

    items = [f"{document},{issued},{expiry}" for document, issued, expiry in
             (("titre-de-sejour", "2015-09-01", "2016-08-31"), ("titre-de-sejour", "2016-09-01", "2020-04-30"),
              ("titre-de-sejour", "2020-11-01", "2024-10-31"))]
    asked = {"question": "history", "items": items, "from": "2015-09-01", "to": "2024-10-31", "lang": lang,
             "span_years": "5"}
    answer = json.loads(respond(json.dumps(asked)))
    assert answer["ok"] and answer["history"]["span"]["start"] == "2019-11-01"
    result = history(MEASURES, read_request(items, None, None, MEASURES).items, date(2015, 9, 1), date(2024, 10, 31),
                     lang=lang, span_years=5)
    assert answer["runs"] == run_sentences(result, MEASURES.language(lang))
    halves = json.loads(respond(json.dumps({**asked, "question": "history-summary"})))["halves"]
    assert all(len(half["runs"]) == 3 for half in halves.values())
    refused = json.loads(respond(json.dumps({**asked, "span_years": "0"})))
    assert (refused["ok"], refused["code"], refused["field"]) == (False, "span-years", "span_years")
    assert refused["error"] == InputError("span-years", "span_years", "0", limit=MAX_SPAN_YEARS).message(
        MEASURES.language(lang))
