"""Reads what a person typed (web form or command line) into a document id and dates, or says plainly what is wrong."""
from __future__ import annotations

import re
from datetime import date
from typing import Any, NamedTuple

from .language import Language
from .rules import Measures
from .typography import typeset

# Ids and ISO dates are short; anything longer is a paste mistake or an attack, never a value.
MAX_LENGTH = 40

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class InputError(ValueError):
    """A value the checker cannot use; `code` is for programs, `message(lang)` for people."""

    def __init__(self, code: str, field: str, value: str | None = None, choices: tuple[str, ...] = ()) -> None:
        self.code = code
        self.field = field
        self.value = value
        self.choices = choices
        super().__init__(f"{code} ({field})")

    def message(self, language: Language) -> str:
        """The message in this language, the value quoted back when it is safe to."""
        shown = " " + language.quote.format(value=self.value) if _safe_to_quote(self.value) else ""
        return typeset(language.say(
            "input_errors", self.code,
            field=language.say("fields", self.field),
            Field=language.say("field_subjects", self.field),
            shown=shown,
            choices=", ".join(self.choices),
            limit=MAX_LENGTH,
        ), language)


def _safe_to_quote(value: str | None) -> bool:
    # Quote a value back only when it cannot carry markup or control characters.
    return bool(value) and all(ch.isalnum() or ch in " ._/:-" for ch in value)


class Request(NamedTuple):
    """A question the checker can answer: which document, its printed dates, and the day asked about."""

    document: str
    expiry: date
    on: date | None = None
    issued: date | None = None


def parse_request(document: Any, expiry: Any, on: Any, measures: Measures, issued: Any = None) -> Request:
    """The document id, the printed expiry date, the optional check date and issue date; InputError on the
    first bad one."""
    document_id = _text(document, "document")
    if document_id is None:
        raise InputError("missing", "document")
    document_id = document_id.lower()
    choices = measures.document_ids()
    if document_id not in choices:
        raise InputError("unknown-document", "document", document_id, choices)

    expiry_date = _date(expiry, "expiry")
    if expiry_date is None:
        raise InputError("missing", "expiry")
    issued_date = _date(issued, "issued")
    if issued_date is not None and issued_date > expiry_date:
        raise InputError("issued-after-expiry", "issued", issued_date.isoformat())
    return Request(document_id, expiry_date, _date(on, "on"), issued_date)


def _text(value: Any, field: str) -> str | None:
    """The trimmed text, or None when nothing was given."""
    if value is None:
        return None
    value = str(value)
    if len(value) > MAX_LENGTH:
        raise InputError("too-long", field)
    return value.strip() or None


def _date(value: Any, field: str) -> date | None:
    text = _text(value, field)
    if text is None:
        return None
    # date.fromisoformat accepts more forms since 3.11 (20200316, week dates): insist on YYYY-MM-DD.
    if not _ISO_DATE.fullmatch(text):
        raise InputError("not-a-date", field, text)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError("impossible-date", field, text) from None
