"""What a content text may carry into a page or the PDF: a named allowance of markup, everything else shown as text.

The allowance: Markdown's paragraphs, lists and emphasis; a `code` span; a link [words](address) to an https:,
mailto: or tel: address; and the tags of ALLOWED_TAGS (a language or direction mark such as
<i lang="fr">récépissé</i>), balanced within the text. Anything else that HTML, Markdown or its extensions
(attr_list's {: …}, reference links) could read as markup is written as a character reference, which a browser,
Python-Markdown and WeasyPrint all show as the character itself: a <script> in a text is seen, not run.

The result is a markupsafe.Markup: safe in a Markdown page, in an HTML template and in an autoescaped one (the
PDF's), and not escaped a second time by Jinja's `| e`.
"""
from __future__ import annotations

import re
from typing import Mapping

from markupsafe import Markup
from checker.typography import curl_apostrophes

# Each allowed tag and the attributes it may carry, each with the values it may take.
LANGUAGE_TAG = r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*"
ALLOWED_TAGS: dict[str, dict[str, str]] = {
    "span": {"lang": LANGUAGE_TAG, "dir": r"ltr|rtl"},
    "i": {"lang": LANGUAGE_TAG},
    "em": {"lang": LANGUAGE_TAG},
    "strong": {},
    "b": {},
}
# The addresses a link in a text may lead to. The content links to no page of its own from its texts.
LINK_SCHEMES = ("https:", "mailto:", "tel:")

# Characters that start markup somewhere (HTML, Markdown, attr_list, Jinja) and are shown as themselves.
_AS_TEXT = {c: f"&#{ord(c)};" for c in "&<>\"`[]{}\\"}
# In a code span, Markdown's emphasis too: Python-Markdown would read *x* between <code> and </code>.
_IN_CODE = {**_AS_TEXT, **{c: f"&#{ord(c)};" for c in "*_~|!#"}}

_TOKEN = re.compile(
    r"(?P<code>`[^`\n]+`)"
    r"|(?P<tag><(?P<closing>/?)(?P<name>[a-z]+)(?P<attributes>(?:\s+[a-z]+=\"[^\"<>]*\")*)\s*>)"
    r"|(?P<link>\[(?P<words>[^\[\]\n]+)\]\((?P<address>[^\s()<>\"`\\]+)\))"
    r"|(?P<field>\{(?P<field_name>[A-Za-z_]\w*)\})"
)
_ATTRIBUTE = re.compile(r"\s+([a-z]+)=\"([^\"]*)\"")


def as_text(text: str, table: dict[str, str] = _AS_TEXT) -> str:
    return "".join(table.get(c, c) for c in text)


def value(text) -> Markup:
    """A value that holds no markup (a date, an amount in a catalogue's form): shown as text, as it is if it is
    Markup already. Numeric references, not markupsafe's &lt;: on an Arabic page, generator/language_marks.py
    would read the letters of `lt` as a French word."""
    return text if isinstance(text, Markup) else Markup(as_text(str(text)))


def allowed_link(address: str) -> bool:
    return address.lower().startswith(LINK_SCHEMES) and len(address) > address.index(":") + 1


_LOOKS_LIKE_A_LINK = re.compile(r"\[[^\[\]\n]*\]\(([^\n]*?)\)")


def refused_links(text: str) -> list[str]:
    """The address of each link [words](address) in `text` that would be shown as text: another scheme than
    LINK_SCHEMES (javascript:, data:, http:, a relative path …), or an address holding a space, a bracket or a
    quote. The schema reports each as a content error."""
    return [m.group(1) for m in _LOOKS_LIKE_A_LINK.finditer(text)
            if not ((link := _TOKEN.fullmatch(m.group(0))) and link.group("link") and allowed_link(link.group("address")))]


def _tag(match: re.Match) -> tuple[str, str] | None:
    """(name, the tag as written out) for an allowed tag, else None."""
    name, allowed = match.group("name"), ALLOWED_TAGS.get(match.group("name"))
    if allowed is None:
        return None
    if match.group("closing"):
        return (name, f"</{name}>") if not match.group("attributes") else None
    attributes = _ATTRIBUTE.findall(match.group("attributes"))
    if len({key for key, _ in attributes}) != len(attributes):
        return None
    if not all(key in allowed and re.fullmatch(allowed[key], value) for key, value in attributes):
        return None
    return name, f"<{name}" + "".join(f' {key}="{value}"' for key, value in attributes) + ">"


def text(source: str, fields: Mapping[str, str] | None = None) -> Markup:
    """`source` with its allowed markup kept and everything else shown as text. `fields`: values for the {names}
    in `source` (a label's), each escaped unless it is Markup already; a {name} without a value stays as it is,
    for a template or the page script to fill in."""
    parts: list[str] = []
    opened: list[tuple[str, int, str]] = []  # the allowed tags not closed yet: name, index in parts, as written
    position = 0
    for match in _TOKEN.finditer(source):
        parts.append(as_text(source[position:match.start()]))
        position = match.end()
        written = match.group(0)
        if match.group("code"):
            parts.append("<code>" + as_text(written[1:-1], _IN_CODE) + "</code>")
        elif match.group("link"):
            address = match.group("address")
            if allowed_link(address):
                parts.append(f'<a href="{as_text(address)}">{text(match.group("words"), fields)}</a>')
            else:
                parts.append(as_text(written))
        elif match.group("field"):
            name = match.group("field_name")
            if fields is None:  # a content text, whose placeholders are filled already
                parts.append(as_text(written))
            else:  # a label's: filled here, or kept for whoever fills it later (a template, the page script)
                parts.append(value(fields[name]) if name in fields else written)
        elif (tag := _tag(match)) is None:
            parts.append(as_text(written))
        elif not match.group("closing"):
            opened.append((tag[0], len(parts), written))
            parts.append(tag[1])
        elif opened and opened[-1][0] == tag[0]:
            opened.pop()
            parts.append(tag[1])
        else:  # a closing tag that closes nothing this text opened
            parts.append(as_text(written))
    parts.append(as_text(source[position:]))
    for _, index, written in opened:  # an opening tag this text never closed
        parts[index] = as_text(written)
    return Markup("".join(parts))


def plain_values(record, languages) -> object:
    """A copy of a record (the prefecture's, the publisher's) whose plain values (an address line, a phone number,
    a name, an address) are shown as text; its texts in each language are left to Words.tr."""
    if isinstance(record, dict):
        if record and set(record) <= set(languages):
            return record
        return {key: plain_values(item, languages) for key, item in record.items()}
    if isinstance(record, list):
        return [plain_values(item, languages) for item in record]
    # Typographic apostrophes, as every text gets them (« rue de l’Exemple »); an address keeps its own.
    return value(curl_apostrophes(record)) if isinstance(record, str) else record
