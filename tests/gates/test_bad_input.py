"""Bad input in one place: every bad content case with the message the editor sees, and every bad calculator input
with the message the visitor sees, in every configured language.

The tables are the ones the other tests use (content: tests/site/test_bad_content.py, checker input:
tests/checker/test_inputs.py, hostile values: payloads.py), imported, not copied; the rows added here are the
values a web form or a URL brings. The end-of-run summary lists each case with its message."""
from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from checker import load_measures
from tests.catalogue import LANGUAGES, load_project_content, typeset
from checker.inputs import MAX_LENGTH
from checker.web import answer_json
from generator.content import ContentInvalid

from ..checker.test_inputs import BAD_INPUTS
from ..site.project_copy import copy_project
from ..site.test_bad_content import CASES as BAD_CONTENT
from .payloads import FIELDS, PAYLOADS

# --- Content: what `mkdocs build` prints under "N content error(s); nothing was built:" --------------------


@pytest.mark.parametrize("case", BAD_CONTENT, ids=lambda case: case.name)
def test_bad_content_tells_the_editor_file_line_field_and_what_is_wrong(tmp_path, case, gate_summary):
    root = copy_project(tmp_path / "project")
    line = case.change(root)
    with pytest.raises(ContentInvalid) as raised:
        load_project_content(root)
    where = f"{case.file}:{line}: " + (f"{case.field}: " if case.field else "")
    shown = [message for message in str(raised.value).splitlines() if message.startswith(where)]
    assert shown and shown[0].startswith(where + case.says), str(raised.value)
    gate_summary.case("bad content, as the editor sees it", f"{case.name}: {shown[0]}")


# --- Calculator: what checker.web.answer_json (run by respond, the page's one call) says, in every language -----


@dataclass(frozen=True)
class BadInput:
    name: str
    document: str | None
    expiry: str | None
    on: str | None
    code: str
    field: str
    french: str
    english: str
    whole_message: bool = True  # False: the wording only starts so (the checker tests' table)


CHOICES = ", ".join(load_measures().document_ids())
FROM_THE_WEB = [
    BadInput("the empty form", "", "", "", "missing", "document",
             "Indiquez le type de document.", "Please give the document type."),
    BadInput("an expiry date of spaces", "recepisse", "   ", "", "missing", "expiry",
             "Indiquez la date d'expiration.", "Please give the expiry date."),
    BadInput("a document id with spaces", "titre de sejour", "2020-03-16", "", "unknown-document", "document",
             f"Type de document inconnu « titre de sejour ». Choix possibles : {CHOICES}.",
             f'Unknown document type "titre de sejour". Possible choices: {CHOICES}.'),
    # Python 3.11's date.fromisoformat reads these; people do not mean them.
    BadInput("an ISO week date", "recepisse", "2020-W12-1", "", "not-a-date", "expiry",
             "La date d'expiration « 2020-W12-1 » n'est pas une date. Écrivez-la comme sur le document, "
             "le jour en premier, par exemple 16/03/2020.",
             'The expiry date "2020-W12-1" is not a date. Write it as on the document, day first, for example 16/03/2020.'),
    BadInput("full-width digits", "recepisse", "２０２０-03-16", "", "not-a-date", "expiry",
             "La date d'expiration « ２０２０-03-16 » n'est pas une date. Écrivez-la comme sur le document, "
             "le jour en premier, par exemple 16/03/2020.",
             'The expiry date "２０２０-03-16" is not a date. Write it as on the document, day first, for example 16/03/2020.'),
    BadInput("29 February of a common year", "recepisse", "2021-02-29", "", "impossible-date", "expiry",
             "La date d'expiration « 2021-02-29 » n'existe pas dans le calendrier.",
             'The expiry date "2021-02-29" does not exist in the calendar.'),
    BadInput("year zero", "recepisse", "2020-03-16", "0000-01-01", "impossible-date", "on",
             "La date de vérification « 0000-01-01 » n'existe pas dans le calendrier.",
             'The check date "0000-01-01" does not exist in the calendar.'),
    BadInput("a check date one character too long", "recepisse", "2020-03-16", "2" * (MAX_LENGTH + 1), "too-long", "on",
             "La valeur donnée pour la date de vérification est trop longue (40 caractères au plus).",
             "The value given for the check date is too long (40 characters at most)."),
]

# A hostile value is refused without being quoted back: the wording with no value in it.
REFUSAL_WORDING = {
    ("unknown-document", "document"): (f"Type de document inconnu. Choix possibles : {CHOICES}.",
                                       f"Unknown document type. Possible choices: {CHOICES}."),
    ("not-a-date", "expiry"): (
        "La date d'expiration n'est pas une date. Écrivez-la comme sur le document, le jour en premier, par exemple 16/03/2020.",
        "The expiry date is not a date. Write it as on the document, day first, for example 16/03/2020."),
    ("not-a-date", "on"): (
        "La date de vérification n'est pas une date. Écrivez-la comme sur le document, le jour en premier, par exemple 16/03/2020.",
        "The check date is not a date. Write it as on the document, day first, for example 16/03/2020."),
    ("too-long", "document"): ("La valeur donnée pour le type de document est trop longue (40 caractères au plus).",
                               "The value given for the document type is too long (40 characters at most)."),
    ("too-long", "expiry"): ("La valeur donnée pour la date d'expiration est trop longue (40 caractères au plus).",
                             "The value given for the expiry date is too long (40 characters at most)."),
    ("too-long", "on"): ("La valeur donnée pour la date de vérification est trop longue (40 caractères au plus).",
                         "The value given for the check date is too long (40 characters at most)."),
}
HOSTILE = [
    BadInput(f"{payload.name} in {field}", *payload.request(field).values(), payload.refusal(field), field,
             *REFUSAL_WORDING[payload.refusal(field), field])
    for payload in PAYLOADS for field in FIELDS
]
FROM_THE_CHECKER_TESTS = [
    BadInput(f"{code} {field}: {document!r:.20} {expiry!r:.20} {on!r:.20}", document, expiry, on, code, field,
             french, english, whole_message=False)
    for document, expiry, on, code, field, french, english in BAD_INPUTS
]
BAD_INPUTS_ALL = FROM_THE_CHECKER_TESTS + FROM_THE_WEB + HOSTILE


@pytest.mark.parametrize("case", BAD_INPUTS_ALL, ids=lambda case: case.name)
def test_bad_calculator_input_gets_a_plain_message_in_every_language(case, gate_summary):
    """French and English against the wording written here; every other configured language refuses the same
    way, with a message of its own (its catalogue's, not one of theirs)."""
    shown = {}
    for lang, wording in (("fr", case.french), ("en", case.english)):
        wording = typeset(wording, lang)  # French spacing: « 2020 », « Choix possibles : »
        result = json.loads(answer_json(case.document, case.expiry, case.on, lang=lang))
        assert (result["ok"], result["code"], result["field"]) == (False, case.code, case.field)
        if case.whole_message:
            assert result["error"] == wording
        else:
            assert result["error"].startswith(wording)
        shown[lang] = result["error"]
    for lang in (code for code in LANGUAGES if code not in shown):
        result = json.loads(answer_json(case.document, case.expiry, case.on, lang=lang))
        assert (result["ok"], result["code"], result["field"]) == (False, case.code, case.field)
        assert result["error"].strip() and result["error"] not in shown.values(), (lang, result["error"])
        shown[lang] = result["error"]
    line = f"{case.name}: " + " | ".join(shown.values())
    gate_summary.case(f"bad calculator input, as the visitor sees it ({' | '.join(shown)})",
                      line.replace(CHOICES, "[the ids]"))
