"""The residence history's timeline in Chromium, in every language, at a phone's width (320 CSS px) and a
computer's (1280): the axis's labels never overlap and all lie inside the timeline, for a history of two years
and one of twenty documents over twenty years; a gap of one day stays visible."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.catalogue import LANGUAGES

from .states import HISTORY, ISSUE_PERMALINK, ROOTS, TWENTY

WIDTHS = (320, 1280)
# Two permits over twenty years, the second issued two days after the first one expired: a gap of one day
# (1 January 2011) in a period of 7,305.
ONE_DAY_GAP = (HISTORY + "?doc=titre-de-sejour,2001-01-01,2010-12-31&doc=titre-de-sejour,2011-01-02,2020-12-31"
               "&from=2001-01-01&to=2020-12-31")

# The boxes of the texts shown on the axis (whatever element holds them), and the timeline's box.
_AXIS = """() => {
  const box = (element) => { const r = element.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const texts = [...document.querySelectorAll(".hist__axis *")].filter((element) =>
    [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim())
    && element.checkVisibility({ visibilityProperty: true }));
  return { timeline: box(document.querySelector(".hist__timeline")),
           labels: texts.map((element) => ({ text: element.textContent, box: box(element) })) };
}"""


def axis(page: Page) -> dict:
    page.evaluate("() => new Promise(requestAnimationFrame)")
    return page.evaluate(_AXIS)


def overlap(one: list[float], other: list[float]) -> bool:
    return one[0] < other[2] and other[0] < one[2] and one[1] < other[3] and other[1] < one[3]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", [ISSUE_PERMALINK, TWENTY], ids=["two-years", "twenty-documents"])
def test_the_axis_labels_never_overlap_and_stay_inside_the_timeline(page, site_url, path, lang):
    page.set_viewport_size({"width": WIDTHS[0], "height": 800})
    page.goto(site_url + ROOTS[lang] + path)
    expect(page.locator(".hist__timeline")).to_be_visible(timeout=90_000)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        shown = axis(page)
        labels = shown["labels"]
        assert len(labels) >= 2, (width, labels)  # the axis still says when
        left, top, right, bottom = shown["timeline"]
        for index, label in enumerate(labels):
            x0, y0, x1, y1 = label["box"]
            assert left - 0.5 <= x0 and x1 <= right + 0.5 and top - 0.5 <= y0 and y1 <= bottom + 0.5, (width, label)
            for other in labels[index + 1:]:
                assert not overlap(label["box"], other["box"]), (width, label, other)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_one_day_gap_is_visible_on_twenty_years(page, site_url, lang):
    page.goto(site_url + ROOTS[lang] + ONE_DAY_GAP)
    gap = page.locator(".hist__timeline .hist__bar--gap")
    expect(gap).to_have_count(1, timeout=90_000)
    expect(gap).to_have_attribute("data-start", "2011-01-01")
    expect(gap).to_have_attribute("data-end", "2011-01-01")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        assert gap.bounding_box()["width"] >= 2, width
