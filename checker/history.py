"""A residence history: several documents in a row, and whether they covered every day of a period.

Each document covers every day from its issue date to its end of validity (its printed expiry, or the new date an
extension gave), both included; coverage that overlaps or touches merges; a gap is a run of days no document
covered. The answer also gives the longest uninterrupted run, the run that ends on the last day asked about, and
whether a span the person chooses ("N years ending on D") was covered every day. It counts the validity of the
documents entered, nothing else (not presence in France, nor absences). Pure functions, no I/O, like the rest of
the checker."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NamedTuple

from .engine import Answer, check, format_date
from .inputs import MAX_LENGTH, InputError, as_typed, month_names, read_date, read_document
from .language import Language
from .rules import Measures
from .typography import typeset

MAX_ITEMS = 40  # documents in one history; the page reads it through the build (generator/runtime.py)
MAX_SPAN_YEARS = 20  # the longest span a person may choose ("20 years ending on D")
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Span:
    """Days from `start` to `end`, both included."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def length(self) -> "Length":
        return length(self.start, self.end)


class Length(NamedTuple):
    """How long a run of days lasted, both ends counted, in whole years, then whole months, then days."""

    years: int
    months: int
    days: int


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _add_months(day: date, months: int) -> tuple[int, int, int]:
    """`day` moved `months` later, on the same day of the month or on the month's last day when that day does not
    exist (31 January + 1 month: 28 or 29 February); as (year, month, day), as the year may be 10000."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return year, month + 1, min(day.day, _days_in_month(year, month + 1))


def length(start: date, end: date) -> Length:
    """The length of the days from `start` to `end`, both counted: the whole years, then the whole months, counted
    from `start` as one counts an age (31 January + 1 month is the last day of February), then the days left.

    1 September 2015 to 27 October 2020 is 5 years, 1 month and 27 days: 1 September 2015 + 5 years + 1 month is
    1 October 2020, and 27 days more reach 28 October, the day after the end. The day after the end is compared as
    (year, month, day), since after 31/12/9999 there is no date."""
    after = (end.year, end.month, end.day + 1) if end.day < _days_in_month(end.year, end.month) else \
        (end.year, end.month + 1, 1) if end.month < 12 else (end.year + 1, 1, 1)
    months = (after[0] - start.year) * 12 + after[1] - start.month
    while months > 0 and _add_months(start, months) > after:
        months -= 1  # at most once: the day of the month is the only thing that may not have come round yet
    anchor = _add_months(start, months)
    days = 0 if anchor == after else (end - date(*anchor)).days + 1
    return Length(months // 12, months % 12, days)

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
    cover: str = ""  # what commonly covers such days, and that a row may be added for it
    suggest: tuple[str, ...] = ()  # the document types that commonly cover such days (content: `covers`)


@dataclass(frozen=True)
class ChosenSpan(Span):
    """"N years ending on D": from the day after the same date N years earlier (28 February when that date does not
    exist) to D."""

    years: int
    gaps: tuple[Gap, ...]

    @property
    def continuous(self) -> bool:
        return not self.gaps


@dataclass(frozen=True)
class History:
    lang: str
    items: tuple[ItemResult, ...]
    covered: tuple[Span, ...]  # merged, in order
    period: Span | None  # the period asked about, if any
    gaps: tuple[Gap, ...]  # inside the period, or between the documents when no period was given
    continuous: bool | None  # only when a period was given: covered every day, without a gap
    longest_run: Span | None = None  # the longest covered run, the earliest of equals
    final_run: Span | None = None  # the covered run that ends on the period's last day (the last one without a period)
    span: ChosenSpan | None = None  # the span the person chose, if any


class HistoryRequest(NamedTuple):
    """A history question as read from the command line, a saved file or the page."""

    items: tuple[Item, ...]
    start: date | None = None  # the period asked about, both days or neither
    end: date | None = None
    span_years: int | None = None  # the span chosen: N years ending on span_end (by default the period's end)
    span_end: date | None = None


def read_items(raw_items: list[Any], measures: Measures, months: dict[str, int] | None = None) -> tuple[Item, ...]:
    """Items written TYPE,ISSUED,EXPIRY (dates as printed, day first, or ISO); InputError on the first bad one.
    `months`: month_names(measures), if the caller has it already."""
    if len(raw_items) > MAX_ITEMS:
        raise InputError("too-many-items", "item", str(len(raw_items)), limit=MAX_ITEMS)
    if months is None:
        months = month_names(measures)
    items = []
    for index, raw in enumerate(raw_items):
        try:
            items.append(_read_item(raw, measures, months))
        except InputError as error:
            error.item = index  # which row of the form, for the page to mark its field
            raise
    return tuple(items)


def read_request(raw_items: list[Any], start: Any, end: Any, measures: Measures, span_years: Any = None,
                 span_end: Any = None, months: dict[str, int] | None = None) -> HistoryRequest:
    """The documents, the period (both days or neither) and the chosen span of a history request, as the command
    line, a saved file and the page give them; InputError on the first bad value (`item`: the index of the
    document it is about). `months`: month_names(measures), if the caller has it already."""
    if not raw_items:
        raise InputError("missing", "item")
    if months is None:
        months = month_names(measures)
    items = read_items(raw_items, measures, months)
    first, last = read_date(start, "from", months), read_date(end, "to", months)
    if (first is None) != (last is None):
        raise InputError("missing", "to" if last is None else "from")
    if first is not None and last < first:
        raise InputError("period-order", "to", as_typed(end))
    years = read_span_years(span_years)
    span_last = read_date(span_end, "span_end", months)
    if span_last is not None and years is None:
        raise InputError("missing", "span_years")
    return HistoryRequest(items, first, last, years, span_last)


def read_span_years(value: Any) -> int | None:
    """The span's number of years: a whole number from 1 to MAX_SPAN_YEARS, or None when not given."""
    if value is None or isinstance(value, bool):
        return None if value is None else _bad_span_years(str(value))
    typed = str(value).strip()
    if not typed:
        return None
    if len(typed) > 2 or not typed.isascii() or not typed.isdigit() or not 1 <= int(typed) <= MAX_SPAN_YEARS:
        _bad_span_years(typed[:MAX_LENGTH])
    return int(typed)


