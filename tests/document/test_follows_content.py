"""The PDF is made from the content at every build: change the content, and the next build's PDF says so."""
from __future__ import annotations

from datetime import timedelta

import yaml

from tests.catalogue import format_date, load_project_content, settings
from tests.catalogue import labels as catalogue_labels
from generator.document import render_documents

from ..conftest import run_mkdocs_build
from ..site.pages import page_file, read_page
from ..site.project_copy import copy_project, edit
from .pdf import DOCUMENT_PATH, read_pdf, squash
from .test_links_and_notice import size_text


def test_a_build_after_a_content_change_prints_the_new_content(tmp_path):
    project = copy_project(tmp_path / "project")
    prefecture_file = project / "content" / "prefectures" / "cher.yml"
    old_phone = yaml.safe_load(prefecture_file.read_text(encoding="utf-8"))["phone"]
    new_phone = "02 48 00 00 99"
    edit(prefecture_file, f"phone: {old_phone}", f"phone: {new_phone}")
    dcem = project / "content" / "procedures" / "dcem.yml"
    newest = yaml.safe_load(dcem.read_text(encoding="utf-8"))["fee"]["values"][0]
    old_fee = newest["amount"]
    edit(dcem, f"since: {newest['since']}, amount: {old_fee}}}", f"since: {newest['since']}, amount: {old_fee + 7}}}")

    result = run_mkdocs_build(tmp_path / "site", cwd=project)
    assert result.returncode == 0, result.stderr
    pdf_file = tmp_path / "site" / DOCUMENT_PATH
    pdf = read_pdf(pdf_file)
    for lang in ("fr", "en"):
        column = squash(pdf.columns[lang])
        assert squash(new_phone) in column and squash(old_phone) not in column
        fee = f"{old_fee + 7}\u00a0€" if lang == "fr" else f"€{old_fee + 7}"
        assert squash(fee) in column
        # The pages of the same build give the new file's size.
        home = read_page(page_file(tmp_path / "site", lang, ""))
        assert size_text(pdf_file.stat().st_size, lang) in home.text.replace("\u00a0", " ")


def test_a_rule_change_reaches_the_pdf(tmp_path):
    # Rendered without MkDocs: a full build would also rewrite the checker's rules.json in the project.
    project = copy_project(tmp_path / "project")
    measures = project / "content" / "measures.yml"
    data = yaml.safe_load(measures.read_text(encoding="utf-8"))
    first = data["rules"][0]
    window = first["expiry_window"]
    example = next(e for e in data["examples"]
                   if e["document"] in first["documents"] and window["start"] <= e["expiry"] <= window["end"])
    longer = first["extension_days"] + 1
    edit(measures, f"extension_days: {first['extension_days']}\n", f"extension_days: {longer}\n")

    document = render_documents(load_project_content(project), [list(settings(project).languages[:2])])[0]
    (tmp_path / "notice.pdf").write_bytes(document.pdf)
    pdf = read_pdf(tmp_path / "notice.pdf")
    labels = catalogue_labels(project)
    for lang in ("fr", "en"):
        column = squash(pdf.columns[lang])
        assert squash(labels["doc_extension"][lang].format(days=longer)) in column
        # The worked example under that rule moves by one day too.
        assert squash(format_date(example["expiry"] + timedelta(days=longer), lang)) in column
    assert document.page_count == len(pdf.pages)
