"""Applies the measures to one document and one printed expiry date: pure functions, no I/O."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from datetime import date, timedelta
from typing import Any

from .language import Language
from .typography import isolate_value, typeset
from .rules import DocumentType, ExpiryWindow, ExtensionRule, LegalBasis, LegalText, Measures


@dataclass(frozen=True)
class LegalLink:
    label: str
    url: str


@dataclass(frozen=True)
class Answer:
    """What the checker says about one document, in one language."""

    document: str
    document_name: str
    lang: str  # the language's code
    expiry: date
    on: date | None
    issued: date | None  # the issue date printed on the document, when given
    covered: bool
    valid_until: date | None  # printed expiry + extension_days when covered
    valid_on: bool | None  # only when a check date was given
    # Why not valid on that date: "not-yet-issued" (before the issue date) or "ended" (after the last valid day).
    valid_on_reason: str | None
    # A check date before the expiry with no issue date given: the answer holds only if the document existed.
    assumes_issued: bool
    valid_on_text: str | None  # the sentence that answers for the check date
    rule: str | None  # the extension rule that applied, when covered
    exclusion: str | None  # the exclusion that kept the document out of the measures, if one did
    extension_days: int  # 0 when not covered
    window: ExpiryWindow | None  # the window the expiry falls in
    nearest_window: ExpiryWindow | None  # when no window holds the expiry
    legal_basis: tuple[str, ...]
    legal_links: tuple[LegalLink, ...]
    rights: tuple[str, ...]  # empty when not covered; only the rights this document carried
    rights_note: str | None  # where the rights come from
    limits: str | None  # what this document did not give (an asylum certificate: no right to work, no travel)
    advice: str | None  # what to keep with the document
    # The explanation as written, before its language's typography: set when first read (`explanation`), since a
    # residence history of many documents reads only their dates and rules.
    explanation_text: str = field(repr=False)
    language: Language = field(repr=False, compare=False)

    @cached_property
    def explanation(self) -> str:
        """Paragraphs separated by a blank line, set in the answer's language."""
        return typeset(self.explanation_text, self.language)


def check(measures: Measures, document_id: str, expiry: date, on: date | None = None, issued: date | None = None, *,
          lang: str | None = None) -> Answer:
    """Say whether a document with this printed expiry was extended, and until when (and, given a date `on`,
    whether it was valid that day: from its issue date, when given, to its last valid day)."""
    language = measures.language(lang)  # the first configured language when None; unknown: ValueError
    try:
        document = measures.document(document_id)
    except KeyError:
        raise ValueError(f"unknown document id {document_id!r}") from None

    exclusion = measures.exclusion_for(document.id)
    rules = measures.rules_for(document.id)
    rule = None if exclusion else next((r for r in rules if r.expiry_window.contains(expiry)), None)

    if rule is not None:
        valid_until = expiry + timedelta(days=rule.extension_days)
        return _answer(
            measures, document, language, expiry, on, issued,
            covered=True, valid_until=valid_until, rule_id=rule.id, extension_days=rule.extension_days,
            window=rule.expiry_window, nearest_window=None, bases=(rule.legal_basis,),
            paragraphs=_extended_paragraphs(rule, expiry, valid_until, language),
            rights=tuple(r.text.in_(language) for r in document.rights),
            rights_note=measures.rights_source.in_(language) if document.rights else None,
            limits=document.limits.in_(language) if document.limits else None,
            advice=document.advice.in_(language) if document.advice else None,
        )

    text = language.sentences["explanation"]
    if exclusion is not None:
        bases = exclusion.legal_bases
        paragraphs = [
            text["excluded"].format(reason=exclusion.reason.in_(language)),
            text["excluded_basis"].format(basis=typeset(language.list_separator, language).join(legal_basis_text(b, language) for b in bases)),
            text["no_extension"].format(expiry=format_date(expiry, language)),
        ]
        nearest = None
    elif rules:
        nearest_rule = min(rules, key=lambda r: (r.expiry_window.days_away(expiry), r.expiry_window.start))
        bases, nearest = (nearest_rule.legal_basis,), nearest_rule.expiry_window
        paragraphs = [
            text["outside"].format(
                start=format_date(nearest.start, language), end=format_date(nearest.end, language),
                basis=legal_basis_text(nearest_rule.legal_basis, language),
            ),
            text["no_extension"].format(expiry=format_date(expiry, language)),
            measures.later_extensions.in_(language),
        ]
    else:
        bases, nearest = (), None
        paragraphs = [text["no_rule"], text["no_extension"].format(expiry=format_date(expiry, language))]
    # A document of today that covers a wait (an ANEF attestation): what it covers, and the article providing it.
    own_basis = ()
    if not bases and document.covers is not None:
        own_basis = (document.covers_basis.in_(language),)
        paragraphs.insert(1, text["covers"].format(covers=document.covers.in_(language), basis=own_basis[0]))
        if document.covers_unverified is not None:
            paragraphs.insert(2, document.covers_unverified.in_(language))

    return _answer(
        measures, document, language, expiry, on, issued,
        covered=False, valid_until=None, rule_id=None, extension_days=0,
        exclusion_id=exclusion.id if exclusion is not None else None, window=None, nearest_window=nearest, bases=bases, paragraphs=paragraphs,
        rights=(), rights_note=None, limits=None, advice=None, own_basis=own_basis,
    )


