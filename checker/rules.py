"""The extension measures as typed, frozen objects, built from the rules file's data (no I/O here)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .language import Language, Texts, build_language


class RulesError(ValueError):
    """The rules data lacks something the checker reads; the message names where."""


@dataclass(frozen=True)
class LegalText:
    id: str
    kind: str  # ordonnance, loi, décret: French grammar cites each its own way (« l'ordonnance », « la loi »)
    title: Texts
    signed: date
    published: date
    url: str


@dataclass(frozen=True)
class LegalBasis:
    """An article of a legal text, possibly in the wording another text gave it."""

    text: LegalText
    article: str
    as_amended_by: LegalBasis | None = None
    # How the amending text touched this article: "rewritten" (new wording) or "inserted" (new article).
    change: str | None = None
    unverified: Texts | None = None

    def texts(self) -> tuple[LegalText, ...]:
        return (self.text,) + (self.as_amended_by.texts() if self.as_amended_by else ())


@dataclass(frozen=True)
class ExpiryWindow:
    """Printed expiry dates a rule applies to; both ends included."""

    start: date
    end: date

    def contains(self, expiry: date) -> bool:
        return self.start <= expiry <= self.end

    def days_away(self, expiry: date) -> int:
        if expiry < self.start:
            return (self.start - expiry).days
        if expiry > self.end:
            return (expiry - self.end).days
        return 0


@dataclass(frozen=True)
class EarlierVersion:
    """An extension length an earlier version of the law gave, kept to explain the change."""

    extension_days: int
    legal_basis: LegalBasis
    note: Texts


@dataclass(frozen=True)
class ExtensionRule:
    id: str
    documents: tuple[str, ...]
    expiry_window: ExpiryWindow
    extension_days: int
    legal_basis: LegalBasis
    history: tuple[EarlierVersion, ...] = ()


@dataclass(frozen=True)
class Exclusion:
    id: str
    documents: tuple[str, ...]
    reason: Texts
    # One citation per period the exclusion spans: each window's own text says it.
    legal_bases: tuple[LegalBasis, ...]


@dataclass(frozen=True)
class Right:
    """A right a document carried, which the extension kept for as long as the document stayed valid."""

    id: str
    text: Texts


@dataclass(frozen=True)
class DocumentType:
    id: str
    name: Texts  # in full, where the document is explained: the answer, the rights, the notice
    short_name: Texts  # in lists, tables and the timeline's lanes; the full name when the content gives none
    rights: tuple[Right, ...] = ()  # only what this document itself gave
    limits: Texts | None = None  # what it did not give, said plainly where people assume otherwise
    advice: Texts | None = None  # what to keep with it
    # For a document given while an application waits for a decision: what wait it covered (content: `covers`).
    covers: Texts | None = None
    covers_basis: Texts | None = None  # the article that provides for that document
    covers_unverified: Texts | None = None  # what was not verified about it, said wherever it is explained


@dataclass(frozen=True)
class RenewalWindow:
    """When a renewal is filed today: from `first_day_before` to `last_day_before` days before the document ends,
    for these document types (content: `renewal_window`)."""

    documents: tuple[str, ...]
    first_day_before: int
    last_day_before: int
    legal_basis: Texts
    unverified: Texts | None = None


@dataclass(frozen=True)
class Counting:
    convention: Texts
    months_note: Texts


@dataclass(frozen=True)
class Measures:
    counting: Counting
    legal_texts: tuple[LegalText, ...]
    documents: tuple[DocumentType, ...]
    rules: tuple[ExtensionRule, ...]
    exclusions: tuple[Exclusion, ...]
    rights: tuple[Right, ...]
    rights_source: Texts
    later_extensions: Texts
    scope: Texts
    # What followed once an extension ended and the document was not renewed (said after such a check date).
    after_extension: Texts | None = None
    # The configured languages, the first one the default: each with its sentences and locale.
    languages: tuple[Language, ...] = ()
    renewal_window: RenewalWindow | None = None  # today's time limit to file a renewal, for the reminder

    def language(self, code: str | None = None) -> Language:
        """The language with this code (the first one when None); a ValueError names the known ones."""
        if code is None:
            return self.languages[0]
        for language in self.languages:
            if language.code == code:
                return language
        raise ValueError(f"unknown language {code!r}: use one of {', '.join(self.language_codes())}")

    def language_codes(self) -> tuple[str, ...]:
        return tuple(language.code for language in self.languages)

    def document_ids(self) -> tuple[str, ...]:
        return tuple(d.id for d in self.documents)

    def document(self, document_id: str) -> DocumentType:
        for document in self.documents:
            if document.id == document_id:
                return document
        raise KeyError(document_id)

    def rules_for(self, document_id: str) -> tuple[ExtensionRule, ...]:
        return tuple(r for r in self.rules if document_id in r.documents)

    def exclusion_for(self, document_id: str) -> Exclusion | None:
        return next((e for e in self.exclusions if document_id in e.documents), None)

    def rights_groups(self) -> list[tuple[DocumentType, ...]]:
        """The documents some rule extended, those that carried the same rights (and limits and advice)
        together, in the order the content lists them."""
        extended = {d for r in self.rules for d in r.documents}
        groups: dict[tuple, list[DocumentType]] = {}
        for document in self.documents:
            if document.id in extended:
                groups.setdefault((document.rights, document.limits, document.advice), []).append(document)
        return [tuple(group) for group in groups.values()]

    def last_extended_day(self) -> date:
        """The last day any automatic extension lasted: the latest window's end plus its days."""
        return max(r.expiry_window.end + timedelta(days=r.extension_days) for r in self.rules)


