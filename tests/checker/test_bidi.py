"""Right to left done right: in a language written in another script than the first language's (Arabic), every
run of the first language's script that the checker writes (the French names and citations kept beside the
Arabic) comes isolated (LRI or FSI … PDI), so that the page, which only puts Python's strings into the DOM, shows
its brackets and commas where the sentence put them; citations name the article in the language's own word; and
outside those runs the text uses its own punctuation."""
from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from checker import check, load_measures
from checker.typography import ISOLATED, LETTERS, curl_apostrophes, script_run, typeset
from checker.web import respond

HERE = Path(__file__).resolve().parent
MEASURES = load_measures()
FIRST = MEASURES.languages[0]
# The languages whose script is not the first language's: where a run of the first one's script must be isolated.
OTHER_SCRIPTS = [language.code for language in MEASURES.languages if language.script != FIRST.script]
HISTORY_CASES = yaml.safe_load((HERE / "history_cases.yml").read_text(encoding="utf-8"))["cases"]


def unisolated(text: str) -> list[str]:
    """The letters of the first language's script left outside every isolate of `text`."""
    outside = ISOLATED.sub(" ", text)
    return re.findall(f"[{LETTERS[FIRST.script]}]+", outside)


def texts_in(language, value) -> list[str]:
    """Every string of a JSON answer that is text in `language` (holds a letter of its script): ids, ISO dates,
    addresses and codes are left aside."""
    if isinstance(value, dict):
        return [text for item in value.values() for text in texts_in(language, item)]
    if isinstance(value, list):
        return [text for item in value for text in texts_in(language, item)]
    if isinstance(value, str) and re.search(f"[{LETTERS[language.script]}]", value):
        return [value]
    return []


def expiry_dates() -> list[date]:
    """A day in each window, each window's ends and the days just outside them."""
    days = set()
    for rule in MEASURES.rules:
        window = rule.expiry_window
        days |= {window.start - timedelta(days=1), window.start, window.end, window.end + timedelta(days=1)}
    return sorted(days)


def document_requests(lang: str) -> list[dict]:
    requests = []
    for document in MEASURES.document_ids():
        for expiry in expiry_dates():
            requests.append({"document": document, "expiry": expiry.isoformat(), "lang": lang})
            requests.append({"document": document, "expiry": expiry.isoformat(), "on": "2020-09-01",
                             "issued": "2019-01-01", "lang": lang})
    # Input errors are answered in the page's language too.
    requests += [{"document": "none-such", "expiry": "2020-03-16", "lang": lang},
                 {"document": MEASURES.document_ids()[0], "expiry": "2020-02-31", "lang": lang}]
    return requests


def history_requests(lang: str) -> list[dict]:
    requests = []
    for case in HISTORY_CASES:
        items = [{"document": document, "issued": str(issued), "expiry": str(expiry)}
                 for document, issued, expiry in case["items"]]
        start, end = (str(day) for day in case.get("period") or (None, None))
        for question in ("history", "history-summary"):
            requests.append({"question": question, "items": items, "from": start, "to": end, "lang": lang})
    return requests


def test_some_language_is_written_in_another_script():
    assert OTHER_SCRIPTS, "no configured language is written in another script than the first: nothing is tested"


@pytest.mark.parametrize("lang", OTHER_SCRIPTS)
@pytest.mark.parametrize("kind", ["document", "history"])
def test_every_run_of_the_first_languages_script_in_an_answer_is_isolated(lang, kind):
    language = MEASURES.language(lang)
    requests = document_requests(lang) if kind == "document" else history_requests(lang)
    checked = 0
    for request in requests:
        reply = json.loads(respond(json.dumps(request)))
        for text in texts_in(language, reply):
            checked += 1
            assert unisolated(text) == [], f"{request}: {text!r}"
    assert checked > len(requests)


@pytest.mark.parametrize("lang", OTHER_SCRIPTS)
def test_typeset_isolates_runs_whole_and_leaves_brackets_and_end_marks_outside(lang):
    language = MEASURES.language(lang)
    # A name of the first language between brackets, in the other language's words, the whole run found by the
    # same expression the pages use: the isolate holds the run, not the brackets or the sentence's full stop.
    runs = 0
    for document in MEASURES.documents:
        name = document.name.in_(language)
        set_name = typeset(name, language)
        for run in re.findall(script_run(FIRST.script), name):
            runs += 1
            assert f"\u2066{curl_apostrophes(run)}\u2069" in set_name, (name, run)
        for isolated in ISOLATED.findall(set_name):  # the brackets around a run stay outside it
            assert isolated.count("(") == isolated.count(")"), set_name
    assert runs, "no document name keeps a name in the first language: nothing is tested"
    name = FIRST_NAME = MEASURES.documents[0].name.in_(FIRST)
    set_ = typeset(f"({FIRST_NAME}).", language)
    assert set_ == f"(\u2066{name}\u2069).", set_
    # Typesetting twice changes nothing: isolates are not nested.
    once = typeset(MEASURES.documents[0].name.in_(language), language)
    assert typeset(once, language) == once


def test_the_first_language_and_its_script_are_left_without_isolates():
    for language in MEASURES.languages:
        if language.script == FIRST.script:
            answer = check(MEASURES, MEASURES.document_ids()[0], MEASURES.rules[0].expiry_window.start,
                           lang=language.code)
            assert not re.search("[\u2066-\u2069]", answer.explanation + "".join(answer.legal_basis))


@pytest.mark.parametrize("lang", [language.code for language in MEASURES.languages])
def test_a_citation_names_the_article_in_the_languages_own_word(lang):
    language = MEASURES.language(lang)
    word = language.say("legal_basis", "article_number", number="{number}").split("{number}")[0].strip()
    rule = MEASURES.rules[0]
    answer = check(MEASURES, rule.documents[0], rule.expiry_window.start, lang=lang)
    for citation in answer.legal_basis:
        assert word in citation
        # The article number is written once, as the content gives it, whole (isolated where it could turn).
        assert ISOLATED.sub(r"\1", citation).count(rule.legal_basis.article) >= 1
    if language.script != FIRST.script:
        first_word = FIRST.say("legal_basis", "article_number", number="{number}").split("{number}")[0].strip()
        assert first_word != word and first_word not in answer.explanation
