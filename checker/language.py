"""One language as the checker writes it: its sentences and its locale's rules (dates, money, typography), read
from the rules data, where each catalogue of content/i18n/ put them. No language is named in this code."""
from __future__ import annotations

import gettext
from dataclasses import dataclass, field
from functools import cache
from datetime import date
from typing import Any, Mapping


@dataclass(frozen=True)
class Texts:
    """One text in every configured language, as (code, text) pairs in the configured order."""

    by_language: tuple[tuple[str, str], ...]

    def in_(self, code) -> str:
        """The text in this language (a code, or a Language)."""
        code = getattr(code, "code", code)
        for language, text in self.by_language:
            if language == code:
                return text
        raise KeyError(f"no {code!r} text")

    def codes(self) -> tuple[str, ...]:
        return tuple(code for code, _ in self.by_language)


@dataclass(frozen=True)
class Language:
    """A catalogue's `locale` and `checker` parts."""

    code: str
    name: str  # in the language itself, for the language menu
    english_name: str  # in the editors' messages: "the French text is missing"
    direction: str  # ltr or rtl
    script: str  # ISO 15924: "Latn", "Arab"; a run of the first language's script in another is isolated
    months: tuple[str, ...]
    date_first: str  # the first day of a month: « 1er {month} {year} »
    date_other: str
    money: str  # "{amount} €", "€{amount}"
    decimal_mark: str
    space_before: str  # marks that take a no-break space before them (« : », « ; »)
    space_after: str  # marks that take a no-break space after them (« «)
    quote: str  # a quoted value: « {value} »
    colon: str  # after a label: " :" (set as « : » by typeset) or ":"
    list_separator: str  # between the items of a list written on one line: " ; " or "; "
    sentences: Mapping[str, Mapping[str, Any]] = field(compare=False)  # the catalogue's `checker` part
    # Its plural rule for counts (CLDR's, written by generator/plurals.py): categories[expression(n)].
    plural_categories: tuple[str, ...] = ("other",)
    plural_expression: str = "0"
    # The language the content is written in first (the site's first), for a translation that cites its names
    # beside its own; None for that language itself.
    original: "Language | None" = field(default=None, compare=False)

    def say(self, part: str, key: str, **values: Any) -> str:
        """One sentence of the catalogue, its {fields} filled in; a sentence written in plural forms takes the
        form of the count its `plural` field names."""
        text = self.counted(self.sentences[part][key], values)
        return text.format(**values) if values else text

    def counted(self, text: str | Mapping[str, str], values: Mapping[str, Any]) -> str:
        """`text` itself, or, for plural forms ({plural: days, one: …, other: …}), the form of values[days]."""
        if isinstance(text, str):
            return text
        return text.get(self.plural_category(values[text["plural"]])) or text["other"]

    def plural_category(self, count: int) -> str:
        """CLDR's category of a whole number in this language: "one", "few", "other"…"""
        return self.plural_categories[_compiled(self.plural_expression)(abs(int(count)))]

    def write_date(self, day: date) -> str:
        """A date as people write it: « 1er mars 2020 », "12 September 2020"."""
        form = self.date_first if day.day == 1 else self.date_other
        return form.format(day=day.day, month=self.months[day.month - 1], year=day.year)

    def amount(self, value: float) -> str:
        return self.money.format(amount=f"{value:g}".replace(".", self.decimal_mark))


def build_language(raw: Mapping[str, Any], original: Language | None = None) -> Language:
    """A language from its entry in the rules data: {code, locale, checker}; `original`: the first language,
    when this one is a translation."""
    locale = raw["locale"]
    return Language(
        code=raw["code"],
        name=locale["name"],
        english_name=locale["english_name"],
        direction=locale["direction"],
        script=locale["script"],
        months=tuple(locale["months"]),
        date_first=locale["date"]["first"],
        date_other=locale["date"]["other"],
        money=locale["money"],
        decimal_mark=locale["decimal_mark"],
        space_before=locale.get("space_before") or "",
        space_after=locale.get("space_after") or "",
        quote=locale["quote"],
        colon=locale["colon"],
        list_separator=locale["list_separator"],
        sentences=raw["checker"],
        plural_categories=tuple(raw["plural"]["categories"]),
        plural_expression=raw["plural"]["expression"],
        original=original,
    )


@cache
def _compiled(expression: str):
    """gettext's reading of a plural expression (it refuses anything but arithmetic on n), once per expression."""
    return gettext.c2py(expression)
