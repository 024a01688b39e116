"""The calculator's questions, asked inside Pyodide at build time: compile.mjs traces the standard-library modules
they import (exercise), profile.mjs the wasm functions they run and check.mjs compares the cut runtime's answers
with the stock one's (both ask `requests` through checker.web.respond from JavaScript, as the page's worker does).
Imports only what the page's Python imports anyway."""
from __future__ import annotations

import json
import sys
from datetime import date, timedelta


def requests(checker_dir: str) -> list[dict]:
    """What the page may ask checker.web.respond, in the shapes its scripts send: every document at every window
    boundary with the check dates around each new end of validity (the browser tests' requests, tests/browser/
    widget.py, and more), each date as the form's three fields and as a permalink's text, in every language; the
    input errors; residence histories (rows of fields, and a permalink's lines) with their printable summaries;
    and a request that raises."""
    if checker_dir not in sys.path:
        sys.path.insert(0, checker_dir)
    from checker.data import load_measures

    measures = load_measures()
    days = {date(2019, 12, 31), date(2021, 1, 1)}
    for rule in measures.rules:
        window = rule.expiry_window
        days |= {window.start - timedelta(days=1), window.start, window.end, window.end + timedelta(days=1)}
    offsets = {0, 1, 200} | {rule.extension_days + extra for rule in measures.rules for extra in (0, 1)}
    first = measures.document_ids()[0]
    # calculator.js: the form's dates as their fields ({"day", "month", "year"}, or "" when all are empty), a
    # permalink's as written in the address.
    questions = [{"document": document, "expiry": _fields(day), "issued": "",
                  "on": _fields(day + timedelta(days=n)) if n is not None else ""}
                 for document in measures.document_ids() for day in sorted(days) for n in (None, *sorted(offsets))]
    questions += [{"document": first, "expiry": day.isoformat(), "on": on} for day in sorted(days)
                  for on in ("", (day + timedelta(days=200)).isoformat())]
    questions += [{"document": document, "expiry": expiry, "on": on, "issued": issued} for document, expiry, on, issued in (
        ("", "", "", ""), ("unknown", "2020-03-16", "", ""), (first, "2020-02-30", "", ""), (first, "16/03/2020", "", ""),
        (first, "<b>", "", ""), (first, "2020-03-16", "not a date", ""), (first, "9999-12-31", "0001-01-01", ""),
        (first, "16 mars 2020", "", ""), (first, "\u0661\u0666/\u0660\u0663/\u0662\u0660\u0662\u0660", "", ""),
        (first, "0000-01-01", "", ""), (first, "2020-03-16", "2020-03-15", "2019-03-16"),
        (first, {"day": "16", "month": "", "year": "2020"}, "", ""), (first, {"day": "x", "month": "3", "year": "20"}, "", ""),
        (first, {"day": "\u0661\u0666", "month": "3", "year": "2020"}, "", {"day": "16", "month": "3", "year": "12345"}),
        (first, {"day": "16", "month": "03", "year": "2020"}, "", {"day": "17", "month": "03", "year": "2019"}))]
    rows = [[{"document": first, "issued": _fields(date(2019, 6, 21)), "expiry": _fields(date(2020, 6, 20))},
             {"document": first, "issued": _fields(date(2020, 7, 1)), "expiry": _fields(date(2021, 6, 30))}],
            [{"document": document, "issued": _fields(date(2019, 6, 21)), "expiry": _fields(date(2020, 6, 20))}
             for document in measures.document_ids()],
            [{"document": first, "issued": "", "expiry": _fields(date(2020, 3, 16))}] * 20,
            [{"document": "", "issued": {"day": "1", "month": "", "year": ""}, "expiry": ""}],
            [f"{first},21/06/2019,20/06/2020", f"{first},2020-07-01,2021-06-30"], [f"{first},01/01/2020"],
            ["nothing,at,all"], []]
    periods = [(_fields(date(2020, 1, 1)), _fields(date(2020, 12, 31))), ("", ""), ("31/12/2020", "01/01/2020"),
               ("01/01/2020", "31/12/2020")]
    asked = []
    for lang in measures.language_codes():
        asked += [{**question, "lang": lang} for question in questions]
        asked += [{"question": question, "items": items, "from": start, "to": end, "lang": lang}
                  for items in rows for question in ("history", "history-summary") for start, end in periods]
        # The chosen span (N years ending on D): by default at the period's end, on a given day, and refused.
        asked += [{"question": question, "items": rows[0], "from": periods[0][0], "to": periods[0][1], "lang": lang,
                   "span_years": years, "span_end": end}
                  for question in ("history", "history-summary")
                  for years, end in (("5", ""), ("1", _fields(date(2020, 2, 29))), ("21", ""), ("", "31/12/2020"))]
        # What the page makes on the device: the saved file, opened again (and a file that is not one, and one with
        # a bad value), the renewal reminder.
        saved = {"question": "history-save", "items": rows[0], "from": periods[0][0], "to": periods[0][1],
                 "lang": lang, "span_years": "5", "span_end": ""}
        asked += [saved, {**saved, "question": "history-ics"}, {**saved, "question": "history-ics", "items": rows[1]}]
        from checker.web import respond

        text = json.loads(respond(json.dumps(saved)))["file"]["text"]
        asked += [{"question": "history-open", "text": opened, "name": "history.json", "lang": lang}
                  for opened in (text, text.replace("2020", "2o20"), "not a history", "{}")]
    asked.append({"question": "history", "items": "not a list", "lang": measures.language_codes()[-1]})
    asked.append({"document": first, "expiry": "2020-03-16", "lang": "xx"})  # raises: the worker reports it
    return asked


def _fields(day: date) -> dict[str, str]:
    """A date as the form's three fields send it (dom.js typedDate)."""
    return {"day": f"{day.day:02d}", "month": f"{day.month:02d}", "year": str(day.year)}


def exercise(checker_dir: str) -> int:
    """Every one of `requests`, answered; returns how many answers were made."""
    asked = requests(checker_dir)
    from checker.web import respond

    count = 0
    for request in asked:
        try:
            json.loads(respond(json.dumps(request)))
            count += 1
        except ValueError:
            pass
    return count
