"""Runs the table of cases in cases.yml: the specification written as inputs and expected outputs."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from checker import answer_to_dict, check, parse_request
from checker.engine import format_date
from checker.typography import typeset
from tests.catalogue import LANGUAGES

CASES = yaml.safe_load((Path(__file__).parent / "cases.yml").read_text(encoding="utf-8"))["cases"]


def _iso(value):
    """YAML reads unquoted dates as dates; compare everything as ISO text like answer_to_dict."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _iso(item) for key, item in value.items()}
    return value


def test_table_is_well_formed():
    names = [case["name"] for case in CASES]
    assert len(names) == len(set(names))
    for case in CASES:
        # Catches a bare `on:` key, which YAML turns into True.
        assert set(case["input"]) <= {"document", "expiry", "on", "issued"}, case["name"]
        assert {"covered", "valid_until", "rule"} <= set(case["output"]), case["name"]


def _day(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def expected_sentences(case: dict, measures, lang: str) -> list[str]:
    """The sentences the answer must hold, made from the case's expected dates and the language's catalogue
    (content/i18n/<code>.yml): the printed date, then what the case says happened to it."""
    language = measures.language(lang)
    text = language.sentences["explanation"]
    given, out = case["input"], case["output"]
    expiry = _day(given["expiry"])

    def up_to_basis(key: str, **values) -> str:  # the legal basis is checked by test_legal_basis.py
        return text[key].split("{basis}")[0].format(**values)

    said = [text["printed"].format(document=measures.document(given["document"]).name.in_(language),
                                   expiry=format_date(expiry, language))]
    if out["covered"]:
        until = _day(out["valid_until"])
        said.append(language.say("explanation", "extended", days=(until - expiry).days,
                                 valid_until=format_date(until, language)))
    else:
        said.append(text["no_extension"].format(expiry=format_date(expiry, language)))
    if out.get("exclusion"):
        reason = measures.exclusion_for(given["document"]).reason.in_(language)
        said.append(text["excluded"].format(reason=reason))
    if out.get("nearest_window"):
        window = out["nearest_window"]
        said.append(up_to_basis("outside", start=format_date(_day(window["start"]), language),
                                end=format_date(_day(window["end"]), language)))
    if "valid_on" in out:
        if out.get("valid_on_reason") == "not-yet-issued":
            key = "valid_on_not_issued"
        elif not out["valid_on"]:
            key = "valid_on_no"
        else:
            key = "valid_on_yes" if given.get("issued") else "valid_on_assumed"
        issued = format_date(_day(given["issued"]), language) if given.get("issued") else ""
        said.append(text[key].format(on=format_date(_day(given["on"]), language), issued=issued))
    return [typeset(sentence, language) for sentence in said]


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_case(case, lang, measures):
    given = case["input"]
    request = parse_request(given["document"], _iso(given["expiry"]), _iso(given.get("on")), measures,
                            issued=_iso(given.get("issued")))
    answer = check(measures, *request, lang=lang)
    as_dict = answer_to_dict(answer)
    for key, expected in case["output"].items():
        assert as_dict[key] == _iso(expected), key
    # The sentences say the same, in the language's words.
    missing = [sentence for sentence in expected_sentences(case, measures, lang) if sentence not in answer.explanation]
    assert missing == [], answer.explanation
