"""The one call the web page makes (through Pyodide): form values in, the answer or the input error out, as JSON."""
from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from .data import load_measures
from .engine import answer_to_dict, check, format_date
from .history import (History, HistoryRequest, history, history_to_dict, item_parts, read_request, run_sentences,
                      verdict)
from .inputs import InputError, Request, date_fields, is_blank, month_names, parse_request
from .language import Language
from .reminder import renewal_calendar, renewal_days
from .saved import read_saved, saved_text
from .typography import typeset
from .rules import Measures

# The names of the history's permalink parameters, by the request's field: the page reads and writes its address
# with these names (the build writes them into the page's contract), and read_query reads them back.
QUERY_NAMES = {"items": "doc", "from": "from", "to": "to", "span_years": "span", "span_end": "span_end"}
# The files the page offers to download: their kind, the extension and media type they are written with.
FILE_KINDS = {"history": (".json", "application/json"), "reminder": (".ics", "text/calendar")}

def summary_languages(measures: Measures, code: str) -> tuple[str, ...]:
    """The languages of the printable summary, side by side: the first configured language (the one French
    officials read), and beside it the page's language, or on a page in the first language the second one."""
    codes = measures.language_codes()
    other = code if code != codes[0] else (codes[1:] or [None])[0]
    return (codes[0],) + ((other,) if other else ())


def answer_json(document: Any, expiry: Any, on: Any = None, lang: str | None = None, issued: Any = None) -> str:
    """{"ok": true, "answer": {...}, "dates": {...}, "summary": {...}} or {"ok": false, "code", "field", "error"}.

    `answer` is exactly answer_to_dict(check(...)), so the page and the command line cannot differ;
    `dates` holds the answer's dates as people write them in `lang`, for the page to show as they are;
    `summary` is the printable summary, in the first language and the page's (summary_languages)."""
    measures = load_measures()
    language = measures.language(lang or None)  # an unknown language is an error, as everywhere
    fields = typed_fields({"expiry": expiry, "on": on, "issued": issued}, month_names(measures))
    try:
        request = parse_request(document, expiry, on, measures, issued=issued)
    except InputError as error:
        return json.dumps(
            {"ok": False, "code": error.code, "field": error.field, "part": error.part,
             "error": error.message(language), "fields": fields},
            ensure_ascii=False,
        )
    answer = check(measures, *request, lang=language.code)
    shown = {"expiry": answer.expiry, "on": answer.on, "issued": answer.issued, "valid_until": answer.valid_until}
    return json.dumps(
        {
            "ok": True,
            "answer": answer_to_dict(answer),
            "dates": {key: format_date(day, language) for key, day in shown.items() if day is not None},
            "fields": fields,
            # Beside the verdict: how many days were added, under which rule, in the language's plural form.
            "extension": typeset(language.say("explanation", "automatic_extension", days=answer.extension_days,
                                              rule=answer.rule), language) if answer.covered else None,
            "summary": {code: _summary(measures, request, measures.language(code))
                        for code in summary_languages(measures, language.code)},
        },
        ensure_ascii=False,
    )


def typed_fields(given: dict[str, Any], months: dict[str, int]) -> dict[str, dict[str, str]]:
    """The dates a link gave in one text each, as the form's day, month and year fields show them (`fields` in
    the page's answers: the page fills its fields from them, and reads no date itself); `months`: month_names."""
    split = {name: date_fields(value, months) for name, value in given.items()}
    return {name: parts for name, parts in split.items() if parts is not None}


def _summary(measures: Measures, request: Request, language: Language) -> dict[str, Any]:
    """The points of the one-page summary an officer reads, in one language."""
    answer = check(measures, *request, lang=language.code)
    paragraphs = answer.explanation.split("\n\n")
    return {
        "document_name": answer.document_name,
        "expiry": format_date(answer.expiry, language),
        "issued": format_date(answer.issued, language) if answer.issued else None,
        "valid_on": answer.valid_on_text,
        "valid_until": format_date(answer.valid_until, language) if answer.valid_until else None,
        # Why no extension: the paragraph after the printed date names the exclusion or the nearest window.
        "reason": None if answer.covered else paragraphs[1],
        "legal_basis": typeset(language.list_separator.join(answer.legal_basis), language),
        "counting": typeset(measures.counting.convention.in_(language), language),
        "computed_on": format_date(date.today(), language),  # the visitor's own clock: the page runs on their device
    }


