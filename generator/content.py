"""Reads every content file, checks it against its schema and across files, and returns the site's model."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

from checker.rules import Measures, build_measures

from .language_marks import LETTERS
from .plurals import NoPluralRule, categories_counts_take, plural_rule
from .schema import (
    ContentError,
    Date,
    Decimal,
    Integer,
    ListOf,
    Located,
    MapOf,
    Record,
    Sentence,
    Slug,
    Str,
    Text,
    Url,
    _join,
    load_yaml,
)
from .settings import EXAMPLE_PUBLISHER
from .site_plan import SitePlan


class ContentInvalid(Exception):
    """Raised with every error found, so that an editor can fix them all in one pass."""

    def __init__(self, errors: list[ContentError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))

    def report(self) -> str:
        """What an editor sees, whichever command loaded the content: the count, then one line per error."""
        count = len(self.errors)
        return f"{count} content error{'s' if count > 1 else ''}; nothing was built:\n{self}"


# --- Schemas, one per kind of file -------------------------------------------------------------

# Which {placeholders} a text may hold: the checker fills in none, pages fill in the last day of the
# extensions, amounts of money and a rule's facts ({days:A}, {first_days:A}: the days of its first version,
# {window_start:A}, {window_end:A}); a procedure's texts also its own fee.
RULE_TEXT = Text(placeholders=())
RULE_FACTS = ("days", "first_days", "window_start", "window_end")  # {days:C}: rule C's number of days, …
PAGE_TEXT = Text(placeholders=("last_day", "eur", "procedures", *RULE_FACTS))
PROCEDURE_TEXT = Text(placeholders=("last_day", "eur", "fee", *RULE_FACTS))

# A source: a date when it carries one (a page or a text), none for an undated web page.
SOURCE = Record({"title": RULE_TEXT, "url": Url(), "date": Date()}, optional=["url", "date"])

PREFECTURE = Record(
    {
        "name": RULE_TEXT,
        "short_name": Str(),
        "contacts_source": RULE_TEXT,
        "address": ListOf(Str(), min_items=1, what="address line"),
        "phone": Str(),
        "email": Url(),
        "website": Url(),
    },
    optional=["email"],
)

# Whoever publishes the site (LCEN art. 6-III): name, contact, publication director, host.
PUBLISHER = Record(
    {
        "name": RULE_TEXT,
        "address": ListOf(Str(), min_items=1, what="address line"),
        "contact": Url(),
        "director": Str(),
        "host": Record({"name": Str(), "address": ListOf(Str(), min_items=1, what="address line"),
                        "contact": Url()}),
    }
)


def _one_fee_basis(fee: Located, out) -> bool:
    """A fee names the article that sets it (`legal_basis`) or says that none was found (`no_basis`): one of them."""
    given = [name for name in ("legal_basis", "no_basis") if name in fee]
    if len(given) != 1:
        out.error(None, fee.path, "give either legal_basis (the article that sets the fee) or no_basis (that no text "
                  "setting one was found)" + (", not both" if given else ""), line=fee.line)
        return False
    return True


def _window_in_order(window: Located, out) -> bool:
    if window["end"] < window["start"]:
        out.error(None, f"{window.path}.end", f"the window ends ({window['end']}) before it starts ({window['start']})",
                  line=window.field_lines["end"])
        return False
    return True


LEGAL_REFERENCE = Record({"text": Slug(), "article": Str(),
                          "change": Str(r"rewritten|inserted", "use rewritten (new wording) or inserted (new article)")})
LEGAL_BASIS = Record(
    {"text": Slug(), "article": Str(), "as_amended_by": LEGAL_REFERENCE, "unverified": RULE_TEXT},
    optional=["as_amended_by", "unverified"],
)

# A document given while an application waits for a decision (a récépissé, an ANEF attestation): the wait it
# covers, the article that provides it, its sources, and what was not verified.
COVERS = Record({"text": RULE_TEXT, "legal_basis": RULE_TEXT, "sources": ListOf(SOURCE, min_items=1, what="source"),
                 "unverified": RULE_TEXT}, optional=["unverified"])

# The time limit to file a renewal today: from the Nth to the Mth day before the document ends, for the document
# types listed; the reminder (.ics) the history makes for its last document reads it.
RENEWAL_WINDOW = Record({"documents": ListOf(Slug(), min_items=1, what="document id"),
                         "first_day_before": Integer(minimum=1, unit="day"),
                         "last_day_before": Integer(minimum=1, unit="day"),
                         "legal_basis": RULE_TEXT, "sources": ListOf(SOURCE, min_items=1, what="source"),
                         "unverified": RULE_TEXT}, optional=["unverified"])

MEASURES = Record(
    {
        "counting": Record({"convention": RULE_TEXT, "months_note": Text(placeholders=(
            "longest", "shortest", "first_day", "first_day_extended", "first_day_months_later"))}),
        "legal_texts": ListOf(
            Record({"id": Slug(), "kind": Str(r"ordonnance|loi|décret", "use ordonnance, loi or décret"),
                    "title": RULE_TEXT, "signed": Date(), "published": Date(), "url": Url()}),
            min_items=1, what="legal text",
        ),
        "documents": ListOf(
            Record({"id": Slug(), "name": RULE_TEXT, "short_name": RULE_TEXT, "rights": ListOf(Slug(), what="right id"),
                    "limits": RULE_TEXT, "advice": Slug(), "covers": COVERS},
                   optional=["short_name", "rights", "limits", "advice", "covers"]),
            min_items=1, what="document",
        ),
        "rules": ListOf(
            Record(
                {
                    "id": Str(),
                    "documents": ListOf(Slug(), min_items=1, what="document id"),
                    "expiry_window": Record({"start": Date(), "end": Date()}, check=_window_in_order),
                    "extension_days": Integer(minimum=1, unit="day"),
                    "legal_basis": LEGAL_BASIS,
                    "history": ListOf(
                        # The note says {old_days} and {days}: the rule's numbers, written once.
                        Record({"extension_days": Integer(minimum=1, unit="day"), "legal_basis": LEGAL_BASIS,
                                "note": Text(placeholders=("days", "old_days"))}),
                        what="earlier version",
                    ),
                },
                optional=["history"],
            ),
            min_items=1, what="rule",
        ),
        "exclusions": ListOf(
            Record({"id": Slug(), "documents": ListOf(Slug(), min_items=1, what="document id"),
                    "reason": RULE_TEXT, "legal_bases": ListOf(LEGAL_BASIS, min_items=1, what="legal basis")}),
            what="exclusion",
        ),
        "scope": RULE_TEXT,
        "rights": ListOf(Record({"id": Slug(), "text": RULE_TEXT}), min_items=1, what="right"),
        "rights_source": RULE_TEXT,
        "advice": ListOf(Record({"id": Slug(), "text": RULE_TEXT}), what="piece of advice"),
        "official_notice": PAGE_TEXT,
        "today": ListOf(PAGE_TEXT, min_items=1, what="paragraph"),
        "later_extensions": RULE_TEXT,
        # What followed a document whose extension ended unrenewed: the checker says it too, so no placeholder.
        "after_extension": RULE_TEXT,
        "examples": ListOf(Record({"document": Slug(), "expiry": Date()}), what="example"),
        "renewal_window": RENEWAL_WINDOW,
    }
)

PROCEDURE = Record(
    {
        "slug": Slug(),
        "title": RULE_TEXT,
        "summary": PROCEDURE_TEXT,
        "audience": PROCEDURE_TEXT,
        # Where the procedure is done now, dated by its own sources.
        "today": Record({"text": PROCEDURE_TEXT, "unverified": PROCEDURE_TEXT,
                         "sources": ListOf(SOURCE, min_items=1, what="source")}, optional=["unverified"]),
        "documents": ListOf(PROCEDURE_TEXT, min_items=1, what="document"),
        # The amounts in time, newest first, each from the day it took effect (the oldest may have none), as
        # OpenFisca keeps a parameter; `year` is the year the page speaks of, whose amount {fee} says.
        "fee": Record(
            {"values": ListOf(Record({"since": Date(), "amount": Decimal()}, optional=["since"]), min_items=1,
                              what="amount"),
             # The article that sets the fee, or (no_basis) that no text setting one was found: shown under labels
             # of their own, so « Base légale : » is never followed by "no fee was found".
             "year": Integer(minimum=2000), "legal_basis": PROCEDURE_TEXT, "no_basis": PROCEDURE_TEXT,
             "details": PROCEDURE_TEXT, "unverified": PROCEDURE_TEXT,
             # What it costs now: an amount that took effect after `year` is today's (from `values`); `basis`
             # says what it is and under which article, or that today's amount is not known.
             "today": Record({"basis": PROCEDURE_TEXT, "unverified": PROCEDURE_TEXT,
                              "sources": ListOf(SOURCE, min_items=1, what="source")}, optional=["unverified"])},
            optional=["details", "unverified", "legal_basis", "no_basis"], check=_one_fee_basis,
        ),
        "steps": ListOf(PROCEDURE_TEXT, min_items=1, what="step"),
        "notes": ListOf(PROCEDURE_TEXT, what="note"),
        "related": ListOf(Slug(), what="procedure slug"),
        "sources": ListOf(SOURCE, min_items=1, what="source"),
    },
    optional=["notes", "related"],
)

NEWS = ListOf(
    Record(
        {"date": Date(), "title": PAGE_TEXT, "body": PAGE_TEXT, "procedures": ListOf(Slug(), what="procedure slug"),
         "sources": ListOf(SOURCE, what="source")},
        optional=["procedures", "sources"],
    ),
    min_items=1, what="news item",
)

SECTION = Record({"heading": PAGE_TEXT, "body": PAGE_TEXT})

SITE = Record(
    {
        "site_name": RULE_TEXT,
        "description": RULE_TEXT,
        "service_2020": Record({"url": Url(), "announced": Date(), "text": PAGE_TEXT,
                                "after_request": ListOf(PAGE_TEXT, min_items=1, what="step")}),
        "current_service": Record({"name": RULE_TEXT, "url": Url()}),
        "home": Record({"intro": PAGE_TEXT}),
        # Where a resident gets help today (legal notice and PDF), each way with its sources.
        "help_today": ListOf(PAGE_TEXT, min_items=1, what="way to get help"),
        "help_sources": ListOf(SOURCE, min_items=1, what="source"),
        "legal_notice": ListOf(SECTION, min_items=1, what="section"),
        "accessibility": ListOf(SECTION, min_items=1, what="section"),
        "accessibility_updated": Date(),  # the day the accessibility statement was last brought up to date
        "sources": ListOf(SOURCE, min_items=1, what="source"),
    }
)

# A language's catalogue (content/i18n/<code>.yml): its locale, the interface's words, the checker's sentences.
SENTENCE = Str(keep_spaces=True)
CATALOGUE = Record(
    {
        "locale": Record(
            {
                "name": Str(), "english_name": Str(), "direction": Str(r"ltr|rtl", "use ltr or rtl"),
                "script": Str("|".join(LETTERS), f"use the ISO 15924 code of one of {', '.join(LETTERS)}"),
                "search": Str(), "months": ListOf(Str(), min_items=12, what="month"),
                "date": Record({"first": Str(), "other": Str(), "with_figures": Str()}, optional=["with_figures"]),
                "money": Str(), "decimal_mark": Str(),
                "colon": SENTENCE, "list_separator": SENTENCE, "space_before": SENTENCE, "space_after": SENTENCE,
                "quote": Str(),
                # Other names of each month, read in a date, never written: one list a month, January first.
                "month_variants": ListOf(ListOf(Str(), min_items=1, what="name"), min_items=12, what="month"),
            },
            optional=["search", "space_before", "space_after", "month_variants"],
        ),
        "labels": MapOf(Sentence()),
        "checker": MapOf(MapOf(Sentence())),
    }
)


# --- The model ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Content:
    """Everything the pages, the PDF and the checker data are made from."""

    site: Located
    catalogues: dict  # language code -> its validated catalogue, in the configured order
    prefecture: Located
    prefecture_id: str
    publisher: Located
    measures: Located
    procedures: list[Located]
    news: list[Located]
    files: tuple[Path, ...]
    publisher_id: str = ""  # the file name in content/publishers/

    @property
    def demonstration(self) -> bool:
        """Built with the example publisher, whose name and contacts are placeholders (generator/settings.py)."""
        return self.publisher_id == EXAMPLE_PUBLISHER

    def procedure(self, slug: str) -> Located:
        return next(p for p in self.procedures if p["slug"] == slug)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.catalogues)

    @cached_property
    def plan(self) -> SitePlan:
        """Where each language and each page is served (generator/site_plan.py)."""
        return SitePlan(self.languages, tuple(procedure["slug"] for procedure in self.procedures))

    def rules_data(self) -> dict:
        """What the checker carries (its rules file, checker/data.py): the measures and each language's locale and
        sentences."""
        return {**self.measures, "languages": [{"code": code, "locale": catalogue["locale"],
                                                "plural": plural_rule(code), "checker": catalogue["checker"]}
                                               for code, catalogue in self.catalogues.items()]}

    @cached_property
    def rules(self) -> Measures:
        """The checker's model of the measures, built from the validated content directly (the same function
        reads the rules file in the command line and the browser): pages, examples and PDF use it, so they cannot
        disagree with the calculator. Built once per build."""
        return build_measures(self.rules_data())


def load_content(content_dir: Path, prefecture: str, publisher: str, languages: tuple[str, ...]) -> Content:
    """Load and check everything; raise ContentInvalid listing every problem, or return the model.

    `languages`: the configured ones (mkdocs.yml), the first at the site's root; each needs its catalogue
    content/i18n/<code>.yml, and every text of the content is checked to be written in each."""
    content_dir = Path(content_dir)
    errors: list[ContentError] = []
    files: list[Path] = []
    names: dict[str, str] = {}
    written = tuple(path.stem for path in sorted((content_dir / "i18n").glob("*.yml")))

    def read(path: Path, schema):
        files.append(path)
        shown = _shown(path, content_dir)
        if not path.is_file():
            errors.append(ContentError(shown, 1, "", "file not found"))
            return None
        text, refused = _readable_text(path.read_bytes(), shown)
        if text is None:
            errors.extend(refused)
            return None
        value, found = load_yaml(text, shown, schema, names, written)
        # A key given twice in a record is reported by the schema as well: each message once.
        errors.extend(refused + [error for error in found if error not in refused])
        return value

    catalogues = {}
    for code in languages:
        path = content_dir / "i18n" / f"{code}.yml"
        if not path.is_file():
            raise ContentInvalid([ContentError(_shown(path, content_dir), 1, "languages",
                                               f"the language {code!r} is configured but has no catalogue; "
                                               f"known: {', '.join(written)}")])
        catalogues[code] = read(path, CATALOGUE)
        if catalogues[code] is not None:
            names[code] = catalogues[code]["locale"]["english_name"]
    if errors:
        raise ContentInvalid(errors)
    errors.extend(_same_keys(catalogues, content_dir))
    errors.extend(_plural_forms(catalogues, content_dir))
    site = read(content_dir / "site.yml", SITE)
    chosen = {}
    for option, folder, name, schema in (("prefecture", "prefectures", prefecture, PREFECTURE),
                                         ("publisher", "publishers", publisher, PUBLISHER)):
        path = content_dir / folder / f"{name}.yml"
        if not path.is_file():
            known = sorted(p.stem for p in (content_dir / folder).glob("*.yml"))
            raise ContentInvalid([ContentError(_shown(path, content_dir), 1, option,
                                               f"no such {option} {name!r}; known: {', '.join(known)}")])
        chosen[option] = read(path, schema)
    measures = read(content_dir / "measures.yml", MEASURES)
    news = read(content_dir / "news.yml", NEWS)
    procedures = []
    for path in sorted((content_dir / "procedures").glob("*.yml")):
        procedures.append((path, read(path, PROCEDURE)))

    if not errors:
        errors.extend(_cross_checks(content_dir, measures, procedures, news))
    if errors:
        raise ContentInvalid(errors)
    return Content(
        site=site,
        catalogues=catalogues,
        prefecture=chosen["prefecture"],
        prefecture_id=prefecture,
        publisher=chosen["publisher"],
        measures=measures,
        procedures=[p for _, p in procedures],
        news=sorted(news, key=lambda item: item["date"], reverse=True),
        files=tuple(files),
        publisher_id=publisher,
    )


# --- What a content file may be, before its node tree is made ------------------------------------

# The schemas go six levels deep. Deeper nesting is refused before composing, whose recursion libyaml does in C:
# a list 30,000 levels deep ended the build on signal 11 with no message.
MAX_DEPTH = 20
# YAML's printable characters (PyYAML's reader refuses the others without naming the file), less the line breaks
# editors do not show (U+0085, U+2028, U+2029): YAML counts lines by them, so every later line number was off.
NOT_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\xA0-\u2027\u202A-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")
ANCHORS = "YAML anchors (&) and aliases (*) are not allowed: write each text out in full"
TAGS = "YAML tags (written with !) are not allowed: write the value alone"


def _readable_text(data: bytes, shown: str) -> tuple[str | None, list[ContentError]]:
    """A content file's text and what its structure breaks; the text is None when the schema must not see it.

    Content needs no anchor, alias, tag nor complex key: refusing them before the node tree is made keeps a file
    from expanding a few hundred kilobytes into gigabytes through aliases (each alias a text typeset on every
    page), or from reaching the constructor with a tag the schema never asked for. A key given twice is
    reported at every level (a text's `en:` twice too, which the schema let the last win), and the schema still
    reads the file, so that its other errors come in the same pass."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, [ContentError(shown, line, "", f"the file is not UTF-8: the byte 0x{data[exc.start]:02X} "
                                                    "cannot be read; save it as UTF-8")]
    bad = NOT_PRINTABLE.search(text)
    if bad:
        return None, [ContentError(shown, text.count("\n", 0, bad.start()) + 1, "",
                                   f"the character U+{ord(bad.group()):04X} is not allowed in a content file "
                                   "(invisible in most editors): delete it")]
    errors = _structure_errors(text, shown)
    fatal = [error for error in errors if not error.message.endswith("given twice")]
    return (None, fatal) if fatal else (text, errors)


