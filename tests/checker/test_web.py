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
