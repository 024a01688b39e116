"""A reminder to renew the last document of a history, as an iCalendar file (RFC 5545): one all-day event over the
time limit to file a renewal today (content: `renewal_window`), with an alarm on its first day. Pure: the same
history gives the same bytes, as nothing in the file is read from the clock."""
from __future__ import annotations

import hashlib
from datetime import date, timedelta

from .engine import format_date
from .history import History, ItemResult
from .inputs import InputError
from .language import Language
from .rules import Measures
from .typography import typeset

PRODUCT = "-//sejour//residence history//EN"  # RFC 5545 PRODID: who made the file; not shown to people
LINE_OCTETS = 75  # RFC 5545, 3.1: lines longer than this are folded


def last_document(result: History) -> ItemResult:
    """The document that ends last (of two ending the same day, the one issued last)."""
    return max(result.items, key=lambda r: (r.valid_until, r.item.issued))


def renewal_days(measures: Measures, result: History) -> tuple[ItemResult, date, date]:
    """The last document, and the first and last days to file its renewal; InputError when no time limit is known
    for its type."""
    window = measures.renewal_window
    last = last_document(result)
    if window is None or last.item.document not in window.documents:
        raise InputError("no-renewal-window", "ics", last.item.document,
                         choices=window.documents if window else ())
    end = last.valid_until
    return last, end - timedelta(days=window.first_day_before), end - timedelta(days=window.last_day_before)


def renewal_calendar(measures: Measures, result: History, language: Language) -> str:
    """The .ics text. DTSTAMP, which RFC 5545 requires, is the last document's issue date at midnight UTC: a
    date of the history itself, so that saving the same history twice gives the same file. The UID is a digest of
    what the event says, so that a calendar that imports the file again replaces the event instead of adding one."""
    window = measures.renewal_window
    last, first_day, last_day = renewal_days(measures, result)
    document = measures.document(last.item.document).short_name.in_(language)
    say = lambda key, **values: typeset(language.say("ics", key, **values), language)  # noqa: E731
    description = say("description", document=document, until=format_date(last.valid_until, language),
                      first=format_date(first_day, language), last=format_date(last_day, language),
                      basis=window.legal_basis.in_(language),
                      unverified=window.unverified.in_(language) if window.unverified else "").strip()
    digest = hashlib.sha256("|".join((last.item.document, last.item.issued.isoformat(),
                                      last.valid_until.isoformat(), language.code)).encode()).hexdigest()[:24]
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODUCT}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:renewal-{digest}",
        f"DTSTAMP:{last.item.issued:%Y%m%d}T000000Z",
        f"DTSTART;VALUE=DATE:{first_day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{last_day + timedelta(days=1):%Y%m%d}",  # the day after the last: DTEND is not included
        f"SUMMARY;LANGUAGE={language.code}:{escape(say('summary', document=document))}",
        f"DESCRIPTION;LANGUAGE={language.code}:{escape(description)}",
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{escape(say('alarm', document=document))}",
        "TRIGGER:PT9H",  # 9 in the morning of the first day, the event being a whole day
        "END:VALARM",
        "END:VEVENT", "END:VCALENDAR",
    ]
    return "".join(fold(line) + "\r\n" for line in lines)


def escape(text: str) -> str:
    """A TEXT value (RFC 5545, 3.3.11): backslash, semicolon and comma escaped, a line break written \\n."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """A content line folded after at most 75 octets (RFC 5545, 3.1), never inside a character's UTF-8 bytes; each
    following part starts with a space, which the reader removes."""
    parts, current, size = [], "", 0
    for character in line:
        octets = len(character.encode("utf-8"))
        limit = LINE_OCTETS if not parts else LINE_OCTETS - 1  # the leading space counts
        if size + octets > limit:
            parts.append(current)
            current, size = "", 0
        current += character
        size += octets
    parts.append(current)
    return "\r\n ".join(parts)
