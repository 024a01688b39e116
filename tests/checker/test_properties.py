"""What must hold for every document and every date, checked against the raw rules data."""
from __future__ import annotations

import contextlib
import io
import json
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from checker import answer_to_dict, check, load_measures, parse_request
from checker.data import load_rules_data
from tests.catalogue import LANGUAGES, format_date, language
from checker.inputs import InputError

RAW = load_rules_data()
DOCUMENTS = [d["id"] for d in RAW["documents"]]

# Most interesting dates sit around 2020; the whole calendar must still not crash.
any_date = st.one_of(st.dates(date(2019, 10, 1), date(2020, 12, 31)), st.dates())
documents = st.sampled_from(DOCUMENTS)
languages = st.sampled_from(LANGUAGES)  # every configured language


def expected_rule(document_id: str, expiry: date) -> dict | None:
    """An independent reading of the data: the rule whose window holds the date, unless excluded."""
    if any(document_id in e["documents"] for e in RAW["exclusions"]):
        return None
    for rule in RAW["rules"]:
        window = rule["expiry_window"]
        if document_id in rule["documents"] and window["start"] <= expiry.isoformat() <= window["end"]:
            return rule
    return None


@settings(max_examples=400)
@given(documents, any_date, st.one_of(st.none(), any_date), languages)
def test_every_answer_is_consistent(document_id, expiry, on, lang):
    answer = check(load_measures(), document_id, expiry, on, lang=lang)
    rule = expected_rule(document_id, expiry)

    assert answer.covered == (rule is not None)
    if answer.covered:
        assert answer.rule == rule["id"]
        assert answer.extension_days == rule["extension_days"]
        assert answer.valid_until - expiry == timedelta(days=answer.extension_days)
        assert answer.valid_until >= expiry
        assert answer.window.start <= expiry <= answer.window.end
        assert answer.rights
    else:
        assert answer.valid_until is None
        assert answer.extension_days == 0
        assert answer.rights == ()

    last_valid_day = answer.valid_until or expiry
    assert answer.valid_on == (None if on is None else on <= last_valid_day)

    # The explanation names its legal basis and shows the resulting date.
    assert answer.legal_basis
    for basis in answer.legal_basis:
        assert basis in answer.explanation
    assert format_date(last_valid_day, lang) in answer.explanation
    assert format_date(expiry, lang) in answer.explanation

    json.dumps(answer_to_dict(answer))


def _excluded(document_id: str) -> bool:
    return any(document_id in e["documents"] for e in RAW["exclusions"])


# Documents some rule extends, each with a printed date in none of its windows: the answers that must name the
# nearest window (drawn so, and not filtered inside the test, so that every example asserts).
RULED = [d for d in DOCUMENTS if not _excluded(d) and any(d in rule["documents"] for rule in RAW["rules"])]
outside_every_window = st.sampled_from(RULED).flatmap(lambda document_id: st.tuples(
    st.just(document_id),
    st.dates(date(2020, 1, 1), date(2020, 12, 31)).filter(lambda day: expected_rule(document_id, day) is None)))


def nearest_window(document_id: str, expiry: date) -> tuple[str, str]:
    """An independent reading of the data: the window of the document's rules closest to the date (the earlier
    one when two are as close)."""
    def distance(window: dict) -> int:
        start, end = date.fromisoformat(window["start"]), date.fromisoformat(window["end"])
        return (start - expiry).days if expiry < start else (expiry - end).days

    windows = [rule["expiry_window"] for rule in RAW["rules"] if document_id in rule["documents"]]
    chosen = min(windows, key=lambda window: (distance(window), window["start"]))
    return chosen["start"], chosen["end"]


@given(outside_every_window, languages)
def test_a_date_outside_every_window_names_the_nearest_one(request, lang):
    document_id, expiry = request
    answer = check(load_measures(), document_id, expiry, lang=lang)
    assert not answer.covered and answer.rule is None
    nearest = answer.nearest_window
    assert (nearest.start.isoformat(), nearest.end.isoformat()) == nearest_window(document_id, expiry)
    assert format_date(nearest.start, lang) in answer.explanation
    assert format_date(nearest.end, lang) in answer.explanation


@given(st.sampled_from([d for d in DOCUMENTS if _excluded(d)]), any_date, languages)
def test_an_excluded_document_names_no_window(document_id, expiry, lang):
    answer = check(load_measures(), document_id, expiry, lang=lang)
    assert not answer.covered and answer.nearest_window is None and answer.window is None


