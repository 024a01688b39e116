"""Each kind of bad input gives a machine code and a short message in every configured language."""
from __future__ import annotations

from datetime import date

import pytest

from checker import parse_request
from checker.inputs import MAX_LENGTH, InputError
from tests.catalogue import LANGUAGES, catalogue, language, typeset

BAD_INPUTS = [
    # (document, expiry, on, code, field, French message, English message)
    (None, "2020-03-16", None, "missing", "document",
     "Indiquez le type de document.", "Please give the document type."),
    ("  ", "2020-03-16", None, "missing", "document",
     "Indiquez le type de document.", "Please give the document type."),
    ("titre-de-sejour", None, None, "missing", "expiry",
     "Indiquez la date d'expiration.", "Please give the expiry date."),
    ("titre-de-sejour", "", None, "missing", "expiry",
     "Indiquez la date d'expiration.", "Please give the expiry date."),
    ("passeport", "2020-03-16", None, "unknown-document", "document",
     "Type de document inconnu « passeport ». Choix possibles : titre-de-sejour,",
     "Unknown document type \"passeport\". Possible choices: titre-de-sejour,"),
    ("recepisse", "16/03", None, "not-a-date", "expiry",
     "La date d'expiration « 16/03 » n'est pas une date. Écrivez-la comme sur le document, le jour en premier",
     "The expiry date \"16/03\" is not a date. Write it as on the document, day first"),
    ("recepisse", "16/03/20", None, "two-digit-year", "expiry",
     "La date d'expiration « 16/03/20 » a une année de deux chiffres : écrivez l'année en entier",
     "The expiry date \"16/03/20\" has a two-digit year: write the whole year"),
    ("recepisse", "16 brumaire 2020", None, "not-a-date", "expiry",
     "La date d'expiration « 16 brumaire 2020 » n'est pas une date.", "The expiry date \"16 brumaire 2020\" is not a date."),
    ("recepisse", "30 février 2020", None, "impossible-date", "expiry",
     "La date d'expiration « 30 février 2020 » n'existe pas", "The expiry date \"30 février 2020\" does not exist"),
    ("recepisse", "20200316", None, "not-a-date", "expiry",
     "La date d'expiration « 20200316 » n'est pas une date.", "The expiry date \"20200316\" is not a date."),
    ("recepisse", "2020-02-30", None, "impossible-date", "expiry",
     "La date d'expiration « 2020-02-30 » n'existe pas dans le calendrier.",
     "The expiry date \"2020-02-30\" does not exist in the calendar."),
    ("recepisse", "2020-03-16", "2021-13-01", "impossible-date", "on",
     "La date de vérification « 2021-13-01 » n'existe pas", "The check date \"2021-13-01\" does not exist"),
    ("recepisse", "2020-03-16", "demain", "not-a-date", "on",
     "La date de vérification « demain » n'est pas une date.", "The check date \"demain\" is not a date."),
    ("recepisse", "2" * (MAX_LENGTH + 1), None, "too-long", "expiry",
     "La valeur donnée pour la date d'expiration est trop longue (40 caractères au plus).",
     "The value given for the expiry date is too long (40 characters at most)."),
    ("x" * 500, "2020-03-16", None, "too-long", "document",
     "La valeur donnée pour le type de document est trop longue", "The value given for the document type is too long"),
    # Markup is refused and never repeated back.
    ("recepisse", "<b>2020</b>", None, "not-a-date", "expiry",
     "La date d'expiration n'est pas une date.", "The expiry date is not a date."),
    ("<script>", "2020-03-16", None, "unknown-document", "document",
     "Type de document inconnu. Choix possibles", "Unknown document type. Possible choices"),
]


@pytest.mark.parametrize(
    "document, expiry, on, code, field, french, english", BAD_INPUTS,
    ids=[f"{row[3]}-{row[4]}-{i}" for i, row in enumerate(BAD_INPUTS)],
)
def test_bad_input_is_explained_in_both_languages(document, expiry, on, code, field, french, english, measures):
    with pytest.raises(InputError) as raised:
        parse_request(document, expiry, on, measures)
    error = raised.value
    assert (error.code, error.field) == (code, field)
    assert error.message(language("fr")).startswith(typeset(french, "fr"))  # French spacing: « 2020 », « date : »
    assert error.message(language("en")).startswith(english)
    for lang in ("fr", "en"):
        assert "<" not in error.message(language(lang))


