"""The PDF is made from the content at every build: change the content, and the next build's PDF says so."""
from __future__ import annotations

from datetime import timedelta

import yaml

from tests.catalogue import filled, format_date
from tests.catalogue import labels as catalogue_labels

from ..site.pages import page_file, read_page
from .pdf import DOCUMENT_PATH, read_pdf, squash
from .test_links_and_notice import size_text


def test_a_build_after_a_content_change_prints_the_new_content(edited_site):
    """The shared edited copy (tests/conftest.py): the Cher prefecture's phone and the DCEM's newest fee changed."""
    pdf_file = edited_site.site / DOCUMENT_PATH
    pdf = read_pdf(pdf_file)
    for lang in ("fr", "en"):
        column = squash(pdf.columns[lang])
        assert squash(edited_site.new_phone) in column and squash(edited_site.old_phone) not in column
        fee = f"{edited_site.new_fee}\u00a0€" if lang == "fr" else f"€{edited_site.new_fee}"
        assert squash(fee) in column
        # The pages of the same build give the new file's size.
        home = read_page(page_file(edited_site.site, lang, ""))
        assert size_text(pdf_file.stat().st_size, lang) in home.text.replace("\u00a0", " ")


def test_a_rule_change_reaches_the_pdf(edited_site):
    """The same edited copy: rule A lasts one day more than the content says."""
    data = yaml.safe_load((edited_site.project / "content" / "measures.yml").read_text(encoding="utf-8"))
    first = data["rules"][0]
    window = first["expiry_window"]
    example = next(e for e in data["examples"]
                   if e["document"] in first["documents"] and window["start"] <= e["expiry"] <= window["end"])
    assert first["extension_days"] == edited_site.days

    pdf = read_pdf(edited_site.site / DOCUMENT_PATH)
    labels = catalogue_labels(edited_site.project)
    for lang in ("fr", "en"):
        column = squash(pdf.columns[lang])
        assert squash(filled(labels["doc_extension"][lang], lang, days=edited_site.days)) in column
        # The worked example under that rule moves by one day too.
        assert squash(format_date(example["expiry"] + timedelta(days=edited_site.days), lang)) in column
