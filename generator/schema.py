"""A small declarative schema for the YAML content: each field checks itself and names file, line and field."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable

import yaml

from .markup import LINK_SCHEMES, refused_links


@dataclass(frozen=True)
class ContentError:
    """One problem in one content file, as an editor needs to see it."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class Located(dict):
    """A validated mapping that remembers where it and each of its fields stood."""

    line: int = 0
    field_lines: dict[str, int]
    path: str = ""


class LocatedList(list):
    line: int = 0
    item_lines: list[int]
    path: str = ""


class Checker:
    """Collects errors for one file while a schema walks its nodes."""

    def __init__(self, file: str, languages: dict[str, str] | None = None, written: tuple[str, ...] = ()) -> None:
        self.file = file
        self.errors: list[ContentError] = []
        # The configured languages, code -> English name (for messages), in the configured order; and every
        # language a catalogue exists for (a text in one of those that is not configured is left aside).
        self.languages = languages or {}
        self.written = set(written) | set(self.languages)

    def error(self, node: yaml.Node | None, path: str, message: str, line: int | None = None) -> None:
        if line is None:
            line = node.start_mark.line + 1 if node is not None else 1
        self.errors.append(ContentError(self.file, line, path, message))


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _scalar_value(node: yaml.Node) -> Any:
    # The safe constructor gives YAML's own meaning to a scalar: int, float, date.
    return yaml.constructor.SafeConstructor().construct_object(node, deep=True)


class Field:
    """A schema element; `check` returns the value, or None after reporting errors."""

    kind = "value"

    def check(self, node: yaml.Node, path: str, out: Checker) -> Any:
        raise NotImplementedError


class Str(Field):
    kind = "text"

    def __init__(self, pattern: str | None = None, hint: str = "", keep_spaces: bool = False) -> None:
        self.pattern = re.compile(pattern) if pattern else None
        self.hint = hint
        self.keep_spaces = keep_spaces  # a separator (" ; ") is its spaces

    def check(self, node, path, out):
        if not isinstance(node, yaml.ScalarNode) or node.tag == "tag:yaml.org,2002:null":
            out.error(node, path, f"expected {self.kind}")
            return None
        value = node.value if self.keep_spaces else node.value.strip()
        if not value.strip():
            out.error(node, path, "must not be empty")
            return None
        if self.pattern and not self.pattern.fullmatch(value):
            out.error(node, path, f"{value!r} is not valid: {self.hint}")
            return None
        return value


class Slug(Str):
    def __init__(self) -> None:
        super().__init__(r"[a-z0-9]+(?:-[a-z0-9]+)*", "use lower-case letters, digits and hyphens")


class Url(Str):
    kind = "link"

    def __init__(self) -> None:
        # No space, quote, angle bracket, backslash or backtick: an address is written into pages as it is.
        super().__init__(r"(?:https?://|mailto:|tel:)[^\s\"'<>\\`]+",
                         "a link must start with http://, https://, mailto: or tel:, with no space, quote, <, >, "
                         "\\ or ` in it")


class Integer(Field):
    def __init__(self, minimum: int | None = None, unit: str = "") -> None:
        self.minimum = minimum
        self.unit = unit

    def check(self, node, path, out):
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:int":
            out.error(node, path, "expected a whole number")
            return None
        value = int(_scalar_value(node))
        if self.minimum is not None and value < self.minimum:
            out.error(node, path, f"must be at least {self.minimum} {self.unit}".rstrip() + f", got {value}")
            return None
        return value


class Decimal(Field):
    def check(self, node, path, out):
        if not isinstance(node, yaml.ScalarNode) or node.tag not in (
            "tag:yaml.org,2002:int",
            "tag:yaml.org,2002:float",
        ):
            out.error(node, path, "expected a number")
            return None
        value = _scalar_value(node)
        if value < 0:
            out.error(node, path, f"must not be negative, got {value}")
            return None
        return value


class Date(Field):
    kind = "date"

    def check(self, node, path, out):
        bad = f"expected a date written YYYY-MM-DD, got {getattr(node, 'value', '')!r}"
        if not isinstance(node, yaml.ScalarNode):
            out.error(node, path, "expected a date written YYYY-MM-DD")
            return None
        try:
            value = _scalar_value(node) if node.tag == "tag:yaml.org,2002:timestamp" else date.fromisoformat(node.value)
        except ValueError:
            out.error(node, path, _impossible_day(node.value) or bad)
            return None
        if not isinstance(value, date) or hasattr(value, "hour") or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", node.value):
            out.error(node, path, bad)
            return None
        return value