def _extended_paragraphs(rule: ExtensionRule, expiry: date, valid_until: date, language: Language) -> list[str]:
    text = language.sentences["explanation"]
    paragraphs = [
        text["in_window"].format(
            start=format_date(rule.expiry_window.start, language), end=format_date(rule.expiry_window.end, language),
            basis=legal_basis_text(rule.legal_basis, language),
        )
        + " "
        + language.say("explanation", "extended", days=rule.extension_days,
                       valid_until=format_date(valid_until, language)),
    ]
    for earlier in rule.history:
        note = earlier.note.in_(language)
        if earlier.extension_days == rule.extension_days:
            # Same length as now (asylum certificates): the note alone tells the story.
            paragraphs.append(text["history_same"].format(note=note))
        else:
            old_until = expiry + timedelta(days=earlier.extension_days)
            paragraphs.append(text["history_changed"].format(
                old_length=language.say("counts", "days", days=earlier.extension_days),
                length=language.say("counts", "days", days=rule.extension_days), note=note,
                old_until=format_date(old_until, language),
            ))
    return paragraphs


def _answer(
    measures: Measures, document: DocumentType, language: Language, expiry: date, on: date | None, issued: date | None, *,
    covered: bool, valid_until: date | None, rule_id: str | None, extension_days: int, exclusion_id: str | None = None,
    window: ExpiryWindow | None, nearest_window: ExpiryWindow | None, bases: tuple[LegalBasis, ...],
    paragraphs: list[str], rights: tuple[str, ...], rights_note: str | None, limits: str | None,
    advice: str | None, own_basis: tuple[str, ...] = (),
) -> Answer:
    """Wrap the case-specific paragraphs with what every answer says: the printed date,
    the check date and the counting convention."""
    text = language.sentences["explanation"]
    last_valid_day = valid_until if covered else expiry
    valid_on, reason, assumes_issued = None, None, False
    if on is not None:
        if issued is not None and on < issued:
            valid_on, reason = False, "not-yet-issued"
        elif on > last_valid_day:
            valid_on, reason = False, "ended"
        else:
            valid_on, assumes_issued = True, issued is None
    head = text["printed"].format(document=document.name.in_(language), expiry=format_date(expiry, language))
    tail = [text["counting"].format(
        convention=measures.counting.convention.in_(language), months_note=measures.counting.months_note.in_(language),
    )]
    valid_on_text = None
    if on is not None:
        key = {"not-yet-issued": "valid_on_not_issued", "ended": "valid_on_no"}.get(
            reason, "valid_on_assumed" if assumes_issued else "valid_on_yes")
        valid_on_text = text[key].format(on=format_date(on, language), issued=format_date(issued, language) if issued else "")
        tail.insert(0, valid_on_text)
        if covered and reason == "ended" and measures.after_extension is not None:
            # A check date after the extended end: what followed when the document was not renewed in time.
            tail.insert(1, measures.after_extension.in_(language))

    def shown(text: str) -> str:
        return typeset(text, language)

    return Answer(
        document=document.id,
        document_name=shown(document.name.in_(language)),
        lang=language.code,
        expiry=expiry,
        on=on,
        issued=issued,
        covered=covered,
        valid_until=valid_until,
        valid_on=valid_on,
        valid_on_reason=reason,
        assumes_issued=assumes_issued,
        valid_on_text=shown(valid_on_text) if valid_on_text else None,
        rule=rule_id,
        exclusion=exclusion_id,
        extension_days=extension_days,
        window=window,
        nearest_window=nearest_window,
        legal_basis=tuple(shown(legal_basis_text(basis, language)) for basis in bases) + tuple(map(shown, own_basis)),
        legal_links=tuple(LegalLink(shown(short_title(t, language)), t.url) for t in _cited_texts(bases)),
        rights=tuple(shown(right) for right in rights),
        rights_note=shown(rights_note) if rights_note else None,
        limits=shown(limits) if limits else None,
        advice=shown(advice) if advice else None,
        explanation_text="\n\n".join([head, *paragraphs, *tail]),
        language=language,
    )


