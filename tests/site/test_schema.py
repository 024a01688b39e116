"""The content schema on its own: what an editor's slip looks like, and where it is reported."""
import pytest

from generator.content import CATALOGUE, MEASURES, PROCEDURE
from generator.schema import Date, Record, load_yaml
from tests.catalogue import LANGUAGES, ROOT, catalogue

LANGUAGE_NAMES = {code: catalogue(code)["locale"]["english_name"] for code in LANGUAGES}


def test_a_field_given_twice_is_reported_at_its_second_line():
    text = "slug: dcem\nslug: dcem-bis\n"
    value, errors = load_yaml(text, "content/procedures/dcem.yml", PROCEDURE)
    assert value is None
    assert "content/procedures/dcem.yml:2: slug: this key is given twice" in [str(e) for e in errors]


def test_a_label_given_twice_is_reported_too():
    text = "labels:\n  nav_home: Accueil\n  nav_home: Début\n"
    _, errors = load_yaml(text, "content/i18n/fr.yml", CATALOGUE)
    assert "content/i18n/fr.yml:3: labels.nav_home: this key is given twice" in [str(e) for e in errors]


def test_a_text_missing_a_configured_language_names_it():
    text = "slug: dcem\ntitle: {fr: Document}\n"
    _, errors = load_yaml(text, "content/procedures/dcem.yml", PROCEDURE, {"fr": "French", "ar": "Arabic"}, ("fr", "ar"))
    assert "content/procedures/dcem.yml:2: title.ar: the Arabic text is missing" in [str(e) for e in errors]


def test_a_list_where_a_mapping_belongs_names_the_expected_fields():
    _, errors = load_yaml("- slug: dcem\n", "content/procedures/dcem.yml", PROCEDURE)
    assert str(errors[0]).startswith("content/procedures/dcem.yml:1: (file): expected a mapping with the fields slug, title")


def test_a_document_short_name_is_a_text_in_every_language():
    text = "documents:\n  - id: recepisse\n    name: {fr: Récépissé de demande, en: Receipt}\n    short_name: {fr: Récépissé}\n"
    _, errors = load_yaml(text, "content/measures.yml", MEASURES, {"fr": "French", "en": "English"}, ("fr", "en"))
    assert "content/measures.yml:4: documents[0].short_name.en: the English text is missing" in [str(e) for e in errors]


def test_a_misspelled_field_is_named_with_the_field_it_stands_for_and_not_also_missing():
    text = (ROOT / "content/procedures/dcem.yml").read_text(encoding="utf-8").replace("summary:", "sumary:", 1)
    line = text[: text.index("sumary:")].count("\n") + 1
    _, errors = load_yaml(text, "content/procedures/dcem.yml", PROCEDURE, LANGUAGE_NAMES, tuple(LANGUAGE_NAMES))
    assert [str(e) for e in errors] == [f"content/procedures/dcem.yml:{line}: sumary: unknown field "
                                        "(did you mean 'summary'?)"]


def test_a_field_far_from_every_known_one_gets_the_list_of_fields():
    _, errors = load_yaml("slug: dcem\nwhatever: 1\n", "content/procedures/dcem.yml", PROCEDURE)
    assert "content/procedures/dcem.yml:2: whatever: unknown field; known fields: slug, title, summary" in str(errors[0])


@pytest.mark.parametrize("written, why", [
    ("2020-02-30", "February 2020 has 29 days"),
    ("2019-02-29", "February 2019 has 28 days"),
    ("2020-04-31", "April 2020 has 30 days"),
    ("2020-13-01", "there is no month 13"),
    ("2020-00-10", "there is no month 0"),
])
def test_an_impossible_date_is_called_impossible(written, why):
    schema = Record({"announced": Date()})
    _, errors = load_yaml(f"announced: {written}\n", "content/news.yml", schema)
    assert [str(e) for e in errors] == [f"content/news.yml:1: announced: '{written}' is an impossible date: {why}"]


def test_a_date_written_another_way_is_still_called_badly_written():
    _, errors = load_yaml("announced: 16/03/2020\n", "content/news.yml", Record({"announced": Date()}))
    assert [str(e) for e in errors] == ["content/news.yml:1: announced: expected a date written YYYY-MM-DD, "
                                        "got '16/03/2020'"]
