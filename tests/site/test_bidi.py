"""Right to left done right, in the built pages and the PDF's source: on a page (or a half of the notice) written
in another script than the first language's, every run of the first language's script in the page's own text
is isolated (inside an element with dir="ltr", or a <bdi>, or between Unicode isolates where no element can
go), so that its brackets, commas and digits stay where the sentence put them; phone numbers and e-mails never
break; the texts of that language use its own punctuation; its citations name the article in its own word."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from checker.typography import ISOLATED, LETTERS, script_run
from tests.catalogue import LANGUAGES, catalogue, load_project_content

from .pages import LANGUAGES as FOLDERS
from .pages import PAGE_PATHS, page_file

FIRST = LANGUAGES[0]
FIRST_SCRIPT = catalogue(FIRST)["locale"]["script"]
OTHER_SCRIPTS = [code for code in LANGUAGES if catalogue(code)["locale"]["script"] != FIRST_SCRIPT]
FIRST_LETTERS = re.compile(f"[{LETTERS[FIRST_SCRIPT]}]+")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _RunReader(HTMLParser):
    """Collects the text of `lang` in which letters of the first language's script stand outside any isolate."""

    def __init__(self, lang: str, root_lang: str = "") -> None:
        super().__init__(convert_charrefs=True)
        self.lang, self.root_lang = lang, root_lang
        self.open: list[tuple[str, str | None, str | None]] = []  # (tag, lang, dir)
        self.unisolated: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in _VOID:
            values = dict(attrs)
            self.open.append((tag, values.get("lang"), values.get("dir")))

    def handle_endtag(self, tag):
        if any(element[0] == tag for element in self.open):
            while self.open.pop()[0] != tag:
                pass

    def handle_data(self, data):
        tags = [element[0] for element in self.open]
        if {"head", "script", "style", "template"} & set(tags):
            return
        lang = next((element[1] for element in reversed(self.open) if element[1] is not None), self.root_lang)
        if lang != self.lang or any(tag == "bdi" or direction == "ltr" for tag, _, direction in self.open):
            return
        if FIRST_LETTERS.search(ISOLATED.sub(" ", data)):
            self.unisolated.append(f"{'/'.join(tags[-3:])}: {data.strip()[:120]!r}")


def unisolated_runs(html: str, lang: str, root_lang: str = "") -> list[str]:
    reader = _RunReader(lang, root_lang)
    reader.feed(html)
    reader.close()
    return reader.unisolated


def test_some_language_is_written_in_another_script():
    assert OTHER_SCRIPTS, "no configured language is written in another script than the first: nothing is tested"


@pytest.mark.parametrize("lang", OTHER_SCRIPTS)
@pytest.mark.parametrize("path", PAGE_PATHS)
def test_every_run_of_the_first_languages_script_on_a_page_is_isolated(built_site, lang, path):
    html = page_file(built_site, lang, path).read_text(encoding="utf-8")
    assert unisolated_runs(html, lang) == []


@pytest.mark.parametrize("lang", OTHER_SCRIPTS)
def test_the_french_names_on_a_page_are_isolated_without_their_brackets(built_site, lang):
    """A run's element holds the run alone: the brackets around it are the sentence's, and mirror with it."""
    html = page_file(built_site, lang, "prolongation/").read_text(encoding="utf-8")
    runs = re.findall(r'<span lang="[^"]+" dir="ltr">([^<]*)</span>', html)
    assert len(runs) > 10
    for run in runs:
        assert not re.match(r"[(\[«\s]", run) and not re.search(r"[)\]».,;:\s]$", run), run


