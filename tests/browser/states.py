"""Every page and every state a person meets, in every language: the one list the reflow test measures and
`make screenshots` photographs. A state is an address and, for some, what a person does there; each waits for
the page's own signal (an answer, an error summary), never for a fixed time."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from playwright.sync_api import Page, expect

from checker.history import MAX_ITEMS
from tests.catalogue import LANGUAGES, ROOTS

from .widget import wait_shown

ANSWER_MS = 90_000  # Python's first boot on a loaded two-core machine


@dataclass(frozen=True)
class State:
    name: str
    path: str  # below a language's root
    act: Callable[[Page], None] | None = None


# Either tool: the calculator or the history (what it showed, if an answer does not come).
WIDGET = ":is([data-calculator], [data-history])"


def _answer(page: Page) -> None:
    wait_shown(page, "[data-answer-region] > div", WIDGET, timeout_ms=ANSWER_MS)


def _error(page: Page) -> None:
    wait_shown(page, "[data-error-summary]:not([hidden])", WIDGET, timeout_ms=ANSWER_MS)


def _twenty_rows(page: Page) -> None:
    add = page.locator("[data-add]")
    expect(add).to_be_visible(timeout=ANSWER_MS)
    rows = page.locator("[data-item]")
    while rows.count() < MAX_ITEMS:
        add.click()
    expect(rows).to_have_count(MAX_ITEMS)


def _bad_file(page: Page) -> None:
    """A file that is not a history opened: its message on the file's field, the form as it was."""
    opener = page.locator("[data-open] input[type=file]")
    expect(opener).to_be_visible(timeout=ANSWER_MS)
    opener.set_input_files(NOT_A_HISTORY)
    _error(page)


def _gap_row_added(page: Page) -> None:
    """An answer's gap, then its "add a document" button pressed: a row filled with the gap's dates."""
    _answer(page)
    page.locator(".hist__gaps .hist__gap-add").first.click()
    expect(page.locator("[data-announce]")).not_to_be_empty()


def _printed(summary_ready: str) -> Callable[[Page], None]:
    """The printable summary as the print button lays it out (print media), window.print() itself stubbed, once
    `summary_ready` is there (its permalink's QR code drawn)."""
    def act(page: Page) -> None:
        _answer(page)
        page.evaluate("() => { window.print = () => {}; }")
        page.locator(".calc__print").first.click()
        wait_shown(page, summary_ready, WIDGET, attached=True, timeout_ms=ANSWER_MS)
        page.emulate_media(media="print")
    return act


CALCULATOR = "calculateur/"
HISTORY = "historique/"
ISSUE_PERMALINK = (HISTORY + "?doc=titre-de-sejour,2019-06-21,2020-06-20&doc=titre-de-sejour,2020-07-01,2021-06-30"
                   "&from=2020-01-01&to=2020-12-31")
# Issue 25's permalink: three residence permits, the April 2020 one extended; its runs and a five-year span.
RUNS_PERMALINK = (HISTORY + "?doc=titre-de-sejour,2015-09-01,2016-08-31&doc=titre-de-sejour,2016-09-01,2020-04-30"
                  "&doc=titre-de-sejour,2020-11-01,2024-10-31&from=2015-09-01&to=2024-10-31")
# The same with a span of five years ending on 30 June 2021: the span holds the four days of October 2020 that no
# document covered, shown under its sentence with what may cover them.
SPAN_PERMALINK = RUNS_PERMALINK + "&span=5&span_end=2021-06-30"
# A file that is not a saved history, as a person may pick by mistake.
NOT_A_HISTORY = {"name": "notes.txt", "mimeType": "text/plain", "buffer": "not a history".encode()}
TWENTY = HISTORY + "?" + "&".join(
    f"doc={'recepisse' if year % 3 else 'titre-de-sejour'},{year}-01-01,{year}-{'06-30' if year % 2 else '12-31'}"
    for year in range(2001, 2001 + MAX_ITEMS)) + "&from=2001-01-01&to=2020-12-31"

# The calculator's input errors, each reached by a link as a person may type it.
CALCULATOR_ERRORS = {
    "missing-document": "expiry=2020-05-16",
    "unknown-document": "document=passeport&expiry=2020-05-16",
    "missing-expiry": "document=titre-de-sejour&expiry=",
    "not-a-date": "document=titre-de-sejour&expiry=mai",
    "impossible-date": "document=titre-de-sejour&expiry=2020-02-30",
    "two-digit-year": "document=titre-de-sejour&expiry=16/05/20",
    "too-long": "document=titre-de-sejour&expiry=" + "1" * 60,
    "incomplete-date": "document=titre-de-sejour&expiry-day=16&expiry-month=5&expiry-year=",
    "issued-after-expiry": "document=titre-de-sejour&expiry=2020-05-16&issued=2021-01-01",
}

# Issue 25's states of the history: a chosen span, a row added for a gap, a file that is not a history opened (axe
# checks these too: tests/browser/test_accessibility.py).
KEEP_STATES: tuple[State, ...] = (
    State("history-span", SPAN_PERMALINK, _answer),
    State("history-gap-row-added", ISSUE_PERMALINK, _gap_row_added),
    State("history-open-not-a-history", HISTORY, _bad_file),
)

STATES: tuple[State, ...] = (
    State("calculator-answer", CALCULATOR + "?document=titre-de-sejour&expiry=2020-05-16", _answer),
    State("calculator-issued-and-on",
          CALCULATOR + "?document=titre-de-sejour&expiry=2020-05-16&issued=2019-05-17&on=2020-09-01", _answer),
    State("calculator-not-extended", CALCULATOR + "?document=recepisse&expiry=2020-06-16&on=2021-01-01", _answer),
    *(State(f"calculator-error-{code}", f"{CALCULATOR}?{query}", _error) for code, query in CALCULATOR_ERRORS.items()),
    State("calculator-summary", CALCULATOR + "?document=titre-de-sejour&expiry=2020-05-16&issued=2019-05-17&on=2020-09-01",
          _printed("[data-calculator] [data-summary][data-filled] [data-permalink-code][data-address]")),
    State("history-twenty-rows", HISTORY, _twenty_rows),
    State("history-answer", ISSUE_PERMALINK, _answer),
    State("history-twenty-documents", TWENTY, _answer),
    State("history-runs", RUNS_PERMALINK, _answer),
    State("history-error", HISTORY + "?doc=titre-de-sejour,2020-02-30,2021-01-01", _error),
    State("history-summary", ISSUE_PERMALINK,
          _printed("[data-history] [data-summary][data-filled] [data-permalink-code][data-address]")),
    *KEEP_STATES,
)


def pages(site: Path, lang: str) -> list[str]:
    """Every page of a language's build, as paths below its root, and its 404 page."""
    root = site / ROOTS[lang]
    skipped = {"assets", "pyodide", "search"} | {code for code in LANGUAGES if ROOTS[code]}
    found = ["" if index.parent == root else index.parent.relative_to(root).as_posix() + "/"
             for index in sorted(root.rglob("index.html"))]
    return [path for path in found if path.split("/")[0] not in skipped] + ["404.html"]


def width(page: Page) -> int:
    """How wide the document is, in CSS px: wider than the window means it scrolls sideways."""
    return page.evaluate("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