def format_date(day: date, language: Language) -> str:
    """A date as people write it in this language: « 1er mars 2020 », "12 September 2020"."""
    return language.write_date(day)


def short_title(text: LegalText, language: Language) -> str:
    """The title up to its date ("Ordonnance n° 2020-328 du 25 mars 2020"), or the whole title; in a translation,
    as its catalogue's `short_title` form says (with the original's short title beside it, if it wants)."""
    title = _up_to_date(text, language)
    if language.original is None:
        return title
    return language.say("legal_basis", "short_title", title=title, original=_up_to_date(text, language.original))


def _up_to_date(text: LegalText, language: Language) -> str:
    title = text.title.in_(language)
    signed = language.write_date(text.signed, figures=False)  # as the title writes it
    cut = title.find(signed)
    return title[: cut + len(signed)] if cut >= 0 else title


def cited_text(text: LegalText, language: Language) -> str:
    """A text named mid-sentence: « l'ordonnance n° 2020-460 du 22 avril 2020 », "ordinance no. 2020-460 of …"."""
    title = short_title(text, language)
    # Mid-sentence, "ordonnance" and "loi" are common nouns: lower-case the first letter.
    return language.sentences["cited_text"][text.kind].format(title=title[:1].lower() + title[1:])


def _cited_texts(bases: tuple[LegalBasis, ...]) -> tuple[LegalText, ...]:
    """Every text the citations name, each once, in the order cited."""
    return tuple(dict.fromkeys(t for basis in bases for t in basis.texts()))


def legal_basis_text(basis: LegalBasis, language: Language) -> str:
    """A legal basis as one citation, with the amending text and any unverified point."""
    forms = language.sentences["legal_basis"]
    title = short_title(basis.text, language)
    # {name}: the title as a common noun, lower-cased as a language that wants it writes it after a label's colon or
    # inside a sentence (« Base légale : ordonnance n° 2020-328 … »); {text}: as the title is written.
    cited = forms["article"].format(text=title, name=title[:1].lower() + title[1:],
                                    article=article_text(basis, language))
    if basis.as_amended_by is not None:
        amending = basis.as_amended_by
        cited = forms[amending.change or "rewritten"].format(
            basis=cited, text=cited_text(amending.text, language), article=article_text(amending, language))
    if basis.unverified is not None:
        cited = forms["unverified"].format(basis=cited, note=basis.unverified.in_(language))
    return cited


def article_text(basis: LegalBasis, language: Language) -> str:
    """The article as the language names one (« art. 15, I », « المادة 15, I »): its number is written once, in
    the first language's numbering, and is isolated as a whole where the language's direction could turn it."""
    number = basis.article
    if number == "1":  # the first article, as the language names it: « 1er » in French
        number = language.say("legal_basis", "first_article")
    return language.say("legal_basis", "article_number", number=isolate_value(number, language))


def answer_to_dict(answer: Answer) -> dict[str, Any]:
    """The answer as JSON-ready data (ISO dates, lists), for the command line and the web page.

    The explanation is plain text whose paragraphs are separated by a blank line."""
    def window(w: ExpiryWindow | None) -> dict[str, str] | None:
        return None if w is None else {"start": w.start.isoformat(), "end": w.end.isoformat()}

    return {
        "document": answer.document,
        "document_name": answer.document_name,
        "lang": answer.lang,
        "expiry": answer.expiry.isoformat(),
        "on": answer.on.isoformat() if answer.on else None,
        "issued": answer.issued.isoformat() if answer.issued else None,
        "covered": answer.covered,
        "valid_until": answer.valid_until.isoformat() if answer.valid_until else None,
        "valid_on": answer.valid_on,
        "valid_on_reason": answer.valid_on_reason,
        "assumes_issued": answer.assumes_issued,
        "valid_on_text": answer.valid_on_text,
        "rule": answer.rule,
        "exclusion": answer.exclusion,
        "extension_days": answer.extension_days,
        "window": window(answer.window),
        "nearest_window": window(answer.nearest_window),
        "legal_basis": list(answer.legal_basis),
        "legal_links": [{"label": link.label, "url": link.url} for link in answer.legal_links],
        "explanation": answer.explanation,
        "rights": list(answer.rights),
        "rights_note": answer.rights_note,
        "limits": answer.limits,
        "advice": answer.advice,
    }
