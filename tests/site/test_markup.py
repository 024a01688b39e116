"""What a content text may carry into a page (generator/markup.py): the named allowance, everything else text."""
from __future__ import annotations

import pytest

from generator.markup import refused_links, text

CASES = [
    # (written in the content, as the page gets it)
    ("<script>alert(1)</script>", "&#60;script&#62;alert(1)&#60;/script&#62;"),
    ('"><svg onload=alert(1)>', "&#34;&#62;&#60;svg onload=alert(1)&#62;"),
    ("[x](javascript:alert(1))", "&#91;x&#93;(javascript:alert(1))"),
    ("para\n{: onclick=\"x\"}", "para\n&#123;: onclick=&#34;x&#34;&#125;"),  # attr_list
    ("{{ 7*7 }}", "&#123;&#123; 7*7 &#125;&#125;"),
    ("[x][1]\n\n[1]: javascript:alert(1)", "&#91;x&#93;&#91;1&#93;\n\n&#91;1&#93;: javascript:alert(1)"),
    ('<span onclick="x">y</span>', "&#60;span onclick=&#34;x&#34;&#62;y&#60;/span&#62;"),
    ('<i lang="fr">récépissé</i>', '<i lang="fr">récépissé</i>'),
    ('<span lang="en">Open Licence</span>', '<span lang="en">Open Licence</span>'),
    ('<i lang="fr">never closed', "&#60;i lang=&#34;fr&#34;&#62;never closed"),
    ("a</span>b", "a&#60;/span&#62;b"),
    ("**bold** and `lang`", "**bold** and <code>lang</code>"),
    ("`*x* <b>`", "<code>&#42;x&#42; &#60;b&#62;</code>"),
    ("[Légifrance](https://www.legifrance.gouv.fr/a?b=1&c=2)",
     '<a href="https://www.legifrance.gouv.fr/a?b=1&#38;c=2">Légifrance</a>'),
    ("[write](mailto:a@example.org), [call](tel:+33100000000)",
     '<a href="mailto:a@example.org">write</a>, <a href="tel:+33100000000">call</a>'),
]


@pytest.mark.parametrize("written, shown", CASES)
def test_only_the_allowance_is_markup(written, shown):
    assert str(text(written)) == shown


def test_a_labels_fields_are_filled_in_as_text_and_the_others_kept():
    assert str(text("from {start} to {end}", {"start": "<b>"})) == "from &#60;b&#62; to {end}"


@pytest.mark.parametrize("written, refused", [
    ("[x](javascript:alert(1))", ["javascript:alert(1"]), ("[x](http://example.org)", ["http://example.org"]),
    ("[x](page.md)", ["page.md"]), ("[x](https://example.org/(y))", ["https://example.org/(y"]),
    ("[x](https://example.org) [y](mailto:a@b.c) [z](tel:+33)", []),
])
def test_a_link_the_allowance_refuses_is_named(written, refused):
    assert refused_links(written) == refused
