"""A residence history: several documents in a row, and whether they covered every day of a period.

Each document covers every day from its issue date to its end of validity (its printed expiry, or the new date an
extension gave), both included; coverage that overlaps or touches merges; a gap is a run of days no document
covered. Pure functions, no I/O, like the rest of the checker."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .engine import Answer, check, format_date
from .inputs import InputError, as_typed, month_names, read_date, read_document
from .language import Language
from .rules import Measures
from .typography import typeset

MAX_ITEMS = 20
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Span:
    """Days from `start` to `end`, both included."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class Item:
    document: str
    issued: date
    expiry: date


@dataclass(frozen=True)
class ItemResult:
    item: Item
    answer: Answer  # the checker's answer for this document: rule, article, explanation

    @property
    def valid_until(self) -> date:
        """The last day the document was valid: its new end of validity, or its printed expiry."""
        return self.answer.valid_until or self.item.expiry


@dataclass(frozen=True)
class Gap(Span):
    reason: str  # why no document covered these days, in the answer's language


@dataclass(frozen=True)
class History:
    lang: str
    items: tuple[ItemResult, ...]
    covered: tuple[Span, ...]  # merged, in order
    period: Span | None  # the period asked about, if any
    gaps: tuple[Gap, ...]  # inside the period, or between the documents when no period was given
    continuous: bool | None  # only when a period was given: covered every day, without a gap


def read_items(raw_items: list[Any], measures: Measures) -> tuple[Item, ...]:
    """Items written TYPE,ISSUED,EXPIRY (dates as printed, day first, or ISO); InputError on the first bad one."""
    if len(raw_items) > MAX_ITEMS:
        raise InputError("too-many-items", "item", str(len(raw_items)), limit=MAX_ITEMS)
    months = month_names(measures)
    items = []
    for index, raw in enumerate(raw_items):
        try:
            items.append(_read_item(raw, measures, months))
        except InputError as error:
            error.item = index  # which row of the form, for the page to mark its field
            raise
    return tuple(items)


def read_request(raw_items: list[Any], start: Any, end: Any, measures: Measures) -> tuple[tuple[Item, ...],
                                                                                       date | None, date | None]:
    """The documents and the period (both days or neither) of a history request, as the command line and the page
    give them; InputError on the first bad value (`item`: the index of the document it is about)."""
    if not raw_items:
        raise InputError("missing", "item")
    items = read_items(raw_items, measures)
    months = month_names(measures)
    first, last = read_date(start, "from", months), read_date(end, "to", months)
    if (first is None) != (last is None):
        raise InputError("missing", "to" if last is None else "from")
    if first is not None and last < first:
        raise InputError("period-order", "to", as_typed(end))
    return items, first, last


def _read_item(raw: Any, measures: Measures, months: dict[str, int]) -> Item:
    """One document: TYPE,ISSUED,EXPIRY (the command line, a URL), or a form's row
    ({"document", "issued", "expiry"}, each date a text or its day, month and year fields)."""
    if isinstance(raw, dict):
        document = read_document(raw.get("document"), measures)
        issued = read_date(raw.get("issued"), "issued", months)
        expiry = read_date(raw.get("expiry"), "expiry", months)
        for field, day in (("issued", issued), ("expiry", expiry)):
            if day is None:
                raise InputError("missing", field)
        typed_issued = as_typed(raw.get("issued"))
    else:
        raw = str(raw)
        parts = [part.strip() for part in raw.split(",")]
        if len(parts) != 3:
            raise InputError("bad-item", "item", raw)
        document = read_document(parts[0], measures)
        issued = read_date(parts[1], "issued", months)
        expiry = read_date(parts[2], "expiry", months)
        if issued is None or expiry is None:
            raise InputError("bad-item", "item", raw)
        typed_issued = parts[1]
    if issued > expiry:
        raise InputError("issued-after-expiry", "issued", typed_issued)
    return Item(document, issued, expiry)


