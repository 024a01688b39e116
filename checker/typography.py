"""How text is set in each language: French puts a non-breaking space before high punctuation."""
from __future__ import annotations

import re


def french_spacing(text: str) -> str:
    """French typography: a non-breaking space before : ; ? ! and inside « », so they never start a line."""
    text = re.sub(r"\s+([:;?!»])", "\u00a0\\1", text)
    return re.sub(r"«\s+", "«\u00a0", text)


def typeset(text: str, lang: str) -> str:
    return french_spacing(text) if lang == "fr" else text
