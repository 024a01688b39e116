"""Marks the first language's words on a page written in another script (WCAG 3.1.2, RGAA 8.7), and isolates them.

An Arabic page keeps the French of the documents and legal texts beside its own words (« بطاقة الإقامة (titre de
séjour) »): each run of the first language's script in the page's own text becomes
<span lang="fr" dir="ltr">…</span>, so that a screen reader reads it with a French voice and the bidirectional
algorithm lays it out on its own, its brackets and commas where the Arabic sentence put them.

Most of that text was set by checker.typography.typeset, which already put each run between Unicode isolates
(LRI … PDI, or FSI … PDI for a value such as an article number): on a page, markup says it better than invisible
characters (W3C, "Inline markup and bidirectional text in HTML"), so each isolate becomes the element above
(<bdi> for a first-strong isolate). A run nothing isolated (the theme's words, the footer's address) is found
by the same expression typeset uses. Text already inside an element with a `lang` of its own gets the direction
of its isolates only, and text where an element cannot go (an <option>, a <title>), that is code, or that a
screen reader does not read as such (an element named by its `aria-label`) is left as it is, isolates included;
inline code in that script (an address) is only given its direction."""
from __future__ import annotations

import re

from checker.typography import ISOLATED, LETTERS, SCRIPT_DIRECTION, script_run

__all__ = ["LETTERS", "mark_script_runs"]

_TOKEN = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][\w-]*)([^>]*)>|[^<]+|<", re.S)
_LANG = re.compile(r"""\blang=["']([^"']*)["']""")
_LABELLED = re.compile(r"\baria-label=")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_LEFT_AS_IS = {"script", "style", "textarea", "option", "title", "svg", "code", "pre", "template"}
_ISOLATE_DIRECTION = {"\u2066": "ltr", "\u2067": "rtl"}  # an FSI (\u2068) finds its direction: <bdi>


def mark_script_runs(html: str, page_lang: str, script: str, lang: str) -> str:
    """`html` with each run of `script` (words, and the digits, spaces and signs between them) in text of
    `page_lang` wrapped in <span lang="`lang`" dir="…">, each isolate typeset made turned into such an element.
    Only the <body> is read."""
    run = re.compile(script_run(script))
    letters = re.compile(f"[{LETTERS[script]}]")
    direction = SCRIPT_DIRECTION[script]

    def isolated(match: re.Match, own_lang: bool) -> str:
        inner, initiator = match.group(1), match.group(0)[0]
        marked = f' lang="{lang}"' if own_lang and letters.search(inner) else ""
        if initiator in _ISOLATE_DIRECTION:
            return f'<span{marked} dir="{_ISOLATE_DIRECTION[initiator]}">{inner}</span>'
        return f"<bdi{marked}>{inner}</bdi>"

    def marked(text: str) -> str:
        pieces, end = [], 0
        for match in ISOLATED.finditer(text):
            pieces.append(run.sub(lambda m: f'<span lang="{lang}" dir="{direction}">{m.group(0)}</span>',
                                  text[end:match.start()]))
            pieces.append(isolated(match, own_lang=True))
            end = match.end()
        pieces.append(run.sub(lambda m: f'<span lang="{lang}" dir="{direction}">{m.group(0)}</span>', text[end:]))
        return "".join(pieces)

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
        names = [element_name for element_name, _, _ in open_elements]
        if names and names[-1] == "code" and "pre" not in names and in_lang == page_lang and letters.search(text):
            # Inline code (an address) is in no language, but it is written left to right.
            out.append(f'<span dir="{direction}">{text}</span>')
        elif text.startswith("<") or any(element_name in _LEFT_AS_IS or labelled
                                       for element_name, _, labelled in open_elements):
            out.append(text)
        elif in_lang != page_lang:
            out.append(ISOLATED.sub(lambda m: isolated(m, own_lang=False), text))
        else:
            out.append(marked(text))
    return "".join(out)
