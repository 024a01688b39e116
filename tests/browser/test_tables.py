"""Tables of facts (the measures page's rules and worked examples, the residence history's documents and gaps) in
Chromium, in every language: on a phone (320 CSS px) each row is a block whose cells all lie on screen, each
under its column's label; on a computer (1280 px) they are tables, a row's cells side by side."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.catalogue import LABELS, LANGUAGES, typeset

from .states import ISSUE_PERMALINK, ROOTS

# Each page's tables of facts, by the catalogue labels of their columns, in the page's order.
TABLES = {
    "prolongation/": (("col_rule", "col_documents", "col_window", "col_days", "legal_basis"),
                      ("example_document", "example_expiry", "example_result", "legal_basis")),
    ISSUE_PERMALINK: (("example_document", "hist_col_issued", "example_expiry", "hist_col_until", "legal_basis"),
                      ("hist_col_from", "hist_col_to", "hist_col_days", "hist_col_reason", "hist_col_cover")),
}

# Every cell of every table of facts on the page: its column's heading, the label its ::before shows, its box.
_CELLS = """() => [...document.querySelectorAll(".md-content table")].map((table) => {
  const headings = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
  return {
    headings,
    rows: [...table.querySelectorAll("tbody tr")].map((row) => [...row.cells].map((cell) => {
      const before = getComputedStyle(cell, "::before");
      const box = cell.getBoundingClientRect();
      const shown = before.display !== "none" && before.content.startsWith('"');
      return { heading: headings[cell.cellIndex], label: shown ? before.content : "",
               left: box.left, right: box.right, top: box.top, width: box.width };
    })),
  };
})"""


def tables_of(page: Page, path: str) -> list[dict]:
    if path.startswith("historique/"):
        expect(page.locator(".hist__result")).to_be_visible(timeout=90_000)
    return page.evaluate(_CELLS)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", list(TABLES), ids=["measures", "history"])
def test_each_row_of_a_table_of_facts_is_a_block_on_a_phone_and_a_row_on_a_computer(page, site_url, path, lang):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(site_url + ROOTS[lang] + path)
    tables = tables_of(page, path)
    assert [tuple(table["headings"]) for table in tables] == [
        tuple(typeset(LABELS[key][lang], lang) for key in keys) for keys in TABLES[path]]
    for table in tables:
        assert table["rows"]
        for cells in table["rows"]:
            for cell in cells:
                # On screen, none cut off: nothing to scroll sideways to.
                assert 0 <= cell["left"] and cell["right"] <= 320 and cell["width"] > 0, cell
                # Under its column's label, read from the heading (the label is not read twice: empty alt text).
                assert cell["label"].startswith(f'"{cell["heading"]}"'), cell
    page.set_viewport_size({"width": 1280, "height": 900})
    for table in tables_of(page, path):
        for cells in table["rows"]:
            assert len({round(cell["top"]) for cell in cells}) == 1, cells  # a row's cells side by side
            assert all(cell["label"] == "" for cell in cells)  # the heading row says it
