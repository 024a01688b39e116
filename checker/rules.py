"""The extension measures as typed, frozen objects, built from the rules.json data (no I/O here)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .language import Language, Texts, build_language


CHANGES = ("rewritten", "inserted")


class RulesError(ValueError):
    """The rules data lacks something the checker needs; the message names where."""


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
    label: Texts
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
    name: Texts
    rights: tuple[Right, ...] = ()  # only what this document itself gave
    limits: Texts | None = None  # what it did not give, said plainly where people assume otherwise
    advice: Texts | None = None  # what to keep with it


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
    # The configured languages, the first one the default: each with its sentences and locale.
    languages: tuple[Language, ...] = ()

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
    """Turn the parsed rules.json dict into Measures, naming the first missing or bad field."""
    languages = tuple(build_language(raw) for raw in _list(data, "languages", ""))
    if not languages:
        raise RulesError("languages: the rules data names no language")
    texts = {
        text.id: text
        for text in (_legal_text(t, f"legal_texts[{i}]") for i, t in enumerate(_list(data, "legal_texts", "")))
    }
    rights = {
        right.id: right
        for right in (Right(_str(r, "id", f"rights[{i}]"), _texts(r, "text", f"rights[{i}]"))
                      for i, r in enumerate(_list(data, "rights", "")))
    }
    advice = {_str(a, "id", f"advice[{i}]"): _texts(a, "text", f"advice[{i}]")
              for i, a in enumerate(_list(data, "advice", ""))}
    documents = tuple(_document(d, f"documents[{i}]", rights, advice) for i, d in enumerate(_list(data, "documents", "")))
    known = {d.id for d in documents}
    rules = tuple(_rule(r, f"rules[{i}]", texts, known) for i, r in enumerate(_list(data, "rules", "")))
    exclusions = tuple(_exclusion(e, f"exclusions[{i}]", texts, known) for i, e in enumerate(_list(data, "exclusions", "")))
    counting = _get(data, "counting", "")
    measures = Measures(
        counting=Counting(_texts(counting, "convention", "counting"), _texts(counting, "months_note", "counting")),
        legal_texts=tuple(texts.values()),
        documents=documents,
        rules=rules,
        exclusions=exclusions,
        rights=tuple(rights.values()),
        rights_source=_texts(data, "rights_source", ""),
        later_extensions=_texts(data, "later_extensions", ""),
        scope=_texts(data, "scope", ""),
        languages=languages,
    )
    _check_languages(measures, tuple(language.code for language in languages))
    return measures


def _rule(raw: dict, where: str, texts: dict[str, LegalText], known: set[str]) -> ExtensionRule:
    window = _get(raw, "expiry_window", where)
    expiry_window = ExpiryWindow(_date(window, "start", f"{where}.expiry_window"), _date(window, "end", f"{where}.expiry_window"))
    if expiry_window.start > expiry_window.end:
        raise RulesError(f"{where}.expiry_window: start is after end")
    history = tuple(
        EarlierVersion(
            extension_days=_days(h, f"{where}.history[{i}]"),
            legal_basis=_legal_basis(_get(h, "legal_basis", f"{where}.history[{i}]"), f"{where}.history[{i}].legal_basis", texts),
            # The note names both lengths as placeholders: the numbers are the rule's own.
            note=_filled(_texts(h, "note", f"{where}.history[{i}]"), old_days=_days(h, f"{where}.history[{i}]"),
                         days=_days(raw, where)),
        )
        for i, h in enumerate(raw.get("history") or [])
    )
    return ExtensionRule(
        id=_str(raw, "id", where),
        label=_texts(raw, "label", where),
        documents=_document_ids(raw, where, known),
        expiry_window=expiry_window,
        extension_days=_days(raw, where),
        legal_basis=_legal_basis(_get(raw, "legal_basis", where), f"{where}.legal_basis", texts),
        history=history,
    )


def _exclusion(raw: dict, where: str, texts: dict[str, LegalText], known: set[str]) -> Exclusion:
    return Exclusion(
        id=_str(raw, "id", where),
        documents=_document_ids(raw, where, known),
        reason=_texts(raw, "reason", where),
        legal_bases=tuple(_legal_basis(b, f"{where}.legal_bases[{i}]", texts)
                          for i, b in enumerate(_list(raw, "legal_bases", where))),
    )


def _document(raw: dict, where: str, rights: dict[str, Right], advice: dict[str, Texts]) -> DocumentType:
    def known(key: str, table: dict, value: str):
        if value not in table:
            raise RulesError(f"{where}.{key}: no entry with id {value!r}")
        return table[value]

    return DocumentType(
        id=_str(raw, "id", where),
        name=_texts(raw, "name", where),
        rights=tuple(known("rights", rights, r) for r in raw.get("rights") or ()),
        limits=_texts(raw, "limits", where) if raw.get("limits") else None,
        advice=known("advice", advice, raw["advice"]) if raw.get("advice") else None,
    )


def _legal_basis(raw: Any, where: str, texts: dict[str, LegalText]) -> LegalBasis:
    text_id = _str(raw, "text", where)
    if text_id not in texts:
        raise RulesError(f"{where}.text: no legal text with id {text_id!r}")
    amended = raw.get("as_amended_by")
    return LegalBasis(
        text=texts[text_id],
        article=_str(raw, "article", where),
        as_amended_by=_legal_basis(amended, f"{where}.as_amended_by", texts) if amended else None,
        unverified=_texts(raw, "unverified", where) if raw.get("unverified") else None,
        change=_change(raw, where) if "change" in raw else None,
    )


def _change(raw: dict, where: str) -> str:
    change = _str(raw, "change", where)
    if change not in CHANGES:
        raise RulesError(f"{where}.change: expected one of {', '.join(CHANGES)}, got {change!r}")
    return change


def _legal_text(raw: dict, where: str) -> LegalText:
    return LegalText(
        id=_str(raw, "id", where),
        kind=_str(raw, "kind", where),
        title=_texts(raw, "title", where),
        signed=_date(raw, "signed", where),
        published=_date(raw, "published", where),
        url=_str(raw, "url", where),
    )


def _document_ids(raw: dict, where: str, known: set[str]) -> tuple[str, ...]:
    ids = tuple(_list(raw, "documents", where))
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise RulesError(f"{where}.documents: unknown document id {unknown[0]!r}")
    return ids


# Small readers: each one names the path of the field it could not read.

def _get(raw: Any, key: str, where: str) -> Any:
    if not isinstance(raw, dict) or raw.get(key) is None:
        raise RulesError(f"{_path(where, key)}: missing")
    return raw[key]


def _path(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _list(raw: Any, key: str, where: str) -> list:
    value = _get(raw, key, where)
    if not isinstance(value, list):
        raise RulesError(f"{_path(where, key)}: expected a list")
    return value


def _str(raw: Any, key: str, where: str) -> str:
    value = _get(raw, key, where)
    if not isinstance(value, str) or not value.strip():
        raise RulesError(f"{_path(where, key)}: expected a non-empty text")
    return value


def _days(raw: Any, where: str) -> int:
    value = _get(raw, "extension_days", where)
    # bool is an int in Python; a day count of True is a data mistake.
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise RulesError(f"{where}.extension_days: expected a positive whole number of days")
    return value


def _date(raw: Any, key: str, where: str) -> date:
    value = _get(raw, key, where)
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise RulesError(f"{_path(where, key)}: expected a date written YYYY-MM-DD") from None


def _texts(raw: Any, key: str, where: str) -> Texts:
    value = _get(raw, key, where)
    if not isinstance(value, dict):
        raise RulesError(f"{_path(where, key)}: expected a text in each language")
    return Texts(tuple((code, _str(value, code, _path(where, key))) for code in value))


def _filled(texts: Texts, **values: Any) -> Texts:
    return Texts(tuple((code, text.format(**values)) for code, text in texts.by_language))


def _check_languages(value: Any, codes: tuple[str, ...], where: str = "") -> None:
    """Every text of the model is in every configured language and no other (the content was checked for that
    already; a rules file from elsewhere might not be)."""
    if isinstance(value, Texts):
        missing = [code for code in codes if code not in value.codes()]
        extra = [code for code in value.codes() if code not in codes]
        if missing or extra:
            raise RulesError(f"{where}: the {missing[0]} text is missing" if missing
                             else f"{where}: a text in {extra[0]}, which is not a configured language")
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            _check_languages(item, codes, f"{where}[{index}]")
    elif hasattr(value, "__dataclass_fields__") and not isinstance(value, Language):
        for name in value.__dataclass_fields__:
            _check_languages(getattr(value, name), codes, f"{where}.{name}" if where else name)