def build_measures(data: dict[str, Any]) -> Measures:
    """The measures from the data the generator wrote (the rules file, checker/data.py, or the content model itself).

    That data was validated once, against the content schema (generator/content.py), when it was written: this
    only reads it. A field that is not there is named (a rules file from another version, say)."""
    texts = {text.id: text for text in (_legal_text(t, f"legal_texts[{i}]")
                                        for i, t in enumerate(_get(data, "legal_texts", "")))}
    rights = {r["id"]: Right(r["id"], _texts(r, "text", f"rights[{i}]")) for i, r in enumerate(_get(data, "rights", ""))}
    advice = {a["id"]: _texts(a, "text", f"advice[{i}]") for i, a in enumerate(_get(data, "advice", ""))}
    counting = _get(data, "counting", "")
    first, *others = _get(data, "languages", "")
    original = build_language(first)
    languages = (original, *(build_language(raw, original) for raw in others))
    rules = tuple(_rule(r, f"rules[{i}]", texts) for i, r in enumerate(_get(data, "rules", "")))
    return Measures(
        counting=Counting(_texts(counting, "convention", "counting"),
                          _with_counting_example(_texts(counting, "months_note", "counting"), rules, languages)),
        legal_texts=tuple(texts.values()),
        documents=tuple(_document(d, f"documents[{i}]", rights, advice)
                        for i, d in enumerate(_get(data, "documents", ""))),
        rules=rules,
        exclusions=tuple(_exclusion(e, f"exclusions[{i}]", texts) for i, e in enumerate(_get(data, "exclusions", ""))),
        rights=tuple(rights.values()),
        rights_source=_texts(data, "rights_source", ""),
        later_extensions=_texts(data, "later_extensions", ""),
        scope=_texts(data, "scope", ""),
        after_extension=_texts(data, "after_extension", "") if data.get("after_extension") else None,
        languages=languages,
        renewal_window=_renewal_window(data["renewal_window"]) if data.get("renewal_window") else None,
    )


def _renewal_window(raw: dict) -> RenewalWindow:
    where = "renewal_window"
    return RenewalWindow(tuple(_get(raw, "documents", where)), _get(raw, "first_day_before", where),
                         _get(raw, "last_day_before", where), _texts(raw, "legal_basis", where),
                         _texts(raw, "unverified", where) if raw.get("unverified") else None)