def _bad_span_years(typed: str):
    raise InputError("span-years", "span_years", typed, limit=MAX_SPAN_YEARS)


def item_parts(raw: str) -> tuple[str, str, str] | None:
    """TYPE,ISSUED,EXPIRY as its three texts, or None when it does not have three."""
    parts = tuple(part.strip() for part in raw.split(","))
    return parts if len(parts) == 3 else None


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
        parts = item_parts(raw)
        if parts is None:
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
            lang: str | None = None, span_years: int | None = None, span_end: date | None = None) -> History:
    """What the documents covered, and the gaps inside the period from `start` to `end` (both or neither); the
    longest run and the final run; given `span_years`, whether the N years ending on `span_end` (by default the
    period's end, or the last document's end) were covered every day."""
    language = measures.language(lang)
    results = tuple(ItemResult(item, check(measures, item.document, item.expiry, lang=language.code))
                    for item in sorted(items, key=lambda item: (item.issued, item.expiry)))
    covered = merged([Span(r.item.issued, r.valid_until) for r in results])
    if start is not None and end is not None:
        period = Span(start, end)
    else:
        period = None
    bounds = period or (Span(covered[0].start, covered[-1].end) if covered else None)
    gaps = tuple(_gap(measures, results, gap, language) for gap in uncovered(covered, bounds)) if bounds else ()
    last_day = period.end if period else covered[-1].end if covered else None
    chosen = None
    if span_years is not None and (span_end or last_day) is not None:
        chosen_span = years_ending_on(span_years, span_end or last_day)
        chosen = ChosenSpan(chosen_span.start, chosen_span.end, span_years,
                            tuple(_gap(measures, results, gap, language) for gap in uncovered(covered, chosen_span)))
    return History(language.code, results, covered, period, gaps, None if period is None else not gaps,
                   longest_run=longest(covered), final_run=run_ending_on(covered, last_day) if last_day else None,
                   span=chosen)


def years_ending_on(years: int, end: date) -> Span:
    """N years ending on `end`: from the day after the same date N years earlier (28 February when that date does
    not exist) to `end`. 5 years ending on 27 October 2020 run from 28 October 2015."""
    year = end.year - years
    if year < date.min.year:  # a span reaching before year 1 starts on the calendar's first day
        return Span(date.min, end)
    earlier = date(year, end.month, min(end.day, _days_in_month(year, end.month)))
    return Span(earlier + ONE_DAY, end)


def longest(covered: tuple[Span, ...]) -> Span | None:
    """The longest covered run (the earliest of runs of the same number of days)."""
    return max(covered, key=lambda span: (span.days, -span.start.toordinal()), default=None)