text_or_none = st.one_of(st.none(), st.text(max_size=60), st.sampled_from(DOCUMENTS))


@given(text_or_none, text_or_none, text_or_none)
def test_parse_request_accepts_or_explains_never_crashes(document, expiry, on):
    try:
        document_id, expiry_date, on_date, _ = parse_request(document, expiry, on, load_measures())
    except InputError as error:
        for lang in LANGUAGES:
            message = error.message(language(lang))
            assert message and "\n" not in message
            assert "<" not in message and ">" not in message
    else:
        assert document_id in DOCUMENTS
        assert isinstance(expiry_date, date)
        assert on_date is None or isinstance(on_date, date)


# --- The command line, given anything --------------------------------------------------------------------------

EDGE_DATES = st.sampled_from([date.max, date.min, date(1, 12, 31), date(9999, 1, 1), date(2020, 3, 16)])
calendar_days = st.one_of(EDGE_DATES, any_date)
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
MONTHS = [month for code in LANGUAGES for month in language(code).months]


@st.composite
def spelled(draw, day: date, two_digit_years: bool = True) -> str:
    """A date as a person or a script may write it: every form the checker reads, in Western or Arabic-Indic
    digits (and a two-digit year, which it refuses)."""
    forms = [day.isoformat(), f"{day.day:02}/{day.month:02}/{day.year:04}", f"{day.day}.{day.month}.{day.year:04}",
             f"{day.day} {draw(st.sampled_from(MONTHS))} {day.year:04}"]
    written = draw(st.sampled_from(forms + ([f"{day.day}/{day.month}/{day.year % 100:02}"] if two_digit_years else [])))
    return written.translate(ARABIC_INDIC) if draw(st.booleans()) else written


written_dates = calendar_days.flatmap(spelled)
anything = st.text(max_size=50)
cli_dates = st.one_of(written_dates, anything)
cli_documents = st.one_of(st.sampled_from(DOCUMENTS), anything)
cli_languages = st.one_of(st.sampled_from(LANGUAGES), anything)


@st.composite
def single_document_argv(draw) -> list[str]:
    options = [["--document", draw(cli_documents)], ["--expiry", draw(cli_dates)], ["--on", draw(cli_dates)],
               ["--issued", draw(cli_dates)], ["--lang", draw(cli_languages)], ["--json"], [draw(anything)]]
    chosen = draw(st.lists(st.sampled_from(range(len(options))), max_size=7, unique=True))
    return [arg for index in chosen for arg in options[index]]


@st.composite
def held_document(draw) -> str:
    """TYPE,ISSUED,EXPIRY as the command line reads it, issued first (a history that can be answered)."""
    issued, expiry = sorted([draw(calendar_days), draw(calendar_days)])
    return ",".join([draw(st.sampled_from(DOCUMENTS)), draw(spelled(issued, False)), draw(spelled(expiry, False))])


@st.composite
def history_argv(draw) -> list[str]:
    """A history that can be answered (its documents and period well written, at any year), or anything."""
    answerable = draw(st.booleans())
    items = held_document() if answerable else st.one_of(
        st.builds(lambda *parts: ",".join(parts), cli_documents, cli_dates, cli_dates), anything)
    argv = ["history"]
    for value in draw(st.lists(items, min_size=int(answerable), max_size=4)):
        argv += ["--item", value]
    if draw(st.booleans()):
        start, end = sorted([draw(calendar_days), draw(calendar_days)])
        argv += ["--from", draw(spelled(start, False)), "--to", draw(spelled(end, False))]
    if not answerable:
        for option, value in (("--from", cli_dates), ("--to", cli_dates), ("--lang", cli_languages)):
            if draw(st.booleans()):
                argv += [option, draw(value)]
    return argv + draw(st.sampled_from([[], ["--json"], ["--lang", draw(cli_languages)], [draw(anything)]]))


@settings(max_examples=2000, deadline=None)
@given(st.one_of(single_document_argv(), history_argv()))
def test_the_command_line_answers_or_says_what_is_wrong_in_one_line(argv):
    """Whatever it is given: exit 0 with an answer, or exit 2 with one line on stderr; never a traceback."""
    from checker.__main__ import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    assert code in (0, 2), (code, err.getvalue())
    if code == 2:
        assert err.getvalue().count("\n") == 1 and err.getvalue().strip(), err.getvalue()
    else:
        assert out.getvalue() and not err.getvalue()
