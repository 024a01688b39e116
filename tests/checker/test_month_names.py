"""A date written with a month's name as readers of a language write it: every name a catalogue lists (`months`,
and `month_variants`, the names other regions use: Moroccan يوليوز، غشت…, the Mashriq's كانون الثاني، آذار…), in a
typed date and in the form's month field; and an answer in a language whose catalogue asks for it gives each date in
figures beside its month's name (Arabic: « 30 أفريل 2020 (30/04/2020) »)."""
from __future__ import annotations

from datetime import date

import pytest

from checker import check, load_measures
from checker.engine import short_title
from checker.inputs import InputError, month_names, read_date
from tests.catalogue import LANGUAGES, catalogue

MEASURES = load_measures()
MONTHS = month_names(MEASURES)
NAMES = [(code, number, name)
         for code in LANGUAGES
         for number, names in enumerate(catalogue(code)["locale"].get("month_variants") or [], start=1)
         for name in names]


def test_a_catalogue_lists_other_month_names():
    assert NAMES, "no catalogue lists month_variants"


@pytest.mark.parametrize("code, number, name", NAMES, ids=[f"{c}-{n}-{name}" for c, n, name in NAMES])
def test_every_listed_name_reads_as_its_month_typed_or_in_the_month_field(code, number, name):
    assert read_date(f"16 {name} 2020", "expiry", MONTHS) == date(2020, number, 16)
    assert read_date({"day": "16", "month": name, "year": "2020"}, "expiry", MONTHS) == date(2020, number, 16)


@pytest.mark.parametrize("typed, expected", [
    ("1 كانون الثاني 2020", date(2020, 1, 1)),   # Mashriq, two words
    ("15  تشرين الأول  2020", date(2020, 10, 15)),  # extra spaces
    ("16 آذار 2020", date(2020, 3, 16)),          # Mashriq
    ("5 غشت 2020", date(2020, 8, 5)),             # Moroccan
    ("٣٠ يوليوز ٢٠٢٠", date(2020, 7, 30)),         # Moroccan, Arabic-Indic digits
    ("12 جوان 2020", date(2020, 6, 12)),          # the catalogue's own (Algeria, Tunisia)
])
def test_regional_names_as_people_type_them(typed, expected):
    assert read_date(typed, "expiry", MONTHS) == expected


def test_a_name_that_is_no_month_is_still_not_a_date():
    with pytest.raises(InputError) as raised:
        read_date("16 كانون 2020", "expiry", MONTHS)
    assert raised.value.code == "not-a-date"


@pytest.mark.parametrize("code", [c for c in LANGUAGES if catalogue(c)["locale"]["date"].get("with_figures")])
def test_an_answer_gives_each_date_in_figures_beside_its_month_name(code):
    answer = check(MEASURES, "titre-de-sejour", date(2020, 3, 16), on=date(2020, 9, 1), lang=code)
    language = MEASURES.language(code)
    for day in (answer.expiry, answer.valid_until, answer.on):
        assert f"{day.day} {language.months[day.month - 1]} {day.year}" in answer.explanation
        assert day.strftime("%d/%m/%Y") in answer.explanation
    # The date in a text's title stays as the title writes it, and a citation's short title is still cut there.
    for text in MEASURES.legal_texts:
        full, signed = text.title.in_(language), language.write_date(text.signed, figures=False)
        rest = full[full.index(signed) + len(signed):].strip()
        assert not rest or rest[:15] not in short_title(text, language), text.id
