"""The package around the rules: loading the data, failing early on bad data, the same sentences in every language."""
from __future__ import annotations

import copy
import re
import string

import pytest

import checker
from checker import data
from checker.data import RulesMissing, load_rules_data
from checker.rules import RulesError, build_measures


def test_public_api():
    assert set(checker.__all__) == {"check", "parse_request", "load_measures", "answer_to_dict"}


def test_missing_rules_file_says_how_to_make_it(monkeypatch):
    monkeypatch.setattr(data, "RULES_FILE", "no-such-rules.json")
    with pytest.raises(RulesMissing, match="make rules"):
        data.load_rules_data()


@pytest.mark.parametrize("break_data, where", [
    (lambda d: d["rules"][0].pop("extension_days"), "rules[0].extension_days"),
    (lambda d: d["rules"][1]["expiry_window"].pop("start"), "rules[1].expiry_window.start"),
    (lambda d: d["rules"][2]["legal_basis"].update(text="loi-1789"), "rules[2].legal_basis.text"),
    (lambda d: d.pop("languages"), "languages"),
])
def test_rules_data_missing_a_field_names_it(break_data, where):
    # The rules data is validated once, as content (tests/site/test_bad_content.py); reading it only names a
    # field that is not there, as in a rules file of another version.
    raw = copy.deepcopy(load_rules_data())
    break_data(raw)
    with pytest.raises(RulesError, match=re.escape(where + ": missing") + "|" + re.escape(where + ": no legal")):
        build_measures(raw)


def _placeholders(template: str | dict) -> set[str]:
    """The {fields} a sentence fills; for one written in plural forms, those of all its forms together."""
    if isinstance(template, dict):
        return set().union(*(_placeholders(form) for key, form in template.items() if key != "plural"))
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("part", ["legal_basis", "cited_text", "explanation", "input_errors", "cli", "fields",
                                  "field_subjects", "history", "counts"])
def test_every_language_has_every_sentence_with_the_same_placeholders(part):
    first, *others = load_rules_data()["languages"]
    for other in others:
        assert other["checker"][part].keys() == first["checker"][part].keys(), other["code"]
        for key, sentence in first["checker"][part].items():
            # A translation may cite a text's title in the first language beside its own: {original}.
            optional = {"original"} if (part, key) == ("legal_basis", "short_title") else set()
            assert _placeholders(sentence) <= _placeholders(other["checker"][part][key]) <= (
                _placeholders(sentence) | optional), (other["code"], key)