def history(measures: Measures, items: tuple[Item, ...], start: date | None = None, end: date | None = None, *,
            lang: str | None = None) -> History:
    """What the documents covered, and the gaps inside the period from `start` to `end` (both or neither)."""
    language = measures.language(lang)
    results = tuple(ItemResult(item, check(measures, item.document, item.expiry, lang=language.code))
                    for item in sorted(items, key=lambda item: (item.issued, item.expiry)))
    covered = merged([Span(r.item.issued, r.valid_until) for r in results])
    if start is not None and end is not None:
        period = Span(start, end)
    else:
        period = None
    bounds = period or (Span(covered[0].start, covered[-1].end) if covered else None)
    gaps = tuple(Gap(gap.start, gap.end, gap_reason(measures, results, gap, language))
                 for gap in uncovered(covered, bounds)) if bounds else ()
    return History(language.code, results, covered, period, gaps, None if period is None else not gaps)


def merged(spans: list[Span]) -> tuple[Span, ...]:
    """Spans that overlap or touch (one ends the day before the next starts) joined into one."""
    joined: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        # Days apart, not the day after the end: that day does not exist when a document ends on 31/12/9999.
        if joined and (span.start - joined[-1].end).days <= 1:
            joined[-1] = Span(joined[-1].start, max(joined[-1].end, span.end))
        else:
            joined.append(span)
    return tuple(joined)


def uncovered(covered: tuple[Span, ...], bounds: Span) -> list[Span]:
    """The runs of days inside `bounds` that no covered span holds."""
    gaps, day = [], bounds.start  # the first day not known to be covered yet
    for span in covered:
        if span.end < day:
            continue
        if span.start > bounds.end:
            break
        if span.start > day:
            gaps.append(Span(day, min(span.start - ONE_DAY, bounds.end)))
        if span.end >= bounds.end:  # covered to the end (the day after may be past 31/12/9999)
            return gaps
        day = span.end + ONE_DAY
    if day <= bounds.end:
        gaps.append(Span(day, bounds.end))
    return gaps


def gap_reason(measures: Measures, results: tuple[ItemResult, ...], gap: Span, language) -> str:
    """Why nothing covered the gap: the last document to end before it, and why it ended then (or that none had
    been issued yet)."""
    ended = [r for r in results if r.valid_until < gap.start]
    if not ended:
        return typeset(language.say("history", "gap_no_document"), language)
    result = max(ended, key=lambda r: r.valid_until)
    answer = result.answer
    # The document's short name: the reason is read in the gaps' table and beside the timeline, which name it so.
    values = {"document": measures.document(result.item.document).short_name.in_(language),
              "expiry": format_date(result.item.expiry, language),
              "until": format_date(result.valid_until, language)}
    if answer.covered:
        key = "gap_after_extension"
    elif answer.exclusion is not None:
        key = "gap_excluded"
    elif answer.nearest_window is not None:
        key = "gap_outside_windows"
        values.update(start=format_date(answer.nearest_window.start, language),
                      end=format_date(answer.nearest_window.end, language))
    else:
        key = "gap_no_rule"
    return typeset(language.say("history", key, **values), language)


def verdict(result: History, language: Language) -> str:
    """The sentence that answers "covered every day?" for the period asked about ("" without a period)."""
    if result.period is None:
        return ""
    key = "continuous_yes" if result.continuous else "continuous_no"
    return typeset(language.say("history", key, start=format_date(result.period.start, language),
                                end=format_date(result.period.end, language)), language)


def history_to_dict(result: History) -> dict[str, Any]:
    """The history as JSON-ready data, ISO dates: items, covered, gaps, and continuous when a period was given."""
    def span(s: Span) -> dict[str, Any]:
        return {"start": s.start.isoformat(), "end": s.end.isoformat()}

    return {
        "lang": result.lang,
        "items": [{"document": r.item.document, "issued": r.item.issued.isoformat(), "expiry": r.item.expiry.isoformat(),
                   "valid_until": r.valid_until.isoformat(), "rule": r.answer.rule, "exclusion": r.answer.exclusion,
                   "legal_basis": list(r.answer.legal_basis)} for r in result.items],
        "covered": [span(s) for s in result.covered],
        "period": span(result.period) if result.period else None,
        "gaps": [{**span(g), "days": g.days, "reason": g.reason} for g in result.gaps],
        "continuous": result.continuous,
    }
