"""What the page's worker gets from checker.web.respond is whole: sentences and lists set in the page's language,
so that the page's scripts hold no word, separator or rule of their own."""
from __future__ import annotations

import json

import pytest

from checker import load_measures
from checker.typography import typeset
from checker.web import respond
from tests.catalogue import LANGUAGES


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_printed_summary_joins_several_legal_bases_with_each_languages_separator(lang):
    measures = load_measures()
    # A document outside the measures is refused by two texts: its summary cites both.
    excluded = next(exclusion.documents[0] for exclusion in measures.exclusions if len(exclusion.legal_bases) > 1)
    answer = json.loads(respond(json.dumps({"document": excluded, "expiry": "2020-05-16", "lang": lang})))
    for code, half in answer["summary"].items():
        language = measures.language(code)
        bases = json.loads(respond(json.dumps({"document": excluded, "expiry": "2020-05-16", "lang": code})))
        cited = bases["answer"]["legal_basis"]
        assert len(cited) > 1
        assert half["legal_basis"] == typeset(language.list_separator.join(cited), language)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_printed_history_names_a_rule_only_for_a_document_a_rule_extended(lang):
    """An excluded document (a short-stay visa) has an exclusion, not a rule: the printed summary says which rule
    extended a document only when one did, as the command line does."""
    measures = load_measures()
    language = measures.language(lang)
    items = [{"document": "visa-court-sejour", "issued": "2020-01-01", "expiry": "2020-04-01"},
             {"document": "titre-de-sejour", "issued": "2019-04-02", "expiry": "2020-04-01"}]
    printed = json.loads(respond(json.dumps({"question": "history-summary", "items": items, "lang": lang})))
    answer = json.loads(respond(json.dumps({"question": "history", "items": items, "lang": lang})))
    by_document = {item["document"]: item for item in answer["history"]["items"]}
    assert by_document["visa-court-sejour"]["rule"] is None
    assert by_document["visa-court-sejour"]["exclusion"] == "visa-court-sejour"
    assert by_document["titre-de-sejour"]["rule"] == "A"
    lines = printed["halves"][lang]["items"]
    rule_words = [typeset(language.say("history", "item_rule", rule=rule.id), language) for rule in measures.rules]
    named = [line for line in lines if any(words.strip() in line for words in rule_words)]
    assert len(lines) == 2 and len(named) == 1


# --- Keep, open, remind: the files the history page makes on the device ---------------------------------------

RUNS = {"question": "history", "items": ["titre-de-sejour,2015-09-01,2016-08-31", "titre-de-sejour,2016-09-01,2020-04-30",
                                         "titre-de-sejour,2020-11-01,2024-10-31"],
        "from": "2015-09-01", "to": "2024-10-31", "span_years": "5", "span_end": "2020-10-27"}


def ask(**request) -> dict:
    return json.loads(respond(json.dumps(request)))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_downloaded_history_opened_again_gives_the_same_answer(lang):
    saved = ask(**{**RUNS, "question": "history-save", "lang": lang})["file"]
    assert saved["name"].endswith(".json") and saved["type"] == "application/json"
    opened = ask(question="history-open", text=saved["text"], name=saved["name"], lang=lang)
    assert opened["ok"], opened
    again = ask(question="history", **opened["request"], lang=lang)
    answered = ask(**RUNS, lang=lang)
    # The same answer; the form's fields come back as the link gave them (the file's rows are fields already).
    assert {**again, "fields": None} == {**answered, "fields": None}
    assert opened["fields"]["items"] == answered["fields"]["items"]
    assert opened["fields"]["span_years"] == "5" and "span_end" in answered["fields"]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("text, code", [("not a history", "file-not-history"),
                                        ('{"format": "sejour-residence-history", "version": 99}', "file-version")])