@pytest.mark.parametrize("lang", OTHER_SCRIPTS)
def test_every_run_of_the_first_languages_script_in_the_pdf_source_is_isolated(lang):
    """The notice's source (the HTML WeasyPrint prints): the half in `lang` holds no run left to the
    bidirectional algorithm, and the first language's half holds no isolate."""
    from generator.document import _environment, document_context

    content = load_project_content()
    for pair in [(FIRST, lang)]:
        context = document_context(content, pair)
        html = _environment().get_template("document.html.j2").render(context, languages=pair, page_lang=pair[0])
        assert unisolated_runs(html, lang, root_lang=pair[0]) == []
        first_half = html[:html.index(f'lang="{lang}"')]
        assert not re.search("[\u2066-\u2069]", first_half.split("<body", 1)[1])


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", ["mentions-legales/"])
def test_phone_numbers_and_emails_in_the_footer_and_contacts_never_break(built_site, lang, path):
    content = load_project_content()
    prefecture = content.prefecture
    html = page_file(built_site, lang, path).read_text(encoding="utf-8")
    unbroken = re.findall(r'<(?:span|a)\b[^>]*class="unbroken"[^>]*>(.*?)</(?:span|a)>', html, re.S)
    text = " ".join(re.sub(r"<[^>]+>", "", piece) for piece in unbroken)
    # The prefecture's general contact is on the legal notice only (no press contact, nothing in the footer).
    values = [prefecture["phone"], *prefecture["address"]]
    for value in values:
        assert value in text, f"{value!r} is not kept whole on /{FOLDERS[lang]}{path}"


def _texts(value, lang: str):
    """Every `lang` text of a content file (a mapping's `lang` entry)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == lang and isinstance(item, str):
                yield item
            else:
                yield from _texts(item, lang)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item, lang)


def _strings(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        yield value


# What is not prose: an HTML tag, an address, a {placeholder}, a Markdown link's address.
_NOT_PROSE = re.compile(r"<[^>]*>|https?://\S+|\{[^{}]*\}|\]\([^)]*\)")
_LATIN_MARK = re.compile(r"(?<!\d)[,;]|[,;](?!\d)")  # a comma or semicolon that is not a decimal mark


def latin_marks_outside_runs(text: str) -> list[str]:
    """The Latin commas and semicolons of `text` that stand outside every run of the first language's script
    (inside one, "art. 15, I", they are that language's own)."""
    prose = re.sub(script_run(FIRST_SCRIPT), " ", _NOT_PROSE.sub(" ", text))
    return [prose[max(0, m.start() - 25):m.end() + 25] for m in _LATIN_MARK.finditer(prose)]


@pytest.mark.parametrize("lang", OTHER_SCRIPTS)
def test_texts_in_another_script_use_their_own_commas_and_semicolons(lang):
    """No Latin comma or semicolon between the words of a language whose script is not the first's: in its
    catalogue's labels and sentences, and in its texts of every content file."""
    content = load_project_content()
    own = catalogue(lang)
    texts = [*_strings(own["labels"]), *_strings(own["checker"])]
    files = [content.site, content.measures, content.prefecture, content.publisher, *content.procedures, *content.news]
    texts += [text for data in files for text in _texts(data, lang)]
    assert len(texts) > 200
    found = {text[:80]: marks for text in texts if (marks := latin_marks_outside_runs(text))}
    assert found == {}


@pytest.mark.parametrize("lang", OTHER_SCRIPTS)
def test_citations_on_a_page_name_the_article_in_the_languages_own_word(built_site, lang):
    own = catalogue(lang)["checker"]["legal_basis"]["article_number"].split("{number}")[0].strip()
    first = catalogue(FIRST)["checker"]["legal_basis"]["article_number"].split("{number}")[0].strip()
    html = page_file(built_site, lang, "prolongation/").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html[html.index("<article"):])
    assert text.count(own) >= len(load_project_content().rules.rules)
    assert f" {first} " not in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_search_index_holds_words_without_isolates(built_site, lang):
    """Pages are indexed before their isolates become marked elements: the index keeps the words, not the marks, so
    that a French name searched on an Arabic page is found."""
    index = (built_site / FOLDERS[lang] / "search" / "search_index.json").read_text(encoding="utf-8")
    text = " ".join(doc["text"] for doc in json.loads(index)["docs"])
    assert not re.search("[\u2066-\u2069]", text)
    if lang in OTHER_SCRIPTS:
        name = load_project_content().rules.document("titre-de-sejour").name.in_(FIRST)
        assert name.split(" (")[0] in text
