"""How text is set: the one function every output (pages, footer, PDF, checker answers) passes its text through."""
from __future__ import annotations

import re

NBSP = "\u00a0"

# In every language: a number stays with the sign before it ("n° 2020-328", "no. 2020-328", "art. 15") and
# an amount with its euro sign ("50 €").
_NUMBER_SIGN = re.compile(r"\b(n°|no\.|art\.)[ \u00a0]+(?=\d)|(?<![\w.])(N°)[ \u00a0]+(?=\d)")
_AMOUNT = re.compile(r"(\d) +€")


def french_spacing(text: str) -> str:
    """French typography: a non-breaking space before : ; ? ! and inside « », so they never start a line.

    Only a space already there is made non-breaking: a colon with no space before it is part of an address
    (https://) or a time, not punctuation."""
    text = re.sub(r"[ \t\n\u00a0]+([:;?!»])", NBSP + r"\1", text)
    text = re.sub(r"«[ \t\n\u00a0]*", "«" + NBSP, text)
    return re.sub(r"(?<=[^\s\u00a0])»", NBSP + "»", text)


def typeset(text: str, lang: str) -> str:
    """The text with the spaces its language's typography asks for."""
    text = _NUMBER_SIGN.sub(lambda m: (m.group(1) or m.group(2)) + NBSP, text)
    text = _AMOUNT.sub(r"\1" + NBSP + "€", text)
    return french_spacing(text) if lang == "fr" else text
