"""How text is set: the one function every output (pages, footer, PDF, checker answers) passes its text through."""
from __future__ import annotations

import re
from functools import lru_cache

NBSP = "\u00a0"
_SPACE = "[ \t\n\u00a0]"

# In every language: a number stays with the sign before it ("n° 2020-328", "no. 2020-328", "art. 15") and
# an amount with its euro sign ("50 €").
_NUMBER_SIGN = re.compile(r"\b(n°|no\.|art\.)[ \u00a0]+(?=\d)|(?<![\w.])(N°)[ \u00a0]+(?=\d)")
_AMOUNT = re.compile(r"(\d) +€")


@lru_cache(maxsize=None)
def _marks(space_before: str, space_after: str) -> tuple[re.Pattern | None, re.Pattern | None]:
    before = re.compile(f"{_SPACE}+([{re.escape(space_before)}])") if space_before else None
    after = re.compile(f"([{re.escape(space_after)}]){_SPACE}*") if space_after else None
    return before, after


def typeset(text: str, language) -> str:
    """The text with the spaces its language's typography asks for (`language`: a checker.language.Language).

    A mark listed in the locale's `space_before` (French: « : ; ! ? » ») gets a no-break space for the space
    written before it, so it never starts a line; a colon written with no space before it is part of an
    address (https://) or a time, not punctuation. A mark in `space_after` (French « « ») gets one after it."""
    text = _NUMBER_SIGN.sub(lambda m: (m.group(1) or m.group(2)) + NBSP, text)
    text = _AMOUNT.sub(r"\1" + NBSP + "€", text)
    before, after = _marks(language.space_before, language.space_after)
    if before is not None:
        text = before.sub(NBSP + r"\1", text)
    if after is not None:
        text = after.sub(r"\1" + NBSP, text)
    return text