def _impossible_day(written: str) -> str | None:
    """Why a date written YYYY-MM-DD names no day of the calendar (2020-02-30), or None if it is not that."""
    parts = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", written.strip())
    if parts is None:
        return None
    year, month, day = (int(part) for part in parts.groups())
    impossible = f"{written.strip()!r} is an impossible date"
    if year == 0:
        return f"{impossible}: there is no year 0"
    if not 1 <= month <= 12:
        return f"{impossible}: there is no month {month}"
    length = calendar.monthrange(year, month)[1]
    if 1 <= day <= length:
        return None
    return f"{impossible}: {calendar.month_name[month]} {year} has {length} days"


# A placeholder in a content text: {last_day}, {fee}, {eur:75}, {days:A}. Filled in per language when a page is made.
PLACEHOLDER = re.compile(r"\{([a-z_]+)(?::([A-Za-z0-9][A-Za-z0-9.\-]*))?\}")


class Text(Field):
    """A text in each configured language: {fr: ..., en: ...}, none missing nor empty.

    `placeholders`: the {names} the text may hold (None: any, for labels that name their own)."""

    def __init__(self, placeholders: tuple[str, ...] | None = None) -> None:
        self.placeholders = placeholders

    def check(self, node, path, out):
        codes = list(out.languages)
        if not isinstance(node, yaml.MappingNode):
            out.error(node, path, "expected a text in each language, written as {"
                      + ", ".join(f"{code}: ..." for code in codes) + "}")
            return None
        seen: dict[str, str] = {}
        for key_node, value_node in node.value:
            lang = key_node.value
            if lang not in out.written:
                out.error(key_node, _join(path, lang), f"unknown language {lang!r}: use {', '.join(codes)}")
                continue
            if lang not in out.languages:
                continue
            value = Str().check(value_node, _join(path, lang), out)
            if value is not None and self.placeholders is not None:
                unknown = [m.group(0) for m in PLACEHOLDER.finditer(value) if m.group(1) not in self.placeholders]
                if unknown:
                    known = ", ".join("{" + name + "}" for name in self.placeholders) or "none here"
                    out.error(value_node, _join(path, lang), f"unknown placeholder {unknown[0]}; known: {known}")
                    value = None
            refused = refused_links(value) if value is not None else []
            if refused:
                out.error(value_node, _join(path, lang), f"link to {refused[0]!r}: a link in a text goes to an "
                          f"address starting with {', '.join(LINK_SCHEMES)}, with no space, quote or bracket in it")
                value = None
            if value is not None:
                seen[lang] = value
        for lang, name in out.languages.items():
            if lang not in seen and not any(k.value == lang for k, _ in node.value):
                out.error(node, _join(path, lang), f"the {name} text is missing")
        # In the configured order, whatever order the file wrote them in.
        return {lang: seen[lang] for lang in codes} if len(seen) == len(codes) else None


class ListOf(Field):
    def __init__(self, item: Field, min_items: int = 0, what: str = "item") -> None:
        self.item = item
        self.min_items = min_items
        self.what = what

    def check(self, node, path, out):
        if not isinstance(node, yaml.SequenceNode):
            out.error(node, path, f"expected a list of {self.what}s")
            return None
        result = LocatedList()
        result.line = node.start_mark.line + 1
        result.item_lines = []
        result.path = path
        failed = False
        for index, item_node in enumerate(node.value):
            value = self.item.check(item_node, _join(path, index), out)
            failed |= value is None
            result.append(value)
            result.item_lines.append(item_node.start_mark.line + 1)
        if len(result) < self.min_items:
            out.error(node, path, f"list at least {self.min_items} {self.what}" + ("s" if self.min_items > 1 else ""))
            return None
        return None if failed else result


def _open_mapping(node, path: str, out: Checker, expected: str):
    """A mapping node's validated shell (where it and each key stand) and its entries, each key once.

    Returns (None, [], True) after reporting a node that is not a mapping; a key given twice is reported
    and its second value left out."""
    if not isinstance(node, yaml.MappingNode):
        out.error(node, path or "(file)", expected)
        return None, [], True
    result = Located()
    result.line = node.start_mark.line + 1
    result.field_lines = {}
    result.path = path
    entries, failed = [], False
    for key_node, value_node in node.value:
        key = key_node.value
        if key in result.field_lines:
            out.error(key_node, _join(path, key), "this key is given twice")
            failed = True
            continue
        result.field_lines[key] = key_node.start_mark.line + 1
        entries.append((key, key_node, value_node))
    return result, entries, failed