@dataclass
class _Open:
    """A list or mapping being read, in the event scan of `_structure_errors`."""

    path: str
    keys: set | None  # a mapping's keys so far; None for a list
    key: str | None = None  # in a mapping, the key whose value comes next; None while a key comes next
    index: int = 0


def _structure_errors(text: str, shown: str) -> list[ContentError]:
    """Anchors, aliases, tags, complex keys, nesting deeper than MAX_DEPTH (each stops the scan: the file is
    refused) and keys given twice, from the parser's events: libyaml's parser keeps its own stack, so the scan
    does not recurse however deep the file goes, and it stops at the first level too deep."""
    errors: list[ContentError] = []
    stack: list[_Open] = []

    def refuse(event, path: str, message: str) -> list[ContentError]:
        return [*errors, ContentError(shown, event.start_mark.line + 1, path, message)]

    try:
        for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                stack.pop()
                if stack and stack[-1].keys is not None:
                    stack[-1].key = None
                continue
            if not isinstance(event, yaml.NodeEvent):
                continue
            parent = stack[-1] if stack else None
            if parent is not None and parent.keys is not None and parent.key is None:  # a key
                if isinstance(event, yaml.AliasEvent) or event.anchor is not None:
                    return refuse(event, parent.path, ANCHORS)
                if not isinstance(event, yaml.ScalarEvent):
                    return refuse(event, parent.path, "a key must be a name, not a list or a mapping")
                path = _join(parent.path, event.value)
            elif parent is not None and parent.keys is not None:
                path = _join(parent.path, parent.key)
            elif parent is not None:
                path, parent.index = _join(parent.path, parent.index), parent.index + 1
            else:
                path = ""
            if isinstance(event, yaml.AliasEvent) or event.anchor is not None:
                return refuse(event, path, ANCHORS)
            if event.tag is not None:
                return refuse(event, path, TAGS)
            if isinstance(event, yaml.ScalarEvent):
                if parent is not None and parent.keys is not None:
                    if parent.key is None:
                        if event.value in parent.keys:
                            errors.append(ContentError(shown, event.start_mark.line + 1, path,
                                                       "this key is given twice"))
                        parent.keys.add(event.value)
                        parent.key = event.value
                    else:
                        parent.key = None
                continue
            stack.append(_Open(path, set() if isinstance(event, yaml.MappingStartEvent) else None))
            if len(stack) > MAX_DEPTH:
                return refuse(event, path, f"nested more than {MAX_DEPTH} levels deep; content needs no more "
                                           "than the schema's six")
    except yaml.YAMLError:
        pass  # a syntax error: load_yaml reports it in the pure-Python parser's words
    return errors


