"""A residence history kept on the person's device: the documents, the period and the span they entered, as a
small JSON file (its format is described in ARCHITECTURE.md, "The saved history file"). Pure functions: text in, text out."""
from __future__ import annotations

import json
from typing import Any

from .history import HistoryRequest
from .inputs import InputError

FORMAT = "sejour-residence-history"  # the file's "format": what it is, whoever opens it
VERSION = 1  # the format's version; a new version is written only when a reader of this one would misread it
READABLE_VERSIONS = (1,)
MAX_FILE_CHARACTERS = 20_000  # 40 documents take about 4,000; anything far longer is not a saved history


def saved_text(request: HistoryRequest) -> str:
    """The file's text: the same request gives the same bytes (no date of saving, keys in a fixed order)."""
    span = None
    if request.span_years is not None:
        span = {"years": request.span_years, "end": request.span_end.isoformat() if request.span_end else None}
    data = {
        "format": FORMAT,
        "version": VERSION,
        "items": [{"document": item.document, "issued": item.issued.isoformat(), "expiry": item.expiry.isoformat()}
                  for item in request.items],
        "period": {"from": request.start.isoformat(), "to": request.end.isoformat()} if request.start else None,
        "span": span,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def read_saved(text: str, name: str = "") -> dict[str, Any]:
    """What a saved file asks, as the raw values read_request reads ({"items", "from", "to", "span_years",
    "span_end"}); InputError ("file-not-history", "file-version") when it is not a history this code reads. Each
    value is checked afterwards by read_request, as if it had been typed."""
    shown = name or None
    if len(text) > MAX_FILE_CHARACTERS:
        raise InputError("file-not-history", "file", shown)
    try:
        data = json.loads(text)
    except ValueError:
        raise InputError("file-not-history", "file", shown) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError("file-not-history", "file", shown)
    if data.get("version") not in READABLE_VERSIONS or isinstance(data.get("version"), bool):
        raise InputError("file-version", "file", shown, choices=tuple(str(v) for v in READABLE_VERSIONS))
    items = data.get("items")
    period, span = ({} if data.get(key) is None else data.get(key) for key in ("period", "span"))
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items) \
            or not isinstance(period, dict) or not isinstance(span, dict):
        raise InputError("file-not-history", "file", shown)
    return {"items": [{key: _text(item.get(key)) for key in ("document", "issued", "expiry")} for item in items],
            "from": _text(period.get("from")), "to": _text(period.get("to")),
            "span_years": _text(span.get("years")), "span_end": _text(span.get("end"))}


def _text(value: Any) -> str | None:
    """A value as typed text (a number of years may be stored as a number); None stays None."""
    if value is None:
        return None
    if isinstance(value, (dict, list, bool)):
        return "\ufffd"  # not a value any field takes: read_request names the field
    return str(value)