class Record(Field):
    """A mapping with known fields; unknown fields are refused, so a typo such as `titel` is caught."""

    def __init__(self, fields: dict[str, Field], optional: Iterable[str] = (), check=None) -> None:
        self.fields = fields
        self.optional = set(optional)
        self.extra_check = check

    def check(self, node, path, out):
        result, entries, failed = _open_mapping(
            node, path, out, f"expected a mapping with the fields {', '.join(self.fields)}")
        if result is None:
            return None
        meant = set()  # fields a misspelled key was taken for: not reported again as missing
        for key, key_node, value_node in entries:
            if key not in self.fields:
                absent = [name for name in self.fields if name not in result.field_lines]
                guess = closest_name(key, absent) or closest_name(key, self.fields)
                hint = f" (did you mean {guess!r}?)" if guess else f"; known fields: {', '.join(self.fields)}"
                out.error(key_node, _join(path, key), f"unknown field{hint}")
                meant.add(guess)
                failed = True
                continue
            value = self.fields[key].check(value_node, _join(path, key), out)
            failed |= value is None
            result[key] = value
        for name in self.fields:
            if name not in result.field_lines and name not in self.optional and name not in meant:
                out.error(node, _join(path, name), "required field is missing")
                failed = True
        if failed:
            return None
        if self.extra_check and not self.extra_check(result, out):
            return None
        return result


def _edits(typed: str, known: str) -> int:
    """Letters added, dropped, changed or swapped with their neighbour to turn one name into the other."""
    previous, current = None, list(range(len(known) + 1))
    for i, a in enumerate(typed, 1):
        before, previous, current = previous, current, [i] + [0] * len(known)
        for j, b in enumerate(known, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b))
            if before is not None and j > 1 and a == known[j - 2] and typed[i - 2] == b:
                current[j] = min(current[j], before[j - 2] + 1)
    return current[-1]


def closest_name(typed: str, known: Iterable[str]) -> str | None:
    """The known name a typo most likely meant (`sumary`: `summary`), or None when none is near: one slip in a
    short name, two in a name of seven letters or more; the first listed wins a tie."""
    allowed = 1 if len(typed) < 7 else 2
    near = [(_edits(typed, name), index, name) for index, name in enumerate(known)]
    near = [entry for entry in near if entry[0] <= allowed]
    return min(near)[2] if near else None


def _compose(text: str):
    """The YAML node tree, with lines. libyaml (C) when PyYAML has it, ten times faster than the pure-Python
    parser; for a file with a syntax error, the pure-Python parser, whose messages the editors see."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.compose(text, Loader=fast)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def load_yaml(text: str, file: str, schema: Field, languages: dict[str, str] | None = None,
              written: tuple[str, ...] = ()) -> tuple[Any, list[ContentError]]:
    """Parse and validate one file's text; a syntax error is reported like any other. `languages`: the
    configured ones (code -> English name), which every text must be written in."""
    out = Checker(file, languages, written)
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        out.error(None, "", f"YAML syntax error: {exc.problem or exc}", line=line)
        return None, out.errors
    if node is None:
        out.error(None, "", "the file is empty")
        return None, out.errors
    value = schema.check(node, "", out)
    return value, out.errors


# CLDR's plural categories: a sentence with a count is written in the forms its language's counts take.
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")


class Sentence(Field):
    """A catalogue's sentence: a text, or the forms of a sentence with a count, chosen by the count's language rule:

        days_left:
          plural: days               # the {placeholder} whose number chooses the form
          one: "{days} jour"
          other: "{days} jours"

    Which forms a language needs is known only with its code: generator/content.py checks that, per catalogue."""

    kind = "sentence"

    def __init__(self) -> None:
        self.text = Str(keep_spaces=True)

    def check(self, node, path, out):
        if not isinstance(node, yaml.MappingNode):
            return self.text.check(node, path, out)
        result, entries, failed = _open_mapping(node, path, out, "expected a sentence")
        known = ("plural", *PLURAL_CATEGORIES)
        for key, key_node, value_node in entries:
            if key not in known:
                guess = closest_name(key, known)
                hint = f"did you mean {guess!r}?" if guess else f"use plural and the forms {', '.join(PLURAL_CATEGORIES)}"
                out.error(key_node, _join(path, key), f"unknown field: {hint}")
                failed = True
                continue
            value = (Str(r"[a-z_]+", "name the {placeholder} whose number chooses the form, without braces")
                     if key == "plural" else self.text).check(value_node, _join(path, key), out)
            failed |= value is None
            result[key] = value
        for required in ("plural", "other"):
            if required not in result.field_lines:
                out.error(node, _join(path, required), "required field of a sentence written in plural forms")
                failed = True
        if not failed and "{" + result["plural"] + "}" not in result["other"]:
            out.error(None, _join(path, "other"), f"the form `other` must show the count {{{result['plural']}}}",
                      line=result.field_lines["other"])
            failed = True
        return None if failed else result


class MapOf(Field):
    """A mapping whose keys are free names (labels, for example) and whose values share one schema."""

    def __init__(self, value: Field) -> None:
        self.value = value

    def check(self, node, path, out):
        result, entries, failed = _open_mapping(node, path, out, "expected a mapping")
        if result is None:
            return None
        for key, _, value_node in entries:
            value = self.value.check(value_node, _join(path, key), out)
            failed |= value is None
            result[key] = value
        return None if failed else result