def test_good_input_is_trimmed_and_parsed(measures):
    assert parse_request(" Titre-De-Sejour ", " 2020-03-16 ", "", measures) == (
        "titre-de-sejour", date(2020, 3, 16), None, None)
    assert parse_request("recepisse", "2020-05-15", "2020-11-11", measures, issued=" 2020-02-15 ") == (
        "recepisse", date(2020, 5, 15), date(2020, 11, 11), date(2020, 2, 15),
    )


@pytest.mark.parametrize("lang, message", [
    ("fr", "La date de délivrance «\u00a02020-06-01\u00a0» est après la date d’expiration\u00a0: vérifiez les deux dates."),
    ("en", 'The issue date "2020-06-01" is after the expiry date: please check both dates.'),
])
def test_an_issue_date_after_the_expiry_is_refused_naming_the_field(measures, lang, message):
    with pytest.raises(InputError) as raised:
        parse_request("titre-de-sejour", "2020-05-15", None, measures, issued="2020-06-01")
    assert (raised.value.code, raised.value.field) == ("issued-after-expiry", "issued")
    assert raised.value.message(language(lang)) == message


def test_every_document_id_from_the_data_is_accepted(measures):
    for document_id in measures.document_ids():
        assert parse_request(document_id, "2020-04-01", None, measures)[0] == document_id


@pytest.mark.parametrize("written", ["16/05/2020", "16.05.2020", "16-05-2020", "16/5/2020", "2020-05-16",
                                     "16 mai 2020", "16 MAI 2020", "16 May 2020", "16th May 2020"])
def test_a_date_is_read_as_printed_day_first(measures, written):
    # French documents print the day first; a date may also be written out in a configured language's months.
    assert parse_request("titre-de-sejour", written, written, measures).expiry == date(2020, 5, 16)


def test_the_first_of_the_month_is_read_as_french_writes_it(measures):
    assert parse_request("titre-de-sejour", "1er mars 2020", None, measures).expiry == date(2020, 3, 1)


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_date_written_with_any_configured_languages_month_names_is_read(measures, code):
    """« 16 ماي 2020 » on an Arabic page, as the catalogue names the months (its `locale.months`)."""
    for number, month in enumerate(catalogue(code)["locale"]["months"], start=1):
        written = f"16 {month} 2020"
        assert parse_request("titre-de-sejour", written, None, measures).expiry == date(2020, number, 16), written


# A date given in the form's three fields: (day, month, year) -> the date, or (code, the field part it names).
DATE_PARTS = [
    (("16", "5", "2020"), date(2020, 5, 16)),
    ((" 16 ", "05", "2020"), date(2020, 5, 16)),
    (("1", "mai", "2020"), date(2020, 5, 1)),
    (("16", "", "2020"), ("incomplete-date", "month")),
    (("", "5", "2020"), ("incomplete-date", "day")),
    (("16", "5", ""), ("incomplete-date", "year")),
    (("16", "5", "20"), ("two-digit-year", "year")),
    (("16", "13", "2020"), ("impossible-date", "month")),
    (("30", "2", "2020"), ("impossible-date", "day")),
    (("seize", "5", "2020"), ("not-a-date", "day")),
    (("16", "brumaire", "2020"), ("not-a-date", "month")),
    (("16", "5", "l'an 2020"), ("not-a-date", "year")),
]


@pytest.mark.parametrize("parts, expected", DATE_PARTS, ids=[str(parts) for parts, _ in DATE_PARTS])
def test_a_date_in_three_fields_is_read_or_the_wrong_field_is_named(measures, parts, expected):
    given = dict(zip(("day", "month", "year"), parts))
    if isinstance(expected, date):
        assert parse_request("titre-de-sejour", given, None, measures).expiry == expected
        return
    with pytest.raises(InputError) as raised:
        parse_request("titre-de-sejour", given, None, measures)
    assert (raised.value.code, raised.value.field, raised.value.part) == (*expected[:1], "expiry", expected[1])
    for code in LANGUAGES:
        assert raised.value.message(language(code))  # every language has the sentence


def test_three_empty_fields_are_no_date(measures):
    with pytest.raises(InputError) as raised:
        parse_request("titre-de-sejour", {"day": "", "month": " ", "year": ""}, None, measures)
    assert (raised.value.code, raised.value.field) == ("missing", "expiry")
    assert parse_request("titre-de-sejour", "2020-05-16", {"day": "", "month": "", "year": ""}, measures).on is None


# An Arabic keyboard types Arabic-Indic digits (U+0660-0669), a Persian one Eastern Arabic-Indic digits
# (U+06F0-06F9): both are read as 0-9 in every form a date is read in.
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
EASTERN_DIGITS = pytest.mark.parametrize("digits", [ARABIC_INDIC, PERSIAN], ids=["arabic-indic", "persian"])