def respond(request_json: str) -> str:
    """The page's one entry point (the worker calls it with the page's request as JSON): a question about one
    document (answer_json) or about a residence history (history_json)."""
    request = json.loads(request_json)
    items = request.get("items") if isinstance(request.get("items"), list) else []
    span = {"span_years": request.get("span_years"), "span_end": request.get("span_end")}
    if request.get("question") == "history":
        return history_json(items, request.get("from"), request.get("to"), request.get("lang"), **span)
    if request.get("question") == "history-summary":
        return history_summary_json(items, request.get("from"), request.get("to"), request.get("lang"), **span)
    if request.get("question") in ("history-save", "history-ics"):
        return history_file_json(request["question"], items, request.get("from"), request.get("to"),
                                 request.get("lang"), **span)
    if request.get("question") == "history-open":
        return opened_history_json(request.get("text"), request.get("name"), request.get("lang"))
    return answer_json(request.get("document"), request.get("expiry"), request.get("on"), request.get("lang"),
                       request.get("issued"))


def history_json(items: list[Any], start: Any = None, end: Any = None, lang: str | None = None,
                 span_years: Any = None, span_end: Any = None) -> str:
    """{"ok": true, "history": {...}, "verdict", "runs", "scope", "timeline", "dates"} or {"ok": false, "code",
    "field", "item", "error"}: `item` is the index of the document row the error is about, when it is about one;
    `runs`, the longest run, the final run and the chosen span in whole sentences (run_sentences)."""
    measures = load_measures()
    months = month_names(measures)
    fields = history_fields(items, start, end, measures, span_years, span_end, months)
    asked = _history_question(items, start, end, lang, span_years, span_end, fields=fields, months=months)
    if isinstance(asked, str):
        return asked
    measures, language, request = asked
    result = _history_of(measures, request, language.code)
    when = lambda day: format_date(day, language)  # noqa: E731
    span_gaps = [typeset(language.say("history", "gap_sentence", start=when(gap.start), end=when(gap.end),
                                      days=gap.days, reason=gap.reason), language)
                 for gap in (result.span.gaps if result.span else ())]
    return json.dumps({"ok": True, "history": history_to_dict(result), "verdict": verdict(result, language),
                       "runs": run_sentences(result, language), "span_gaps": span_gaps,
                       "scope": typeset(language.say("history", "scope"), language),
                       "summary": summary(result, language), "timeline": timeline(result, language, measures),
                       "dates": shown_dates(result, language), "fields": fields, "query": history_query(request),
                       "gap_fields": gap_fields(result, months), "reminder": _has_reminder(measures, result)},
                      ensure_ascii=False)


def gap_fields(result: History, months: dict[str, int]) -> dict[str, dict[str, str]]:
    """Each gap's first and last days (the period's gaps and the span's), by ISO date, as the form's day, month and
    year fields show them: the page fills a row added for a gap with them, and reads no date itself. `months`:
    month_names."""
    gaps = (*result.gaps, *(result.span.gaps if result.span else ()))
    return typed_fields({day.isoformat(): day.isoformat() for gap in gaps for day in (gap.start, gap.end)}, months)


def history_query(request: HistoryRequest) -> str:
    """The permalink's query (without "?") for a request as read: ISO dates, the period when one was given, the
    span's end only when it was given (otherwise it follows the period's end). Every value is a document id or an
    ISO date or a number, none of which needs escaping in a URL."""
    pairs = [(QUERY_NAMES["items"], f"{item.document},{item.issued.isoformat()},{item.expiry.isoformat()}")
             for item in request.items]
    if request.start is not None:
        pairs += [(QUERY_NAMES["from"], request.start.isoformat()), (QUERY_NAMES["to"], request.end.isoformat())]
    if request.span_years is not None:
        pairs.append((QUERY_NAMES["span_years"], str(request.span_years)))
    if request.span_end is not None:
        pairs.append((QUERY_NAMES["span_end"], request.span_end.isoformat()))
    return "&".join(f"{name}={value}" for name, value in pairs)


