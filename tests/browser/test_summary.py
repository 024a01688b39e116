"""The printable summary of one answer: French and English side by side, on one page, made in the browser."""
from __future__ import annotations

import io
import unicodedata

import pytest

from tests.catalogue import LABELS
from pypdf import PdfReader

from .widget import calculator_url, shown_answer

# Ordonnance 2020-328, art. 1 as rewritten: printed 16 March 2020 + 180 days (FIELD-NOTES §1).
COVERED = {"document": "titre-de-sejour", "expiry": "2020-03-16"}
UNTIL = ["12 septembre 2020", "12 September 2020"]
# Short-stay visas are outside the measures (EU law): the summary says why, in every language.
EXCLUDED = {"document": "visa-court-sejour", "expiry": "2020-04-01"}

NO_PRINT_DIALOG = "window.print = () => { window.__printRequests = (window.__printRequests || 0) + 1; };"


def printed_summary(page, url: str) -> tuple[str, int]:
    """Open the URL, press the print button, and print to PDF as the browser would: (text, page count)."""
    page.add_init_script(NO_PRINT_DIALOG)
    page.goto(url)
    shown_answer(page)
    page.locator("[data-calculator] .calc__print").click()
    # The page prints once the permalink's QR code is drawn (its library is loaded then).
    page.locator("[data-calculator] [data-permalink-code][data-address]").wait_for(state="attached")
    assert page.evaluate("window.__printRequests") == 1
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    # NFKC: a ligature the PDF engine set ("ﬁ") reads as its letters ("fi").
    text = " ".join(" ".join(unicodedata.normalize("NFKC", p.extract_text()).split()) for p in reader.pages)
    return text, len(reader.pages)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_summary_of_a_prefilled_url_holds_the_new_date_in_both_languages(page, site_url, lang):
    text, pages = printed_summary(page, calculator_url(site_url, lang, **COVERED))
    assert pages == 1
    for date in UNTIL + ["16 mars 2020", "16 March 2020"]:
        assert date in text
    for words in ["Nouvelle fin de validité", "New end of validity", "ordonnance n° 2020-328", "Ordinance no. 2020-328",
                  "calendaires", "calendar days"]:
        assert words in text
    assert "document=titre-de-sejour&expiry=2020-03-16" in text.replace(" ", "")  # the address may wrap
    # Only the summary is printed: not the form, not the site's navigation.
    for lang in LABELS["calc_expiry_hint"].values():
        assert lang.split(":")[0] not in text  # the form's hint


def test_summary_of_an_excluded_document_says_why_in_both_languages(page, site_url):
    text, pages = printed_summary(page, calculator_url(site_url, "fr", **EXCLUDED))
    assert pages == 1
    assert "Pas de prolongation automatique." in text and "No automatic extension." in text
    assert "Schengen" in text and "APS" in text


def test_summary_is_not_shown_on_screen(page, site_url):
    page.goto(calculator_url(site_url, "en", **COVERED))
    shown_answer(page)
    assert page.locator("[data-summary]").is_hidden()
