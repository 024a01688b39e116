"""What must hold for every document and every date, checked against the raw rules data."""
from __future__ import annotations

import json
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from checker import answer_to_dict, check, load_measures, parse_request
from checker.data import load_rules_data
from tests.catalogue import language, format_date
from checker.inputs import InputError

RAW = load_rules_data()
DOCUMENTS = [d["id"] for d in RAW["documents"]]

# Most interesting dates sit around 2020; the whole calendar must still not crash.
any_date = st.one_of(st.dates(date(2019, 10, 1), date(2020, 12, 31)), st.dates())
documents = st.sampled_from(DOCUMENTS)
languages = st.sampled_from(["fr", "en"])


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


@given(documents, st.dates(date(2020, 3, 1), date(2020, 7, 31)))
def test_not_covered_by_a_window_names_the_nearest_one(document_id, expiry):
    answer = check(load_measures(), document_id, expiry)
    if not answer.covered and answer.rule is None:
        nearest = answer.nearest_window
        assert nearest is not None and not (nearest.start <= expiry <= nearest.end)
        assert format_date(nearest.start, "fr") in answer.explanation
        assert format_date(nearest.end, "fr") in answer.explanation


text_or_none = st.one_of(st.none(), st.text(max_size=60), st.sampled_from(DOCUMENTS))


@given(text_or_none, text_or_none, text_or_none)
def test_parse_request_accepts_or_explains_never_crashes(document, expiry, on):
    try:
        document_id, expiry_date, on_date, _ = parse_request(document, expiry, on, load_measures())
    except InputError as error:
        for lang in ("fr", "en"):
            message = error.message(language(lang))
            assert message and "\n" not in message
            assert "<" not in message and ">" not in message
    else:
        assert document_id in DOCUMENTS
        assert isinstance(expiry_date, date)
        assert on_date is None or isinstance(on_date, date)