def _with_counting_example(texts: Texts, rules: tuple[ExtensionRule, ...], languages: tuple[Language, ...]) -> Texts:
    """The note on "6 months" with the rules' own numbers: the longest and shortest extensions, and the first
    window's first day extended by the longest one, against the same day as many months later as the press said."""
    longest = max(rule.extension_days for rule in rules)
    first_day = min(rule.expiry_window.start for rule in rules)
    months = round(longest / 30)  # 180 days: "6 months"
    month_index = first_day.month - 1 + months
    months_later = first_day.replace(year=first_day.year + month_index // 12, month=month_index % 12 + 1)
    by_code = {language.code: language for language in languages}
    return Texts(tuple((code, _fill(
        text, longest=longest, shortest=min(rule.extension_days for rule in rules),
        first_day=by_code[code].write_date(first_day),
        first_day_extended=by_code[code].write_date(first_day + timedelta(days=longest)),
        first_day_months_later=by_code[code].write_date(months_later),
    )) for code, text in texts.by_language))


def _rule(raw: dict, where: str, texts: dict[str, LegalText]) -> ExtensionRule:
    window = _get(raw, "expiry_window", where)
    days = _get(raw, "extension_days", where)
    history = tuple(
        EarlierVersion(
            extension_days=_get(h, "extension_days", f"{where}.history[{i}]"),
            legal_basis=_legal_basis(_get(h, "legal_basis", f"{where}.history[{i}]"),
                                     f"{where}.history[{i}].legal_basis", texts),
            # The note names both lengths as placeholders: the numbers are the rule's own.
            note=_filled(_texts(h, "note", f"{where}.history[{i}]"), old_days=h["extension_days"], days=days),
        )
        for i, h in enumerate(raw.get("history") or [])
    )
    return ExtensionRule(
        id=_get(raw, "id", where),
        documents=tuple(_get(raw, "documents", where)),
        expiry_window=ExpiryWindow(_date(window, "start", f"{where}.expiry_window"),
                                   _date(window, "end", f"{where}.expiry_window")),
        extension_days=days,
        legal_basis=_legal_basis(_get(raw, "legal_basis", where), f"{where}.legal_basis", texts),
        history=history,
    )


def _exclusion(raw: dict, where: str, texts: dict[str, LegalText]) -> Exclusion:
    return Exclusion(
        id=_get(raw, "id", where),
        documents=tuple(_get(raw, "documents", where)),
        reason=_texts(raw, "reason", where),
        legal_bases=tuple(_legal_basis(b, f"{where}.legal_bases[{i}]", texts)
                          for i, b in enumerate(_get(raw, "legal_bases", where))),
    )


def _document(raw: dict, where: str, rights: dict[str, Right], advice: dict[str, Texts]) -> DocumentType:
    name = _texts(raw, "name", where)
    return DocumentType(
        id=_get(raw, "id", where),
        name=name,
        short_name=_texts(raw, "short_name", where) if raw.get("short_name") else name,
        rights=tuple(rights[r] for r in raw.get("rights") or ()),
        limits=_texts(raw, "limits", where) if raw.get("limits") else None,
        advice=advice[raw["advice"]] if raw.get("advice") else None,
        covers=_texts(raw["covers"], "text", f"{where}.covers") if raw.get("covers") else None,
        covers_basis=_texts(raw["covers"], "legal_basis", f"{where}.covers") if raw.get("covers") else None,
        covers_unverified=_texts(raw["covers"], "unverified", f"{where}.covers")
        if (raw.get("covers") or {}).get("unverified") else None,
    )


def _legal_basis(raw: Any, where: str, texts: dict[str, LegalText]) -> LegalBasis:
    amended = raw.get("as_amended_by")
    text_id = _get(raw, "text", where)
    if text_id not in texts:
        raise RulesError(f"{where}.text: no legal text with id {text_id!r}")
    return LegalBasis(
        text=texts[text_id],
        article=_get(raw, "article", where),
        as_amended_by=_legal_basis(amended, f"{where}.as_amended_by", texts) if amended else None,
        unverified=_texts(raw, "unverified", where) if raw.get("unverified") else None,
        change=raw.get("change"),
    )


def _legal_text(raw: dict, where: str) -> LegalText:
    return LegalText(
        id=_get(raw, "id", where),
        kind=_get(raw, "kind", where),
        title=_texts(raw, "title", where),
        signed=_date(raw, "signed", where),
        published=_date(raw, "published", where),
        url=_get(raw, "url", where),
    )


def _get(raw: Any, key: str, where: str) -> Any:
    """The field, or a RulesError naming its path."""
    if not isinstance(raw, dict) or raw.get(key) is None:
        raise RulesError(f"{f'{where}.{key}' if where else key}: missing")
    return raw[key]


def _date(raw: Any, key: str, where: str) -> date:
    """A date as the content model holds it, or as the rules file writes it (YYYY-MM-DD)."""
    value = _get(raw, key, where)
    return value if isinstance(value, date) else date.fromisoformat(value)


def _texts(raw: Any, key: str, where: str) -> Texts:
    return Texts(tuple(_get(raw, key, where).items()))


def _filled(texts: Texts, **values: Any) -> Texts:
    return Texts(tuple((code, _fill(text, **values)) for code, text in texts.by_language))


_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def _fill(text: str, **values: Any) -> str:
    """`text` with each {name} of `values` replaced; any other brace is content, kept as written (str.format would
    read it as a field and fail)."""
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), text)