@EASTERN_DIGITS
@pytest.mark.parametrize("written", ["16/03/2020", "16.03.2020", "16-3-2020", "2020-03-16", "16 mars 2020",
                                     "16 March 2020", "16 مارس 2020", "١6/0٣/20٢0"])
def test_arabic_indic_and_persian_digits_are_read_in_a_typed_date(measures, digits, written):
    typed = written.translate(digits)
    assert parse_request("titre-de-sejour", typed, typed, measures, issued=typed) == (
        "titre-de-sejour", date(2020, 3, 16), date(2020, 3, 16), date(2020, 3, 16)), typed


@EASTERN_DIGITS
@pytest.mark.parametrize("parts", [("16", "03", "2020"), ("16", "3", "2020"), ("16", "مارس", "2020")])
def test_arabic_indic_and_persian_digits_are_read_in_the_three_fields(measures, digits, parts):
    given = {part: value.translate(digits) for part, value in zip(("day", "month", "year"), parts)}
    assert parse_request("titre-de-sejour", given, None, measures).expiry == date(2020, 3, 16)


@EASTERN_DIGITS
@pytest.mark.parametrize("written, code, part", [
    ("30/02/2020", "impossible-date", None), ("16/03/20", "two-digit-year", None),
    ({"day": "30", "month": "2", "year": "2020"}, "impossible-date", "day"),
    ({"day": "16", "month": "3", "year": "20"}, "two-digit-year", "year"),
])
def test_a_wrong_date_in_eastern_digits_gets_the_same_error_quoting_what_was_typed(measures, digits, written, code,
                                                                                   part):
    typed = ({key: value.translate(digits) for key, value in written.items()} if isinstance(written, dict)
             else written.translate(digits))
    with pytest.raises(InputError) as raised:
        parse_request("titre-de-sejour", typed, None, measures)
    assert (raised.value.code, raised.value.part) == (code, part)
    shown = "/".join(typed.values()) if isinstance(typed, dict) else typed
    assert shown in raised.value.message(language("ar"))


def test_arabic_indic_digits_are_read_in_a_residence_history(measures):
    from checker.history import Item, read_request

    items, start, end, *_ = read_request(["titre-de-sejour,٢١/٠٦/٢٠١٩,٢٠/٠٦/٢٠٢٠",
                                      {"document": "recepisse", "issued": {"day": "۱", "month": "۷", "year": "۲۰۲۰"},
                                       "expiry": "۲۰۲۰-۱۲-۳۱"}],
                                     "٠١/٠١/٢٠٢٠", {"day": "٣١", "month": "١٢", "year": "٢٠٢٠"}, measures)
    assert items == (Item("titre-de-sejour", date(2019, 6, 21), date(2020, 6, 20)),
                     Item("recepisse", date(2020, 7, 1), date(2020, 12, 31)))
    assert (start, end) == (date(2020, 1, 1), date(2020, 12, 31))


def test_other_digits_are_still_not_a_date(measures):
    """Only the digits an Arabic or Persian keyboard types are read: full-width or Devanagari digits are not."""
    for typed in ("２０２０-03-16", "१६/०३/२०२०"):
        with pytest.raises(InputError) as raised:
            parse_request("titre-de-sejour", typed, None, measures)
        assert raised.value.code == "not-a-date"


@pytest.mark.parametrize("part", ["day", "month", "year"])
def test_a_too_long_field_of_a_date_names_that_field_alone(measures, part):
    """41 characters in the day field marked all three fields: the error had no part."""
    given = {"day": "16", "month": "5", "year": "2020", part: "1" * (MAX_LENGTH + 1)}
    with pytest.raises(InputError) as raised:
        parse_request("titre-de-sejour", given, None, measures)
    assert (raised.value.code, raised.value.field, raised.value.part) == ("too-long", "expiry", part)


def test_the_page_marks_the_too_long_day_field_alone():
    import json

    from checker.web import answer_json, history_json

    answer = json.loads(answer_json("titre-de-sejour", {"day": "1" * (MAX_LENGTH + 1), "month": "5", "year": "2020"}))
    assert (answer["code"], answer["field"], answer["part"]) == ("too-long", "expiry", "day")
    row = {"document": "recepisse", "issued": {"day": "1", "month": "x" * 60, "year": "2020"}, "expiry": "2020-12-31"}
    error = json.loads(history_json([row], lang="ar"))
    assert (error["code"], error["field"], error["part"], error["item"]) == ("too-long", "issued", "month", 0)
