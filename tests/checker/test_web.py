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
