"""The one call the web page makes (through Pyodide): form values in, the answer or the input error out, as JSON."""
from __future__ import annotations

import json
from datetime import date
from typing import Any

from .data import load_measures
from .engine import answer_to_dict, check, format_date
from .inputs import InputError, Request, parse_request
from .language import Language
from .rules import Measures

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
    `summary` is the printable bilingual summary, in French and in English."""
    measures = load_measures()
    language = measures.language(lang or None)  # an unknown language is an error, as everywhere
    try:
        request = parse_request(document, expiry, on, measures, issued=issued)
    except InputError as error:
        return json.dumps(
            {"ok": False, "code": error.code, "field": error.field, "error": error.message(language)},
            ensure_ascii=False,
        )
    answer = check(measures, *request, lang=language.code)
    shown = {"expiry": answer.expiry, "on": answer.on, "issued": answer.issued, "valid_until": answer.valid_until}
    return json.dumps(
        {
            "ok": True,
            "answer": answer_to_dict(answer),
            "dates": {key: format_date(day, language) for key, day in shown.items() if day is not None},
            "summary": {code: _summary(measures, request, measures.language(code))
                        for code in summary_languages(measures, language.code)},
        },
        ensure_ascii=False,
    )


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
        "legal_basis": list(answer.legal_basis),
        "counting": measures.counting.convention.in_(language),
        "computed_on": format_date(date.today(), language),  # the visitor's own clock: the page runs on their device
    }
