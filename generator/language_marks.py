"""Marks the first language's words on a page written in another script (WCAG 3.1.2, RGAA 8.7).

An Arabic page keeps the French of the documents and legal texts beside its own words (« بطاقة الإقامة (titre de
séjour) »): each run of the first language's script in the page's own text becomes <span lang="fr">…</span>, so
that a screen reader reads it with a French voice. Text already inside an element with a `lang` of its own is
left as it is, and so is text where a <span> cannot go (an <option>, a <title>), that is code, or that a screen
reader does not read as such: an element named by its `aria-label` (Material's footer links) is read by that name,
which cannot hold a mark."""
from __future__ import annotations

import re

# The letters of each writing system a catalogue may name (`locale.script`, ISO 15924), as regex ranges.
LETTERS = {
    "Latn": "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f",
    "Arab": "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff",
}

_TOKEN = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][\w-]*)([^>]*)>|[^<]+|<", re.S)
_LANG = re.compile(r"""\blang=["']([^"']*)["']""")
_LABELLED = re.compile(r"\baria-label=")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_LEFT_AS_IS = {"script", "style", "textarea", "option", "title", "svg", "code", "pre", "template"}


def mark_script_runs(html: str, page_lang: str, script: str, lang: str) -> str:
    """`html` with each run of `script` (words, and the digits, spaces and signs between them) in text of
    `page_lang` wrapped in <span lang="`lang`">. Only the <body> is read."""
    letters = LETTERS[script]
    run = re.compile(rf"[{letters}](?:[{letters}0-9'\u2019.,\u00b0/@\-\u00a0 ]|&#?\w+;)*(?<=[{letters}0-9.;])")
    body = html.find("<body")
    if body < 0:
        return html
    out = [html[:body]]
    open_elements: list[tuple[str, str | None, bool]] = []  # (name, its lang attribute or None, aria-labelled)
    for token in _TOKEN.finditer(html, body):
        text = token.group(0)
        closing, name = token.group(1), (token.group(2) or "").lower()
        if name:  # a tag (a comment has no name)
            if closing:
                if any(element[0] == name for element in open_elements):
                    while open_elements.pop()[0] != name:
                        pass
            elif name not in _VOID and not text.endswith("/>"):
                found = _LANG.search(token.group(3))
                open_elements.append((name, found.group(1) if found else None, bool(_LABELLED.search(token.group(3)))))
            out.append(text)
            continue
        in_lang = next((value for _, value, _ in reversed(open_elements) if value is not None), page_lang)
        if text.startswith("<") or in_lang != page_lang or any(
                element_name in _LEFT_AS_IS or labelled for element_name, _, labelled in open_elements):
            out.append(text)
        else:
            out.append(run.sub(lambda m: f'<span lang="{lang}">{m.group(0)}</span>', text))
    return "".join(out)