def read_query(query: str) -> dict[str, Any]:
    """A permalink's query read back as the page sends it to respond ({"items", "from", "to", "span_years",
    "span_end"}, raw values): the names are QUERY_NAMES, as the page's."""
    from urllib.parse import parse_qsl  # only the tests and tools read an address in Python; the page does not

    pairs = parse_qsl(query.removeprefix("?"), keep_blank_values=True)
    read = {field: next((value for key, value in pairs if key == name), None) for field, name in QUERY_NAMES.items()}
    read["items"] = [value for key, value in pairs if key == QUERY_NAMES["items"]]
    return read


def _has_reminder(measures: Measures, result: History) -> bool:
    """Whether a renewal reminder can be made for the history's last document (its type has a known time limit)."""
    try:
        renewal_days(measures, result)
    except InputError:
        return False
    return True


def history_file_json(question: str, items: list[Any], start: Any = None, end: Any = None, lang: str | None = None,
                      span_years: Any = None, span_end: Any = None) -> str:
    """{"ok": true, "file": {"name", "type", "text"}}: the history as a saved file (question "history-save",
    checker/saved.py) or its last document's renewal reminder ("history-ics", checker/reminder.py), for the page
    to offer as a download made on the device; or the input error."""
    asked = _history_question(items, start, end, lang, span_years, span_end)
    if isinstance(asked, str):
        return asked
    measures, language, request = asked
    if question == "history-save":
        kind, text = "history", saved_text(request)
    else:
        try:
            kind, text = "reminder", renewal_calendar(measures, _history_of(measures, request, language.code),
                                                      language)
        except InputError as error:
            return _history_error(error, language)
    extension, media_type = FILE_KINDS[kind]
    return json.dumps({"ok": True, "file": {"name": language.say("files", kind) + extension, "type": media_type,
                                            "text": text}}, ensure_ascii=False)


def opened_history_json(text: Any, name: Any = None, lang: str | None = None) -> str:
    """{"ok": true, "request": {"items": [{"document", "issued", "expiry"}], "from", "to", "span_years",
    "span_end"}}: a saved file's history, read and checked as if it had been typed, ISO dates, for the page to fill
    its form with; or {"ok": false, ...} with the error on the field "file" (the form is left as it was), a value
    the file holds that will not do said as the form would say it."""
    measures = load_measures()
    language = measures.language(lang or None)
    shown = name if isinstance(name, str) else ""
    try:
        raw = read_saved(text if isinstance(text, str) else "", shown)
        request = read_request(raw["items"], raw["from"], raw["to"], measures, raw["span_years"], raw["span_end"])
    except InputError as error:
        if error.field != "file":
            said = typeset(language.say("history", "file_value", error=error.message(language)), language)
            return json.dumps({"ok": False, "code": error.code, "field": "file", "part": None, "item": None,
                               "error": said}, ensure_ascii=False)
        return _history_error(error, language)
    rows = [f"{item.document},{item.issued.isoformat()},{item.expiry.isoformat()}" for item in request.items]
    fields = history_fields(rows, request.start and request.start.isoformat(), request.end and request.end.isoformat(),
                            measures, request.span_years, request.span_end and request.span_end.isoformat())
    return json.dumps({"ok": True, "fields": fields, "request": {
        "items": [{"document": item.document, "issued": item.issued.isoformat(), "expiry": item.expiry.isoformat()}
                  for item in request.items],
        "from": request.start.isoformat() if request.start else "", "to": request.end.isoformat() if request.end else "",
        "span_years": "" if request.span_years is None else str(request.span_years),
        "span_end": request.span_end.isoformat() if request.span_end else ""}}, ensure_ascii=False)


def history_fields(items: list[Any], start: Any, end: Any, measures: Measures, span_years: Any = None,
                   span_end: Any = None, months: dict[str, int] | None = None) -> dict[str, Any]:
    """A link's history as the form's fields show it: each TYPE,ISSUED,EXPIRY row as its document and its dates'
    fields ({} for a row given otherwise), the period's dates and the span's end (typed_fields), and the span's
    number of years as given. `months`: month_names(measures), if the caller has it already."""
    if months is None:
        months = month_names(measures)
    rows = []
    for item in items:
        parts = item_parts(item) if isinstance(item, str) else None
        row = {} if parts is None else {"document": parts[0]}
        for name, text in zip(("issued", "expiry"), parts[1:] if parts else ()):
            if (split := date_fields(text, months)) is not None:
                row[name] = split
        rows.append(row)
    years = {} if span_years is None or isinstance(span_years, (dict, list)) else {"span_years": str(span_years)}
    return {"items": rows, **typed_fields({"from": start, "to": end, "span_end": span_end}, months), **years}