def _same_keys(catalogues: dict, content_dir: Path) -> list[ContentError]:
    """Every catalogue has the words the first one has, and no other: a template or the checker asks for each.
    A missing word is reported at the mapping that lacks it, an extra one at its own line."""
    def words(catalogue) -> dict[str, tuple[Located, str]]:
        """Each word's path (labels.x, checker.part.x), with the mapping it stands in and its key there."""
        found = {f"labels.{key}": (catalogue["labels"], key) for key in catalogue["labels"]}
        for part, sentences in catalogue["checker"].items():
            found.update({f"checker.{part}.{key}": (sentences, key) for key in sentences})
        return found

    errors = []
    (first, reference), *others = catalogues.items()
    expected = words(reference)
    for code, catalogue in others:
        shown, found = _shown(content_dir / "i18n" / f"{code}.yml", content_dir), words(catalogue)
        for path in expected.keys() - found.keys():
            part, *inner = path.split(".")[:-1]
            # The line of the key that holds the missing word: `labels:`, or `checker:`'s part (`cli:`).
            line = (catalogue["checker"].field_lines.get(inner[0]) if inner else None) or catalogue.field_lines[part]
            errors.append(ContentError(shown, line, path, f"missing (content/i18n/{first}.yml has it)"))
        for path in found.keys() - expected.keys():
            mapping, key = found[path]
            errors.append(ContentError(shown, mapping.field_lines[key], path,
                                       f"not in content/i18n/{first}.yml: no template or sentence uses it"))
    return sorted(errors, key=lambda error: (error.line, error.field))


