"""The words of one language, as every output (pages, footer, PDF) shows them: content texts with their
{placeholders} filled in, labels, dates, amounts and citations, all set by checker.typography.typeset."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from checker.engine import legal_basis_text
from checker.language import Language, Texts
from checker.rules import LegalBasis, LegalText, Measures
from checker.typography import isolate_value, typeset
from markupsafe import Markup

from . import markup

from .content import RULE_FACTS
from .schema import PLACEHOLDER

LABEL_FIELD = re.compile(r"\{([A-Za-z_]\w*)\}")


@dataclass(frozen=True)
class Words:
    """One language's words for one page (or one half of the PDF)."""

    language: Language  # its locale: dates, money, typography
    labels: dict  # its catalogue's labels
    rules: Measures  # for {last_day} and a rule's facts: {days:A}, {window_start:A}, …
    fee: float | None = None  # the fee of the procedure a page is about, for {fee}
    procedures: int = 0  # how many procedures the site explains, for {procedures}

    @classmethod
    def of(cls, content, code: str) -> Words:
        return cls(content.rules.language(code), content.catalogues[code]["labels"], content.rules,
                   procedures=len(content.procedures))

    @property
    def lang(self) -> str:
        return self.language.code

    def for_fee(self, amount: float) -> Words:
        return replace(self, fee=amount)

    def fill(self, text: str) -> str:
        """The text with its placeholders filled in: {last_day}, {fee}, {eur:75}, {days:A} and a rule's other facts,
        {procedures} (« 4 démarches »: the number in the language's plural form)."""
        def value(match) -> str:
            name = match.group(1)
            if name == "last_day":
                return self.long_date(self.rules.last_extended_day())
            if name == "fee" and self.fee is not None:
                return self.money(self.fee)
            if name == "procedures":
                return self.label("procedure_count", count=self.procedures)
            if name == "eur":
                return self.money(float(match.group(2)))
            if name in RULE_FACTS:
                rule = next((r for r in self.rules.rules if r.id == match.group(2)), None)
                if rule is None:
                    raise KeyError(f"{match.group(0)}: there is no rule {match.group(2)!r} in content/measures.yml")
                return {"days": lambda: str(rule.extension_days),
                        "first_days": lambda: str((rule.history or (rule,))[0].extension_days),
                        "window_start": lambda: self.long_date(rule.expiry_window.start),
                        "window_end": lambda: self.long_date(rule.expiry_window.end)}[name]()
            raise KeyError(f"no value for the placeholder {match.group(0)} here")

        return PLACEHOLDER.sub(value, text)

    def tr(self, text: dict | Texts) -> Markup:
        """A content text in this language, as a page or the PDF shows it: only the markup generator/markup.py
        allows is kept, everything else is text."""
        value = text.in_(self.lang) if isinstance(text, Texts) else text[self.lang]
        return markup.text(self.set(self.fill(value)))

    def set(self, text: str) -> str:
        """The text with this language's typography."""
        return typeset(text, self.language)

    def label(self, key: str, **values) -> Markup:
        """A label of the language's catalogue (content/i18n/), with its own {fields} filled in from `values`."""
        if key not in self.labels:
            raise KeyError(f"content/i18n/{self.lang}.yml: labels.{key} is missing (used by a template)")
        text = self.labels[key]
        if isinstance(text, dict) and text["plural"] not in values:
            raise KeyError(f"content/i18n/{self.lang}.yml: labels.{key} is written in plural forms: give its count "
                           f"{{{text['plural']}}}")
        text = self.language.counted(text, values)
        missing = set(values) and {name for name in LABEL_FIELD.findall(text) if name not in values} - {"last_day"}
        if missing:
            raise KeyError(f"content/i18n/{self.lang}.yml: labels.{key}: no value for {{{min(missing)}}}")
        # A label may say when the extensions ended; its other {fields} are the caller's (or the page script's,
        # which stay). Like a content text, a label keeps only the markup generator/markup.py allows.
        return markup.text(self.set(text), {**values, "last_day": self.long_date(self.rules.last_extended_day())})

    def long_date(self, day: date) -> str:
        return self.set(self.language.write_date(day))

    def money(self, amount: float) -> str:
        return self.set(self.language.amount(amount))

    def cite(self, basis: LegalBasis) -> str:
        return self.set(legal_basis_text(basis, self.language))

    def published(self, text: LegalText) -> str:
        """« publiée le 26 mars 2020 »: the participle agrees with the kind of text."""
        return self.label(f"published_{text.kind}") + " " + self.long_date(text.published)

    def fee_history(self, fee, values=None) -> str:
        """« 50 € depuis le 1er janvier 2020 ; 45 € auparavant. », made from the dated values (all of them, or the
        `values` given); "" for one value."""
        values = fee["values"] if values is None else values
        changes = [self.label("fee_since", amount=self.money(newer["amount"]), since=self.long_date(newer["since"]),
                              previous=self.money(older["amount"]))
                   for newer, older in zip(values, values[1:])]
        return " ".join(changes)

    def colon(self) -> str:
        return self.set(self.language.colon)

    def list_separator(self) -> str:
        return self.set(self.language.list_separator)

    def comma(self) -> str:
        """Between the parts of one item (a name and its date): the catalogue's `comma` label."""
        return self.label("comma")

    def value(self, text: str) -> str:
        """A value written once for every language (a phone number, an address line): as it is, kept whole and in
        its own direction in a language whose script is not the first language's."""
        return isolate_value(self.set(text), self.language)


def amount_in(fee, year: int) -> float:
    """The amount in force during `year`: the newest value that took effect by its end."""
    return next(v["amount"] for v in fee["values"] if "since" not in v or v["since"] <= date(year, 12, 31))


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
    for source in [*content.site["sources"], *content.site["help_sources"],
                   *(s for p in content.procedures
                     for s in [*p["sources"], *p["today"]["sources"], *p["fee"]["today"]["sources"]])]:
        listed.setdefault(source.get("url") or tuple(source["title"].values()), source)
    return list(listed.values())


def display_url(url: str) -> str:
    """An address as a reader types it: no scheme, no mailto:, no trailing slash."""
    return re.sub(r"^(mailto:|tel:|https?://)", "", url).rstrip("/")
