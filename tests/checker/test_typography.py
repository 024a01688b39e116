"""Answers follow their language's typography: in French no line may start with a colon, semicolon, ? ! or »; in
every language the apostrophe is the typographic one, outside markup and addresses."""
import re
from datetime import date

import pytest
from hypothesis import example, given, strategies as st

from checker import check, load_measures
from checker import typography
from checker.typography import typeset

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


@given(
    document=st.sampled_from(MEASURES.document_ids()),
    expiry=st.dates(min_value=date(2020, 1, 1), max_value=date(2020, 12, 31)),
    lang=st.sampled_from([language.code for language in MEASURES.languages]),
)
def test_every_answer_sets_typographic_apostrophes(document, expiry, lang):
    # « l’ordonnance », « jusqu’au », "the prefecture’s": never the typewriter apostrophe after a letter.
    answer = check(MEASURES, document, expiry, lang=lang)
    for text in (answer.explanation, *answer.legal_basis, *answer.rights, answer.advice or ""):
        assert not re.search(r"[^\W\d_]'", text), text


def test_an_apostrophe_in_markup_an_address_or_a_placeholder_is_left_as_it_is():
    french = MEASURES.language("fr")
    text = "<span title='l'x'>l'ordonnance</span> https://example.org/l'adresse {last_day} d'abord"
    assert typeset(text, french) == (
        "<span title='l'x'>l\u2019ordonnance</span> https://example.org/l'adresse {last_day} d\u2019abord")


@given(st.lists(st.sampled_from(list("ab'é1 .@<>{}[]()/:w\u2066\u2069") + ["http://", "www.", "mailto:"]),
                max_size=30).map("".join))
@example("[the text](l'adresse) l'ordonnance")
@example("l'ordonnance <a title='x'> www.l'x.fr {l'x} @l'x")
def test_the_quick_path_curls_the_same_apostrophes_as_the_careful_one(text):
    """curl_apostrophes skips the careful search when nothing in the text could be kept as it is: same result."""
    careful = typography._APOSTROPHE.sub(lambda m: m.group(1) or m.group(2) or typography.APOSTROPHE, text)
    assert typography.curl_apostrophes(text) == careful
