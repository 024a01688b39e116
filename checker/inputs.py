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

# What an Arabic keyboard types (Arabic-Indic digits, U+0660-0669) and a Persian or Urdu one (U+06F0-06F9), read
# as 0-9 wherever a date is read; other digits (full-width, Devanagari) stay "not a date".
_EASTERN_DIGITS = str.maketrans({**{0x0660 + n: str(n) for n in range(10)}, **{0x06F0 + n: str(n) for n in range(10)}})

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Day first, always, as French documents print dates; a year of two digits is caught to be named.
_NUMERIC_DATE = re.compile(r"(?P<day>[0-9]{1,2})(?P<sep>[/.\-])(?P<month>[0-9]{1,2})(?P=sep)(?P<year>[0-9]{2}|[0-9]{4})")
# A month's name may be two words (كانون الثاني, "the second Kanun").
_WORDED_DATE = re.compile(r"(?P<day>[0-9]{1,2})(?:er|st|nd|rd|th)?\.?\s+(?P<month>[^\W\d_]+(?:\s+[^\W\d_]+)*?)\.?\s+"
                          r"(?P<year>[0-9]{2}|[0-9]{4})")


class InputError(ValueError):
    """A value the checker cannot use; `code` is for programs, `message(lang)` for people."""

    def __init__(self, code: str, field: str, value: str | None = None, choices: tuple[str, ...] = (),
                 limit: int | None = None, part: str | None = None) -> None:
        self.code = code
        self.field = field
        self.part = part  # for a date given in parts: "day", "month" or "year", the one that is wrong
        self.value = value
        self.choices = choices
        self.limit = MAX_LENGTH if limit is None else limit
        self.item: int | None = None  # in a residence history, the index of the document it is about
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
            limit=self.limit,
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
    document_id = read_document(document, measures)
    months = month_names(measures)
    expiry_date = read_date(expiry, "expiry", months)
    if expiry_date is None:
        raise InputError("missing", "expiry")
    issued_date = read_date(issued, "issued", months)
    if issued_date is not None and issued_date > expiry_date:
        raise InputError("issued-after-expiry", "issued", as_typed(issued))
    return Request(document_id, expiry_date, read_date(on, "on", months), issued_date)


def read_document(document: Any, measures: Measures) -> str:
    """A known document type's id, whatever its case; InputError when missing or unknown."""
    document_id = _text(document, "document")
    if document_id is None:
        raise InputError("missing", "document")
    document_id = document_id.lower()
    choices = measures.document_ids()
    if document_id not in choices:
        raise InputError("unknown-document", "document", document_id, choices)
    return document_id


def _text(value: Any, field: str, part: str | None = None) -> str | None:
    """The trimmed text, or None when nothing was given (`part`: which of a date's fields it is)."""
    if value is None:
        return None
    value = str(value)
    if len(value) > MAX_LENGTH:
        raise InputError("too-long", field, part=part)
    return value.strip() or None


DATE_PARTS = ("day", "month", "year")


def read_date(value: Any, field: str, months: dict[str, int]) -> date | None:
    """A date as printed on a French document, day first (16/05/2020, 16.05.2020, 16-05-2020), written out in a
    configured language (16 mai 2020, 1er mai 2020, 16 May 2020), as a URL carries it (2020-05-16), or as a form's
    day, month and year fields give it ({"day": "16", "month": "5", "year": "2020"})."""
    if isinstance(value, dict):
        return _read_date_parts(value, field, months)
    typed = _text(value, field)
    if typed is None:
        return None
    split = _split_date(typed, months)
    if split is None:
        raise InputError("not-a-date", field, typed)
    day, month, year = split
    if len(year) != 4:
        raise InputError("two-digit-year", field, typed)
    try:
        return date(int(year), month, day)
    except ValueError:
        raise InputError("impossible-date", field, typed) from None


def _split_date(typed: str, months: dict[str, int]) -> tuple[int, int, str] | None:
    """The day, month and year a date written in one text gives, possible or not; None if it is not one."""
    text = typed.translate(_EASTERN_DIGITS)
    if _ISO_DATE.fullmatch(text):
        return int(text[8:10]), int(text[5:7]), text[:4]
    if found := _NUMERIC_DATE.fullmatch(text):
        return int(found["day"]), int(found["month"]), found["year"]
    if (found := _WORDED_DATE.fullmatch(text)) and _month_key(found["month"]) in months:
        return int(found["day"]), months[_month_key(found["month"])], found["year"]
    return None


def date_fields(value: Any, months: dict[str, int]) -> dict[str, str] | None:
    """A date given in one text (a link's 2020-05-16, 16/05/2020, 16 mai 2020) as the form's three fields show it
    ({"day": "16", "month": "5", "year": "2020"}), even an impossible one, so that the person sees what to
    correct; None when it is not a date or was given in parts already."""
    if not isinstance(value, str) or len(value) > MAX_LENGTH:
        return None
    split = _split_date(value.strip(), months)
    return None if split is None else dict(zip(DATE_PARTS, (str(split[0]), str(split[1]), split[2])))


def as_typed(value: Any) -> str:
    """A value as the person typed it, to quote back: a date in parts as day/month/year."""
    if isinstance(value, dict):
        return "/".join(str(value.get(part) or "").strip() for part in DATE_PARTS)
    return str(value).strip()


def is_blank(value: Any) -> bool:
    """Nothing typed: an empty text, or a mapping (a date's parts, a history row) with nothing in any field."""
    if isinstance(value, dict):
        return all(is_blank(inner) for inner in value.values())
    return value is None or not str(value).strip(", ")


def _read_date_parts(value: dict, field: str, months: dict[str, int]) -> date | None:
    """A date from its three fields; an error names the field that is wrong (`part`), the first one if several."""
    parts = {part: _text(value.get(part), field, part) for part in DATE_PARTS}
    if not any(parts.values()):
        return None
    shown = "/".join(parts[part] or "" for part in DATE_PARTS)  # as typed, to quote back
    day, month, year = (parts[part] and parts[part].translate(_EASTERN_DIGITS) for part in DATE_PARTS)
    missing = [part for part in DATE_PARTS if parts[part] is None]
    if missing:
        raise InputError("incomplete-date", field, shown, part=missing[0])
    if not re.fullmatch(r"[0-9]{1,2}", day):
        raise InputError("not-a-date", field, shown, part="day")
    month_number = int(month) if re.fullmatch(r"[0-9]{1,2}", month) else months.get(_month_key(month.rstrip(".")))
    if month_number is None:
        raise InputError("not-a-date", field, shown, part="month")
    if re.fullmatch(r"[0-9]{2}", year):
        raise InputError("two-digit-year", field, shown, part="year")
    if not re.fullmatch(r"[0-9]{4}", year):
        raise InputError("not-a-date", field, shown, part="year")
    if not 1 <= month_number <= 12:
        raise InputError("impossible-date", field, shown, part="month")
    try:
        return date(int(year), month_number, int(day))
    except ValueError:
        raise InputError("impossible-date", field, shown, part="day") from None


def month_names(measures: Measures) -> dict[str, int]:
    """Every configured language's month names (folded), and the other names its catalogue says its readers write
    (`locale.month_variants`), each to its number."""
    names = {}
    for language in measures.languages:
        for number, name in enumerate(language.months, start=1):
            names[_month_key(name)] = number
        for number, variants in enumerate(language.month_variants, start=1):
            for name in variants:
                names.setdefault(_month_key(name), number)
    return names


def _month_key(name: str) -> str:
    """A month's name as it is looked up: folded, its words one space apart."""
    return " ".join(name.casefold().split())
