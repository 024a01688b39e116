"""Runs the table of cases in cases.yml: the specification written as inputs and expected outputs."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from checker import answer_to_dict, check, parse_request

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


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_case(case, lang, measures):
    given = case["input"]
    request = parse_request(given["document"], _iso(given["expiry"]), _iso(given.get("on")), measures,
                            issued=_iso(given.get("issued")))
    answer = answer_to_dict(check(measures, *request, lang=lang))
    for key, expected in case["output"].items():
        assert answer[key] == _iso(expected), key
