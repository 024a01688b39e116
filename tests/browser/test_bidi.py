"""Right to left done right, as Chromium lays it out: in a calculator answer on a page whose script is not the
first language's (Arabic), a name kept in the first language (French, left to right) sits between its brackets
as a reader of the page expects. In a right-to-left line the bracket that opens before the name (logically) is
drawn to its right, and the one that closes after it to its left; the name itself reads left to right."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from checker import load_measures
from tests.catalogue import LANGUAGES, catalogue

from .widget import calculator_url, shown_answer

FIRST_SCRIPT = catalogue(LANGUAGES[0])["locale"]["script"]
RIGHT_TO_LEFT = [code for code in LANGUAGES
                 if catalogue(code)["locale"]["script"] != FIRST_SCRIPT and catalogue(code)["locale"]["direction"] == "rtl"]
MEASURES = load_measures()

# For each bracket next to a run of Latin letters inside the answer (isolate characters and spaces between them
# skipped): the bracket's box and the box of the run's first letter after "(" (or last letter before ")"), each
# measured with a Range on the one character; and, to check the run reads left to right, its first and last
# letters' boxes. Only a bracket on the same line as its letters is kept (a line break may fall between them).
BRACKETS_AROUND_LATIN = r"""(selector) => {
  const latin = /[A-Za-z\u00C0-\u024F]/;
  const skipped = /[\s\u2066-\u2069]/;
  const box = (node, index) => {
    const range = document.createRange();
    range.setStart(node, index);
    range.setEnd(node, index + 1);
    const rect = range.getBoundingClientRect();
    return {left: rect.left, right: rect.right, top: rect.top, bottom: rect.bottom};
  };
  const found = [];
  for (const root of document.querySelectorAll(selector)) {
    // Every character of the answer in logical order, with the text node and offset it is at.
    const chars = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let index = 0; index < node.data.length; index += 1) chars.push({node, index, ch: node.data[index]});
    }
    const at = (position) => box(chars[position].node, chars[position].index);
    chars.forEach((item, position) => {
      if (item.ch !== "(" && item.ch !== ")") return;
      const step = item.ch === "(" ? 1 : -1;
      let near = position + step;
      while (chars[near] && skipped.test(chars[near].ch)) near += step;
      if (!chars[near] || !latin.test(chars[near].ch)) return;
      let far = near;  // the other end of the run of Latin letters and spaces
      while (chars[far + step] && (latin.test(chars[far + step].ch) || chars[far + step].ch === " ")) far += step;
      while (!latin.test(chars[far].ch)) far -= step;
      const bracket = at(position), first = at(near), last = at(far);
      const sameLine = (a, b) => Math.abs((a.top + a.bottom) / 2 - (b.top + b.bottom) / 2) < (a.bottom - a.top) / 2;
      if (!sameLine(bracket, first) || !sameLine(first, last)) return;
      found.push({bracket: item.ch, bracketBox: bracket, near: first, far: last,
                  text: chars.slice(Math.min(position, far), Math.max(position, far) + 1).map((c) => c.ch).join("")});
    });
  }
  return found;
}"""


# The boxes of the characters of `text` where it first stands, whole, in the answer's text (its characters in
# logical order, isolate characters included in the search only if `text` holds them).
BOXES_OF = r"""([selector, text]) => {
  const root = document.querySelector(selector);
  const chars = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let index = 0; index < node.data.length; index += 1) chars.push({node, index, ch: node.data[index]});
  }
  const start = chars.map((c) => c.ch).join("").indexOf(text);
  if (start < 0) return null;
  return chars.slice(start, start + text.length).map(({node, index, ch}) => {
    const range = document.createRange();
    range.setStart(node, index);
    range.setEnd(node, index + 1);
    const rect = range.getBoundingClientRect();
    return {ch, left: rect.left, right: rect.right, top: rect.top};
  });
}"""


@pytest.fixture(params=[1280, 320], ids=["wide", "phone"])
def width(request) -> int:
    return request.param


@pytest.mark.parametrize("lang", RIGHT_TO_LEFT)
def test_brackets_around_a_french_name_sit_where_a_right_to_left_reader_expects(page: Page, site_url, lang, width):
    page.set_viewport_size({"width": width, "height": 900})
    document = next(d for d in MEASURES.documents if "(" in d.name.in_(lang))
    rule = next(r for r in MEASURES.rules if document.id in r.documents)
    page.goto(calculator_url(site_url, lang, document=document.id, expiry=rule.expiry_window.start.isoformat()))
    shown_answer(page)
    found = page.evaluate(BRACKETS_AROUND_LATIN, ".calc__result")
    assert len(found) >= 4, found  # the document's name and the cited text's original title, at least
    for item in found:
        bracket, near, far = item["bracketBox"], item["near"], item["far"]
        # The Latin run reads left to right: its first letter (logically) to the left of its last.
        left_to_right = near["left"] <= far["left"] if item["bracket"] == "(" else far["left"] <= near["left"]
        assert left_to_right, item
        if item["bracket"] == "(":
            # Logically first: in a right-to-left line, to the right of the whole name.
            assert bracket["left"] >= max(near["right"], far["right"]) - 0.5, item
        else:
            # Logically last: to the left of the whole name.
            assert bracket["right"] <= min(near["left"], far["left"]) + 0.5, item


@pytest.mark.parametrize("lang", RIGHT_TO_LEFT)
def test_an_article_number_kept_in_the_first_languages_numbering_reads_left_to_right(page: Page, site_url, lang,
                                                                                    width):
    """« 15, I » is the French numbering of the article: in the Arabic citation it is one left-to-right unit."""
    page.set_viewport_size({"width": width, "height": 900})
    rule = next(r for r in MEASURES.rules if re.search(r"\d\D+$", r.legal_basis.article))  # digits, then letters
    page.goto(calculator_url(site_url, lang, document=rule.documents[0], expiry=rule.expiry_window.start.isoformat()))
    shown_answer(page)
    boxes = page.evaluate(BOXES_OF, [".calc__result", rule.legal_basis.article])
    assert boxes, f"{rule.legal_basis.article!r} is not in the answer"
    letters = [box for box in boxes if box["ch"].strip()]
    assert len({round(box["top"]) for box in letters}) == 1, boxes  # on one line
    assert [box["left"] for box in letters] == sorted(box["left"] for box in letters), boxes