def _plural_forms(catalogues: dict, content_dir: Path) -> list[ContentError]:
    """Each sentence written in plural forms has the forms its language's counts take (CLDR, generator/plurals.py)
    and no form the language does not have: Arabic needs six, English two."""
    errors = []
    for code, catalogue in catalogues.items():
        shown = _shown(content_dir / "i18n" / f"{code}.yml", content_dir)
        try:
            has, needs = plural_rule(code)["categories"], categories_counts_take(code)
        except NoPluralRule as exc:
            errors.append(ContentError(shown, 1, "locale", f"{exc}: use a language code CLDR knows (fr, en, ar…)"))
            continue
        needs = (*needs, "other") if "other" not in needs else needs
        parts = [("labels", catalogue["labels"]), *((f"checker.{part}", sentences)
                                                   for part, sentences in catalogue["checker"].items())]
        for where, sentences in parts:
            for key, sentence in sentences.items():
                if not isinstance(sentence, dict):
                    continue
                name = catalogue["locale"]["english_name"]
                for missing in (c for c in needs if c not in sentence):
                    errors.append(ContentError(shown, sentence.line, f"{where}.{key}.{missing}",
                                               f"missing: {name} counts need the forms {', '.join(needs)}"))
                for extra in (c for c in sentence if c != "plural" and c not in has):
                    errors.append(ContentError(shown, sentence.field_lines[extra], f"{where}.{key}.{extra}",
                                               f"{name} has no {extra!r} form; its forms: {', '.join(has)}"))
    return errors


