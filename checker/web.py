"""The one call the web page makes (through Pyodide): form values in, the answer or the input error out, as JSON."""
from __future__ import annotations

import json
from datetime import date
from typing import Any

from .data import load_measures
from .engine import answer_to_dict, check, format_date
from .inputs import InputError, Request, parse_request
from .rules import Measures

SUMMARY_LANGUAGES = ("fr", "en")


def answer_json(document: Any, expiry: Any, on: Any = None, lang: str = "fr", issued: Any = None) -> str:
    """{"ok": true, "answer": {...}, "dates": {...}, "summary": {...}} or {"ok": false, "code", "field", "error"}.

    `answer` is exactly answer_to_dict(check(...)), so the page and the command line cannot differ;
    `dates` holds the answer's dates as people write them in `lang`, for the page to show as they are;
    `summary` is the printable bilingual summary, in French and in English."""
    lang = lang if lang in ("fr", "en") else "fr"
    measures = load_measures()
    try:
        request = parse_request(document, expiry, on, measures, issued=issued)
    except InputError as error:
        return json.dumps(
            {"ok": False, "code": error.code, "field": error.field, "error": error.message(lang)},
            ensure_ascii=False,
        )
    answer = check(measures, *request, lang=lang)
    shown = {"expiry": answer.expiry, "on": answer.on, "issued": answer.issued, "valid_until": answer.valid_until}
    return json.dumps(
        {
            "ok": True,
            "answer": answer_to_dict(answer),
            "dates": {key: format_date(day, lang) for key, day in shown.items() if day is not None},
            "summary": {code: _summary(measures, request, code) for code in SUMMARY_LANGUAGES},
        },
        ensure_ascii=False,
    )


def _summary(measures: Measures, request: Request, lang: str) -> dict[str, Any]:
    """The points of the one-page summary an officer reads, in one language."""
    answer = check(measures, *request, lang=lang)
    paragraphs = answer.explanation.split("\n\n")
    return {
        "document_name": answer.document_name,
        "expiry": format_date(answer.expiry, lang),
        "issued": format_date(answer.issued, lang) if answer.issued else None,
        "valid_on": answer.valid_on_text,
        "valid_until": format_date(answer.valid_until, lang) if answer.valid_until else None,
        # Why no extension: the paragraph after the printed date names the exclusion or the nearest window.
        "reason": None if answer.covered else paragraphs[1],
        "legal_basis": list(answer.legal_basis),
        "counting": measures.counting.convention.in_(lang),
        "computed_on": format_date(date.today(), lang),  # the visitor's own clock: the page runs on their device
    }
