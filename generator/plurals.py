"""Each language's plural rule for counts, from CLDR's data through Babel, written for the checker: a C-style
expression of `n` that the standard library's gettext evaluates, and the categories its results stand for.

The checker counts whole days, months, years, documents: the rule is written for whole numbers (CLDR's operands i = n,
no visible fraction digits, no compact exponent), and checked here against Babel's own answer for each number up to
COUNTS_CHECKED and for a few large ones, so a rule the checker would read differently never ships."""
from __future__ import annotations

import gettext
import re
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.plural import to_gettext

# CLDR's plural categories, in its own order; a gettext expression numbers a language's categories in this order.
CATEGORIES = ("zero", "one", "two", "few", "many", "other")

# Counts the site shows: days over twenty years, documents, months, years, procedures.
COUNTS_CHECKED = 10_000
LARGE_COUNTS = (100_000, 1_000_000, 2_000_000, 10_000_000)

# CLDR's operands other than n, for a whole number written without fraction digits or exponent.
WHOLE_NUMBER_OPERANDS = {"i": "n", "v": "0", "w": "0", "f": "0", "t": "0", "e": "0", "c": "0"}
OPERAND = re.compile(r"\b[a-z]\b")


class NoPluralRule(ValueError):
    """CLDR has no plural rule for this language code."""


@cache
def plural_rule(code: str) -> dict:
    """{"expression": "...", "categories": [...]} for `code` (a language code as mkdocs.yml lists it): the
    category of a count n is categories[expression(n)]."""
    try:
        rule = Locale.parse(code).plural_form
    except (UnknownLocaleError, ValueError) as exc:
        raise NoPluralRule(f"CLDR has no plural rule for the language code {code!r}") from exc
    written = to_gettext(rule)  # "nplurals=2; plural=(EXPRESSION);"
    expression = written.split("plural=", 1)[1].rstrip().rstrip(";")
    expression = OPERAND.sub(lambda m: WHOLE_NUMBER_OPERANDS.get(m.group(0), m.group(0)), expression)
    categories = [name for name in CATEGORIES if name in rule.tags or name == "other"]
    evaluate = gettext.c2py(expression)
    for n in (*range(COUNTS_CHECKED + 1), *LARGE_COUNTS):
        if categories[evaluate(n)] != rule(n):
            raise AssertionError(f"{code}: the rule written for the checker gives {categories[evaluate(n)]!r} "
                                 f"for {n}, CLDR {rule(n)!r}")
    return {"expression": expression, "categories": categories}


@cache
def categories_counts_take(code: str) -> tuple[str, ...]:
    """The categories the site's counts (0 to COUNTS_CHECKED) fall in: the forms a catalogue must write. A form
    for a category only larger numbers take (French « many »: a million) may be written; `other` stands in for
    it otherwise."""
    rule = plural_rule(code)
    evaluate = gettext.c2py(rule["expression"])
    taken = {rule["categories"][evaluate(n)] for n in range(COUNTS_CHECKED + 1)}
    return tuple(name for name in rule["categories"] if name in taken)
