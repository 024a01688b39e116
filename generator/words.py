"""The words of one language, as every output (pages, footer, PDF) shows them: content texts with their
{placeholders} filled in, labels, dates, amounts and citations, all set by checker.typography.typeset."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from checker.engine import format_date, legal_basis_text
from checker.rules import Bilingual, LegalBasis, LegalText
from checker.typography import typeset

from .schema import PLACEHOLDER

# How an amount of euros is written: « 50 € » in French, "€50" in English.
MONEY = {"fr": "{amount} €", "en": "€{amount}"}
DECIMAL_MARK = {"fr": ",", "en": "."}


def money(amount: float, lang: str) -> str:
    shown = f"{amount:g}".replace(".", DECIMAL_MARK[lang])
    return typeset(MONEY[lang].format(amount=shown), lang)


@dataclass(frozen=True)
class Words:
    """One language's words for one page (or one half of the PDF)."""

    lang: str
    labels: dict
    last_day: date  # the last day any automatic extension lasted, for {last_day}
    fee: float | None = None  # the fee of the procedure a page is about, for {fee}

    def for_fee(self, amount: float) -> Words:
        return replace(self, fee=amount)

    def fill(self, text: str) -> str:
        """The text with its placeholders filled in: {last_day}, {fee}, {eur:75}."""
        def value(match) -> str:
            name = match.group(1)
            if name == "last_day":
                return self.long_date(self.last_day)
            if name == "fee" and self.fee is not None:
                return money(self.fee, self.lang)
            if name == "eur":
                return money(float(match.group(0)[len("{eur:"):-1]), self.lang)
            raise KeyError(f"no value for the placeholder {match.group(0)} here")

        return PLACEHOLDER.sub(value, text)

    def tr(self, text: dict | Bilingual) -> str:
        """A content text in this language."""
        value = text.in_(self.lang) if isinstance(text, Bilingual) else text[self.lang]
        return typeset(self.fill(value), self.lang)

    def label(self, key: str, **values) -> str:
        """A label of content/site.yml, with its own {fields} filled in from `values`."""
        if key not in self.labels:
            raise KeyError(f"content/site.yml: labels.{key} is missing (used by a template)")
        text = self.labels[key][self.lang]
        if values:
            text = text.format(**values)
        # A label may say when the extensions ended; its other {fields} are the caller's (or the page script's).
        text = text.replace("{last_day}", self.long_date(self.last_day))
        return typeset(text, self.lang)

    def long_date(self, day: date) -> str:
        return typeset(format_date(day, self.lang), self.lang)

    def money(self, amount: float) -> str:
        return money(amount, self.lang)

    def cite(self, basis: LegalBasis) -> str:
        return typeset(legal_basis_text(basis, self.lang), self.lang)

    def published(self, text: LegalText) -> str:
        """« publiée le 26 mars 2020 »: the participle agrees with the kind of text."""
        return self.label(f"published_{text.kind}") + " " + self.long_date(text.published)

    def colon(self) -> str:
        return typeset(" :", self.lang) if self.lang == "fr" else ":"

    def list_separator(self) -> str:
        return typeset(" ; ", self.lang) if self.lang == "fr" else "; "


def newest(sources) -> date | None:
    """The date of the newest dated source, or None when none carries a date."""
    dates = [s["date"] for s in sources if "date" in s]
    return max(dates) if dates else None


def all_sources(content) -> list:
    """Every source the site cites, each once (by address, else by title): the legal texts, the site's own
    sources, then each procedure's, as the legal notice and the PDF list them."""
    listed: dict = {}
    for text in content.rules.legal_texts:
        listed.setdefault(text.url, {"title": text.title, "url": text.url, "date": text.published})
    for source in [*content.site["sources"],
                   *(s for p in content.procedures for s in [*p["sources"], *p["today"]["sources"]])]:
        listed.setdefault(source.get("url") or tuple(source["title"].values()), source)
    return list(listed.values())


def display_url(url: str) -> str:
    """An address as a reader types it: no scheme, no mailto:, no trailing slash."""
    return re.sub(r"^(mailto:|tel:|https?://)", "", url).rstrip("/")