def history_summary_json(items: list[Any], start: Any = None, end: Any = None, lang: str | None = None,
                         span_years: Any = None, span_end: Any = None) -> str:
    """{"ok": true, "halves": {code: {...}}}: the printable summary of a history, in the first language and the
    page's (summary_languages), each half's texts set in its language. Asked when the print button is pressed,
    so that showing an answer costs one computation."""
    asked = _history_question(items, start, end, lang, span_years, span_end)
    if isinstance(asked, str):
        return asked
    measures, language, request = asked
    halves = {code: _history_half(_history_of(measures, request, code), measures.language(code))
              for code in summary_languages(measures, language.code)}
    return json.dumps({"ok": True, "halves": halves}, ensure_ascii=False)


def _history_of(measures: Measures, request: HistoryRequest, code: str) -> History:
    return history(measures, request.items, request.start, request.end, lang=code, span_years=request.span_years,
                   span_end=request.span_end)


def _history_half(result: History, language: Language) -> dict[str, Any]:
    """One language's half of the printed summary: the documents, the gaps, the verdict, the articles,
    and what the calculation does not look at. The list lines are the command line's, without its dashes."""
    when = lambda day: format_date(day, language)  # noqa: E731
    say = lambda key, **values: typeset(language.say("history", key, **values).removeprefix("- "), language)  # noqa: E731
    return {
        "verdict": verdict(result, language) if result.period else "",
        "runs": list(run_sentences(result, language).values()),  # the longest run, the final run, the chosen span
        "items": [say("item", document=r.answer.document_name, issued=when(r.item.issued), until=when(r.valid_until),
                      rule=language.say("history", "item_rule", rule=r.answer.rule) if r.answer.rule else "")
                  for r in result.items],
        # Each gap's days; why, the page says (ten documents must fit on one sheet with their reasons left out).
        "gaps": [say("span", start=when(g.start), end=when(g.end), days=g.days) for g in result.gaps] or [say("no_gap")],
        "articles": list(dict.fromkeys(basis for r in result.items for basis in r.answer.legal_basis)),
        "scope": say("scope"),
        "computed_on": when(date.today()),  # the visitor's own clock: the page runs on their device
    }


def _history_question(items: list[Any], start: Any, end: Any, lang: str | None, span_years: Any = None,
                      span_end: Any = None, fields: dict[str, Any] | None = None,
                      months: dict[str, int] | None = None):
    """(the measures, the page's language, the request) of a history request, or the JSON of its first error, in
    the page's language (with the form's `fields`, when given; `months`: month_names, if the caller has it)."""
    measures = load_measures()
    language = measures.language(lang or None)
    try:
        request = _history_request(items, start, end, measures, span_years, span_end, months)
    except InputError as error:
        return _history_error(error, language, fields)
    return measures, language, request


def _history_request(items: list[Any], start: Any, end: Any, measures: Measures, span_years: Any = None,
                     span_end: Any = None, months: dict[str, int] | None = None) -> HistoryRequest:
    """The documents, the period and the span of the page's request; its empty rows left out, an error naming its
    row."""
    rows = [index for index, item in enumerate(items) if not is_blank(item)]
    try:
        return read_request([items[index] for index in rows], start, end, measures, span_years, span_end, months)
    except InputError as error:
        if error.item is not None:
            error.item = rows[error.item]  # the row of the form, counting the empty ones
        raise


def _history_error(error: InputError, language: Language, fields: dict[str, Any] | None = None) -> str:
    said = {"ok": False, "code": error.code, "field": error.field, "part": error.part, "item": error.item,
            "error": error.message(language)}
    return json.dumps(said if fields is None else {**said, "fields": fields}, ensure_ascii=False)


