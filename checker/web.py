"""The one call the web page makes (through Pyodide): form values in, the answer or the input error out, as JSON."""
from __future__ import annotations

import json
from typing import Any

from .data import load_measures
from .engine import answer_to_dict, check, format_date
from .inputs import InputError, parse_request


def answer_json(document: Any, expiry: Any, on: Any = None, lang: str = "fr") -> str:
    """{"ok": true, "answer": {...}, "dates": {...}} or {"ok": false, "code", "field", "error"}.

    `answer` is exactly answer_to_dict(check(...)), so the page and the command line cannot differ;
    `dates` holds the answer's dates as people write them in `lang`, for the page to show as they are."""
    lang = lang if lang in ("fr", "en") else "fr"
    measures = load_measures()
    try:
        document_id, expiry_date, on_date = parse_request(document, expiry, on, measures)
    except InputError as error:
        return json.dumps(
            {"ok": False, "code": error.code, "field": error.field, "error": error.message(lang)},
            ensure_ascii=False,
        )
    answer = check(measures, document_id, expiry_date, on_date, lang=lang)
    shown = {"expiry": answer.expiry, "on": answer.on, "valid_until": answer.valid_until}
    return json.dumps(
        {
            "ok": True,
            "answer": answer_to_dict(answer),
            "dates": {key: format_date(day, lang) for key, day in shown.items() if day is not None},
        },
        ensure_ascii=False,
    )