def run_ending_on(covered: tuple[Span, ...], day: date) -> Span | None:
    """The covered run that holds `day`, cut at `day`; None when no document covered that day."""
    holding = next((span for span in covered if span.start <= day <= span.end), None)
    return Span(holding.start, day) if holding else None


def _gap(measures: Measures, results: tuple[ItemResult, ...], gap: Span, language: Language) -> Gap:
    """A gap with why nothing covered it, and what commonly covers such days."""
    after_document = any(r.valid_until < gap.start for r in results)
    waiting = tuple(document.id for document in measures.documents if document.covers is not None)
    if after_document and waiting:
        names = language.list_separator.join(measures.document(id).short_name.in_(language) for id in waiting)
        cover = language.say("history", "gap_cover_renewal", documents=names)
    else:
        cover = language.say("history", "gap_cover_before")
    return Gap(gap.start, gap.end, gap_reason(measures, results, gap, language), typeset(cover, language),
               waiting if after_document else ())


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
    elif measures.document(result.item.document).covers is not None:
        key = "gap_wait_ended"  # a document of today that covered a wait: the 2020 rules never concerned it
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


def length_text(span: Span, language: Language) -> str:
    """How long a run lasted, in the language's words: "5 years, 1 month and 27 days", each count in its plural
    form, a part that is zero left out, the parts joined as the catalogue joins a list."""
    parts = [language.say("counts", unit, **{unit: count}) for unit, count in span.length._asdict().items() if count]
    return join_list(parts, language)


def join_list(parts: list[str], language: Language) -> str:
    """Parts of one list in a sentence: "a, b and c" (the catalogue's `lists`: separator, then last)."""
    if len(parts) < 2:
        return "".join(parts)
    lists = language.sentences["lists"]
    return lists["separator"].join(parts[:-1]) + lists["last"] + parts[-1]


def run_sentences(result: History, language: Language) -> dict[str, str]:
    """The answer's runs in whole sentences: the longest one, the one that ends on the last day asked about, and
    whether the chosen span was covered every day (each key only when it applies)."""
    when = lambda day: format_date(day, language)  # noqa: E731
    say = lambda key, **values: typeset(language.say("history", key, **values), language)  # noqa: E731
    sentences = {}
    if result.longest_run:
        run = result.longest_run
        sentences["longest_run"] = say("longest_run", start=when(run.start), end=when(run.end),
                                       length=length_text(run, language))
    last_day = result.period.end if result.period else result.covered[-1].end if result.covered else None
    if result.final_run:
        run = result.final_run
        sentences["final_run"] = say("final_run", start=when(run.start), end=when(run.end),
                                     length=length_text(run, language))
    elif last_day is not None:
        sentences["final_run"] = say("no_final_run", end=when(last_day))
    if result.span:
        sentences["span"] = say("span_yes" if result.span.continuous else "span_no", start=when(result.span.start),
                                end=when(result.span.end))
    return sentences


def history_to_dict(result: History) -> dict[str, Any]:
    """The history as JSON-ready data, ISO dates: items, covered, gaps, continuous when a period was given, the
    longest and the final run ({start, end, years, months, days}), and the chosen span ({start, end, continuous,
    gaps}) when one was asked for."""
    def span(s: Span) -> dict[str, Any]:
        return {"start": s.start.isoformat(), "end": s.end.isoformat()}

    def run(s: Span | None) -> dict[str, Any] | None:
        return {**span(s), **s.length._asdict()} if s else None

    def gaps(found: tuple[Gap, ...]) -> list[dict[str, Any]]:
        return [{**span(g), "days": g.days, "reason": g.reason, "cover": g.cover, "suggest": list(g.suggest)}
                for g in found]

    return {
        "lang": result.lang,
        "items": [{"document": r.item.document, "issued": r.item.issued.isoformat(), "expiry": r.item.expiry.isoformat(),
                   "valid_until": r.valid_until.isoformat(), "rule": r.answer.rule, "exclusion": r.answer.exclusion,
                   "legal_basis": list(r.answer.legal_basis)} for r in result.items],
        "covered": [span(s) for s in result.covered],
        "period": span(result.period) if result.period else None,
        "gaps": gaps(result.gaps),
        "continuous": result.continuous,
        "longest_run": run(result.longest_run),
        "final_run": run(result.final_run),
        "span": {**span(result.span), "years": result.span.years, "continuous": result.span.continuous,
                 "gaps": gaps(result.span.gaps)} if result.span else None,
    }