def test_a_file_that_is_not_a_history_is_refused_on_the_file_field(lang, text, code):
    refused = ask(question="history-open", text=text, name="notes.json", lang=lang)
    assert (refused["ok"], refused["code"], refused["field"]) == (False, code, "file")
    assert "notes.json" in refused["error"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_bad_value_inside_a_saved_file_is_said_as_the_form_says_it_on_the_file_field(lang):
    from checker.inputs import InputError

    measures = load_measures()
    text = ask(**{**RUNS, "question": "history-save", "lang": lang})["file"]["text"].replace("2016-08-31", "2016-02-30")
    refused = ask(question="history-open", text=text, name="h.json", lang=lang)
    assert (refused["ok"], refused["code"], refused["field"], refused["item"]) == (False, "impossible-date", "file", None)
    assert InputError("impossible-date", "expiry", "2016-02-30").message(measures.language(lang)) in refused["error"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_reminder_is_the_command_lines_calendar(lang):
    from checker.history import history, read_request
    from checker.reminder import renewal_calendar

    measures = load_measures()
    made = ask(**{**RUNS, "question": "history-ics", "lang": lang})["file"]
    assert made["name"].endswith(".ics") and made["type"] == "text/calendar"
    request = read_request(RUNS["items"], RUNS["from"], RUNS["to"], measures, "5", "2020-10-27")
    result = history(measures, request.items, request.start, request.end, lang=lang, span_years=5,
                     span_end=request.span_end)
    assert made["text"] == renewal_calendar(measures, result, measures.language(lang))
    assert ask(**RUNS, lang=lang)["reminder"] is True


def test_the_permalink_python_writes_reads_back_to_the_same_answer():
    from checker.web import read_query

    answer = ask(**RUNS, lang=LANGUAGES[0])
    assert ask(question="history", **read_query("?" + answer["query"]), lang=LANGUAGES[0]) == answer
    # The span's end is in the address only when it was given: otherwise it follows the period's end.
    assert "span_end" not in ask(**{**RUNS, "span_end": ""}, lang=LANGUAGES[0])["query"]


def test_the_timeline_reaches_a_span_that_starts_before_the_first_document():
    answer = ask(question="history", items=["titre-de-sejour,2018-01-01,2020-12-31"], span_years="5", lang=LANGUAGES[0])
    span = answer["timeline"]["span"]
    assert (span["start"], span["end"], span["left"]) == ("2016-01-01", "2020-12-31", 0)
    assert len(answer["span_gaps"]) == 1 and set(answer["dates"]) >= {"2016-01-01", "2017-12-31"}


@pytest.mark.parametrize("given, fields", [
    ("2020-02-30", {"day": "30", "month": "2", "year": "2020"}),  # impossible: shown to be corrected
    ("16/05/2020", {"day": "16", "month": "5", "year": "2020"}),
    ("١٦/٠٥/٢٠٢٠", {"day": "16", "month": "5", "year": "2020"}),
    ("16 mai 2020", {"day": "16", "month": "5", "year": "2020"}),
    ("30 أفريل 2020", {"day": "30", "month": "4", "year": "2020"}),
])
def test_a_links_date_comes_back_as_the_forms_three_fields_whatever_the_answer(given, fields):
    for lang in LANGUAGES:
        answer = json.loads(respond(json.dumps({"document": "titre-de-sejour", "expiry": given, "lang": lang})))
        assert answer["fields"] == {"expiry": fields}, lang


def test_what_is_not_a_date_fills_no_field_and_parts_are_not_sent_back():
    answer = json.loads(respond(json.dumps({"document": "titre-de-sejour", "expiry": "tomorrow",
                                            "on": {"day": "1", "month": "6", "year": "2020"}})))
    assert answer["ok"] is False and answer["fields"] == {}


def test_a_links_history_comes_back_row_by_row_as_the_form_shows_it():
    items = ["titre-de-sejour,2015-09-01,2016-08-31", "recepisse,1/9/2016,31 avril 2020", "nonsense"]
    answer = json.loads(respond(json.dumps({"question": "history", "items": items, "from": "2015-09-01",
                                            "to": "not a date"})))
    assert answer["ok"] is False
    assert answer["fields"] == {
        "items": [{"document": "titre-de-sejour", "issued": {"day": "1", "month": "9", "year": "2015"},
                   "expiry": {"day": "31", "month": "8", "year": "2016"}},
                  {"document": "recepisse", "issued": {"day": "1", "month": "9", "year": "2016"},
                   "expiry": {"day": "31", "month": "4", "year": "2020"}},
                  {}],
        "from": {"day": "1", "month": "9", "year": "2015"},
    }
