"""A fact is written once: changing the DCEM's fee, or a rule's number of days, in a copy of the content changes
every page, the PDF and the calculator's explanation, and leaves no sentence saying the old value."""
from __future__ import annotations

from tests.catalogue import LANGUAGES, catalogue

from ..document.pdf import DOCUMENT_PATH, read_pdf, squash
from .pages import page_file, read_page


def test_changing_the_fee_and_the_days_changes_every_sentence(edited_site):
    """The shared edited copy (tests/conftest.py): the DCEM's fee 50 -> 57, rule A's days 180 -> 181."""
    site, days = edited_site.site, edited_site.days
    assert (edited_site.old_fee, days) == (50, 181)  # the sentences below are written for these values
    pdf = read_pdf(site / DOCUMENT_PATH)
    for lang in LANGUAGES[:2]:
        dcem = read_page(page_file(site, lang, "procedures/dcem/")).text.replace("\u00a0", " ")
        money = catalogue(lang)["locale"]["money"]
        new, old = money.format(amount=edited_site.new_fee), money.format(amount=edited_site.old_fee)
        assert dcem.count(new) >= 3, dcem  # the amount, its history, the step that buys the stamp
        assert old not in dcem
        measures = read_page(page_file(site, lang, "prolongation/")).text.replace("\u00a0", " ")
        assert {"fr": "à 181 jours", "en": "to 181 days"}[lang] in measures  # the history note, from the rule
        # The note on "6 months" computes its example from the rule: 16 March 2020 + 181 days.
        assert {"fr": "16 mars 2020 + 181 jours = 13 septembre 2020",
                "en": "16 March 2020 + 181 days = 13 September 2020"}[lang] in measures
        news = read_page(page_file(site, lang, "actualites/")).text.replace("\u00a0", " ")
        assert {"fr": "passe de 90 à 181 jours", "en": "rises from 90 to 181 days"}[lang] in news
        assert squash(new) in squash(pdf.columns["fr" if lang == LANGUAGES[0] else "en"])
