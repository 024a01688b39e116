"""Hostile and odd values for the calculator's three inputs, and the request that carries each into one field."""
from __future__ import annotations

from dataclasses import dataclass

from checker.inputs import MAX_LENGTH

FIELDS = ("document", "expiry", "on")
# Good values in the other fields, so that the checker judges the payload itself.
GOOD_REQUEST = {"document": "titre-de-sejour", "expiry": "2020-03-16", "on": ""}


@dataclass(frozen=True)
class Payload:
    name: str
    value: str

    def request(self, field: str) -> dict[str, str]:
        return {**GOOD_REQUEST, field: self.value}

    def refusal(self, field: str) -> str:
        """The code the checker must refuse it with in `field`."""
        if len(self.value) > MAX_LENGTH:
            return "too-long"
        return "unknown-document" if field == "document" else "not-a-date"


PAYLOADS = [
    Payload("script element", "<script>alert(1)</script>"),
    Payload("attribute break-out with an image", '"><img src=x onerror=alert(1)>'),
    Payload("javascript: URL", "javascript:alert(1)"),
    Payload("overlong (10,000 characters)", "2020-03-16" * 1_000),
    # Shown right to left, it reads as a date.
    Payload("right-to-left override U+202E", "\u202e61-30-0202"),
    Payload("zero-width joiner", "2020-03-\u200d16"),
    Payload("combining marks", "2020\u0301-03\u0327-16"),
    Payload("emoji", "\U0001f4c5 2020-03-16 \U0001f468\u200d\U0001f469\u200d\U0001f467"),
    # In a URL, escaped as %00.
    Payload("NUL", "2020-03-16\x00"),
]