def summary(result: History, language: Language) -> str:
    """The timeline in words, for a screen reader: the verdict, then each gap and why."""
    when = lambda day: format_date(day, language)  # noqa: E731
    sentences = [verdict(result, language)] if result.period else []
    sentences += [language.say("history", "gap_sentence", start=when(gap.start), end=when(gap.end), days=gap.days,
                               reason=gap.reason) for gap in result.gaps]
    return typeset(" ".join(sentences) or language.say("history", "no_gap"), language)


def shown_dates(result: History, language: Language) -> dict[str, str]:
    """Every date of the history as people write it, by its ISO form, for the page to show."""
    days = {day for item in result.items for day in (item.item.issued, item.item.expiry, item.valid_until)}
    spans = (*result.covered, *result.gaps, *([result.period] if result.period else []),
             *([result.span, *result.span.gaps] if result.span else []))
    days |= {day for span in spans for day in (span.start, span.end)}
    return {day.isoformat(): format_date(day, language) for day in days}


# How many years apart the labels of a long axis may be: the page shows the finest labelling whose labels fit
# side by side at its width (history.js, fitLabels) and leaves the other ticks unlabelled.
LABEL_STEPS = (1, 2, 5, 10, 20, 50, 100)
LONG_TIMELINE_DAYS = 3 * 365  # from three years on, a tick a year, labelled by its year alone


def timeline(result: History, language: Language, measures: Measures) -> dict[str, Any]:
    """Where each bar of the timeline goes, in percent of its width: for each document (named by its short name,
    its full name beside) its printed validity and its extension, then the gaps; the axis with a tick on the
    first day of each year (and of each July when the timeline is shorter than three years), each with its label;
    the labellings the page may choose from (each a list of ticks, by index, finest first); the period asked
    about, and the span chosen (the timeline reaches as far as either)."""
    asked = [span for span in (result.period, result.span) if span is not None]  # a span may start before all
    starts = [r.item.issued for r in result.items] + [span.start for span in asked]
    ends = [r.valid_until for r in result.items] + [span.end for span in asked]
    first, last = min(starts), max(ends)
    total = (last - first).days + 1

    def bar(kind: str, start: date, end: date) -> dict[str, Any]:
        return {"kind": kind, "start": start.isoformat(), "end": end.isoformat(),
                "left": round((start - first).days / total * 100, 3),
                "width": round(((end - start).days + 1) / total * 100, 3)}

    rows = []
    for item in result.items:
        bars = [bar("printed", item.item.issued, item.item.expiry)]
        if item.valid_until > item.item.expiry:
            bars.append(bar("extension", item.item.expiry + timedelta(days=1), item.valid_until))
        rows.append({"document": short_name(measures, item.item.document, language), "name": item.answer.document_name,
                     "bars": bars})
    long = total >= LONG_TIMELINE_DAYS
    days = ticks(first, last, long)

    def label(day: date) -> str:
        return str(day.year) if long else f"{language.months[day.month - 1]} {day.year}"

    return {
        "rows": rows,
        "gaps": [bar("gap", gap.start, gap.end) for gap in result.gaps],
        "period": bar("period", result.period.start, result.period.end) if result.period else None,
        "span": bar("span", result.span.start, result.span.end) if result.span else None,
        "ticks": [{"left": bar("tick", day, day)["left"], "label": label(day)} for day in days],
        "labellings": labellings(days),
    }


def ticks(first: date, last: date, long: bool) -> list[date]:
    """The axis's ticks from `first` to `last`: the first day of each year, and of each July unless the axis is
    long. Only years up to `last`'s are looked at, so that no date past 9999 is ever made."""
    months = (1,) if long else (1, 7)
    return [day for day in (date(year, month, 1) for year in range(first.year, last.year + 1) for month in months)
            if first <= day <= last]


def labellings(days: list[date]) -> list[list[int]]:
    """The sets of ticks that may carry a label, finest first: every tick, then the first days of every year, of
    every second year, every fifth, …; each set once."""
    every = [list(range(len(days)))]
    for step in LABEL_STEPS:
        chosen = [index for index, day in enumerate(days) if day.month == 1 and day.year % step == 0]
        if chosen and chosen != every[-1]:
            every.append(chosen)
    return every


def short_name(measures: Measures, document: str, language: Language) -> str:
    """The document type's short name, for lists, tables and the timeline's lanes."""
    return typeset(measures.document(document).short_name.in_(language), language)
