"""The content schema on its own: what an editor's slip looks like, and where it is reported."""
from generator.content import CATALOGUE, MEASURES, PROCEDURE
from generator.schema import load_yaml


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