def _shown(path: Path, content_dir: Path) -> str:
    try:
        return str(path.relative_to(content_dir.parent))
    except ValueError:
        return str(path)


def _cross_checks(content_dir: Path, measures: Located, procedures, news) -> list[ContentError]:
    """What no single field can know: unique slugs and ids, and references that lead somewhere."""
    errors: list[ContentError] = []
    seen_slugs: dict[str, str] = {}
    for path, procedure in procedures:
        shown = _shown(path, content_dir)
        slug = procedure["slug"]
        if slug in seen_slugs:
            errors.append(ContentError(shown, procedure.field_lines["slug"], "slug",
                                       f"the slug {slug!r} is already used by {seen_slugs[slug]}"))
        else:
            seen_slugs[slug] = shown

    def refs(shown: str, items, lines, field: str, known, what: str):
        for index, (ref, line) in enumerate(zip(items, lines)):
            if ref not in known:
                errors.append(ContentError(shown, line, f"{field}[{index}]",
                                           f"there is no {what} {ref!r}; known: {', '.join(sorted(known))}"))

    for path, procedure in procedures:
        if "related" in procedure:
            refs(_shown(path, content_dir), procedure["related"], procedure["related"].item_lines, "related",
                 seen_slugs, "procedure")
    news_file = _shown(content_dir / "news.yml", content_dir)
    for index, item in enumerate(news):
        if "procedures" in item:
            refs(news_file, item["procedures"], item["procedures"].item_lines, f"[{index}].procedures",
                 seen_slugs, "procedure")

    measures_file = _shown(content_dir / "measures.yml", content_dir)
    for list_name in ("legal_texts", "documents", "rules", "exclusions", "rights", "advice"):
        ids: set[str] = set()
        for index, entry in enumerate(measures[list_name]):
            if entry["id"] in ids:
                errors.append(ContentError(measures_file, entry.field_lines["id"], f"{list_name}[{index}].id",
                                           f"the id {entry['id']!r} is used twice"))
            ids.add(entry["id"])
    documents = {d["id"] for d in measures["documents"]}
    texts = {t["id"] for t in measures["legal_texts"]}
    rights = {r["id"] for r in measures["rights"]}
    advice = {a["id"] for a in measures["advice"]}
    for index, document in enumerate(measures["documents"]):
        path = f"documents[{index}]"
        if "rights" in document:
            refs(measures_file, document["rights"], document["rights"].item_lines, f"{path}.rights", rights, "right")
        if "advice" in document:
            refs(measures_file, [document["advice"]], [document.field_lines["advice"]], f"{path}.advice", advice,
                 "piece of advice")
    for list_name in ("rules", "exclusions"):
        for index, entry in enumerate(measures[list_name]):
            path = f"{list_name}[{index}]"
            refs(measures_file, entry["documents"], entry["documents"].item_lines, f"{path}.documents",
                 documents, "document")
            if "legal_bases" in entry:
                bases = [(f"{path}.legal_bases[{i}]", b) for i, b in enumerate(entry["legal_bases"])]
            else:
                bases = [(f"{path}.legal_basis", entry["legal_basis"])]
            bases += [(f"{path}.history[{i}].legal_basis", h["legal_basis"]) for i, h in
                      enumerate(entry.get("history", []))]
            for field, basis in bases:
                refs(measures_file, [basis["text"]], [basis.field_lines["text"]], f"{field}.text", texts,
                     "legal text")
                if "as_amended_by" in basis:
                    amended = basis["as_amended_by"]
                    refs(measures_file, [amended["text"]], [amended.field_lines["text"]],
                         f"{field}.as_amended_by.text", texts, "legal text")
    window = measures["renewal_window"]
    refs(measures_file, window["documents"], window["documents"].item_lines, "renewal_window.documents", documents,
         "document")
    if window["last_day_before"] >= window["first_day_before"]:
        errors.append(ContentError(measures_file, window.field_lines["last_day_before"], "renewal_window.last_day_before",
                                   "the window's last day must come after its first day: give fewer days before"))
    examples = measures["examples"]
    refs(measures_file, [e["document"] for e in examples], [e.field_lines["document"] for e in examples],
         "examples.document", documents, "document")
    return errors
