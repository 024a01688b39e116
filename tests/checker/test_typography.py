"""French answers follow French typography: no line may start with a colon, semicolon, ? ! or »."""
from datetime import date

import pytest
from hypothesis import given, strategies as st

from checker import check, load_measures

MEASURES = load_measures()


@given(
    document=st.sampled_from(MEASURES.document_ids()),
    expiry=st.dates(min_value=date(2020, 1, 1), max_value=date(2020, 12, 31)),
)
def test_french_answer_keeps_high_punctuation_with_its_word(document, expiry):
    answer = check(MEASURES, document, expiry, lang="fr")
    for text in (answer.explanation, *answer.legal_basis, *answer.rights, answer.advice or ""):
        for mark in ":;?!»":
            assert f" {mark}" not in text


@pytest.mark.parametrize("lang", ["en"])
def test_english_answer_has_no_french_spacing(lang):
    answer = check(MEASURES, "titre-de-sejour", date(2020, 3, 16), lang=lang)
    assert "\u00a0:" not in answer.explanation
