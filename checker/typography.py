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

# The letters of each writing system a catalogue may name (`locale.script`, ISO 15924), as regex ranges.
LETTERS = {
    "Latn": "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f",
    "Arab": "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff",
}
# The direction each of those scripts is written in (Unicode's bidirectional class of its letters).
SCRIPT_DIRECTION = {"Latn": "ltr", "Arab": "rtl"}
# Unicode's directional isolates (UAX #9): a run between an initiator and PDI is laid out on its own, in its own
# direction, and counts as one neutral sign in the sentence around it, so that its brackets, commas and digits
# stay where each language put them.
ISOLATE = {"ltr": "\u2066", "rtl": "\u2067"}  # LRI, RLI
POP_ISOLATE = "\u2069"  # PDI
ISOLATED = re.compile("[\u2066-\u2068]([^\u2066-\u2069]*)\u2069")
# What is not prose and must come out as it went in: an isolate already made, an HTML tag, a Markdown link's
# address, a {placeholder} another step fills in. An address or e-mail written in the text is isolated whole.
_AS_IS = "[\u2066-\u2068][^\u2069]*\u2069|<[^<>]*>|\\]\\([^()\\s]*\\)|\\{[\\w:.-]*\\}"
_ADDRESS = (r"(?:https?://|mailto:|www\.)[^\s<>()\]]*[^\s<>()\].,;:!?]"  # a web address
            r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # an e-mail
            r"|(?<![\w@])@[A-Za-z0-9_]+")  # a social network's handle


# The typewriter apostrophe after a letter (« l'ordonnance », "the prefecture's") is set as the typographic one
# (U+2019), in every language: none writes the typewriter one. What is left as it is (a tag, a link's address,
# a placeholder) and addresses keep theirs.
APOSTROPHE = "\u2019"
_LETTER_APOSTROPHE = r"(?<=[^\W\d_])'"  # a typewriter apostrophe after a letter
_APOSTROPHE = re.compile(f"({_AS_IS})|({_ADDRESS})|{_LETTER_APOSTROPHE}")


# Where _APOSTROPHE's first two groups could start: without any of these, a text is prose throughout, and the
# plain search (much cheaper on a long answer) curls the same apostrophes.
_MAY_KEEP = re.compile(r"[@<{\u2066-\u2068]|\]\(|https?://|www\.|mailto:")
_AFTER_A_LETTER = re.compile(_LETTER_APOSTROPHE)


def curl_apostrophes(text: str) -> str:
    if "'" not in text:
        return text
    if not _MAY_KEEP.search(text):
        return _AFTER_A_LETTER.sub(APOSTROPHE, text)
    return _APOSTROPHE.sub(lambda m: m.group(1) or m.group(2) or APOSTROPHE, text)


def script_run(script: str) -> str:
    """A run of `script` as a regular expression: from a letter to a letter or digit, with the digits, spaces and
    signs of a name or a citation between them ("titre de séjour", "n° 2020-460 du 22 avril 2020",
    "art. 15, I"), and the brackets of its own ("Titre de séjour (carte de résident)"). The brackets around it
    and the punctuation that ends it stay outside: they belong to the sentence around it; but a number that
    starts it ("2 avenue …") and a Latin question mark that ends it (a French title: Arabic asks with ؟) are its
    own. An HTML entity counts as a sign (language_marks reads pages as HTML)."""
    letters = LETTERS[script]
    sign = rf"[{letters}0-9'\u2019.,\u00b0/@\-\u00a0 ]|&#?\w+;"
    own_brackets = rf"\((?:{sign})*[{letters}0-9]\)"
    # Never from inside a word or a character reference (the "lt" of "&lt;" is not a French word).
    return (rf"(?<![&#{letters}0-9])(?:[0-9]+(?:[ \u00a0]|&nbsp;))?[{letters}]"
            rf"(?:(?:{sign}|{own_brackets})*(?:[{letters}0-9]|{own_brackets}))?"
            rf"(?:(?:[ \u00a0]|&nbsp;)?\?)?")


@lru_cache(maxsize=None)
def _marks(space_before: str, space_after: str) -> tuple[re.Pattern | None, re.Pattern | None]:
    before = re.compile(f"{_SPACE}+([{re.escape(space_before)}])") if space_before else None
    after = re.compile(f"([{re.escape(space_after)}]){_SPACE}*") if space_after else None
    return before, after


@lru_cache(maxsize=None)
def _runs(script: str) -> re.Pattern:
    """Text left as it is (group 1), an address (group 2) or a run of `script` (group 3)."""
    return re.compile(f"({_AS_IS})|({_ADDRESS})|({script_run(script)})")


def isolate(text: str, language) -> str:
    """In a language written in another script than the first language's (Arabic beside French), each run of
    the first language's script (the French names kept beside the translation), and each address, set between
    the directional isolates of that language's direction; the catalogues' `script` and `direction` decide.
    Nothing changes in the first language, or in a language written in its script."""
    original = language.original
    if original is None or original.script == language.script:
        return text
    opening = ISOLATE[original.direction]

    def isolated(match: re.Match) -> str:
        if match.group(1):
            return match.group(1)
        return opening + match.group(0) + POP_ISOLATE

    return _runs(original.script).sub(isolated, text)


def isolate_value(value: str, language) -> str:
    """A value the content writes once for every language, in the first language's notation (an article number,
    "15, I"; a phone number), isolated whole in that language's direction, in a language whose script is not the
    first language's; as it is elsewhere."""
    original = language.original
    if original is None or original.script == language.script or not value:
        return value
    return ISOLATE[original.direction] + value + POP_ISOLATE


def typeset(text: str, language) -> str:
    """The text with the spaces its language's typography asks for (`language`: a checker.language.Language),
    typographic apostrophes (`curl_apostrophes`), and the runs of another direction isolated (`isolate`).

    A mark listed in the locale's `space_before` (French: « : ; ! ? » ») gets a no-break space for the space
    written before it, so it never starts a line; a colon written with no space before it is part of an
    address (https://) or a time, not punctuation. A mark in `space_after` (French « « ») gets one after it."""
    text = curl_apostrophes(text)
    text = _NUMBER_SIGN.sub(lambda m: (m.group(1) or m.group(2)) + NBSP, text)
    text = _AMOUNT.sub(r"\1" + NBSP + "€", text)
    before, after = _marks(language.space_before, language.space_after)
    if before is not None:
        text = before.sub(NBSP + r"\1", text)
    if after is not None:
        text = after.sub(r"\1" + NBSP, text)
    return isolate(text, language)
