"""Counts in the checker's sentences take their language's plural form: « 1 jour », "1 day", « يوم واحد », « 11 يومًا ».
The checker evaluates each language's CLDR rule with the standard library alone (generator/plurals.py writes it);
Babel, which reads CLDR itself, is the judge here."""
import json
import re
from datetime import date

import pytest
from babel import Locale

from checker.data import load_measures
from checker.web import respond
from tests.catalogue import LANGUAGES, catalogue

COUNTS = (0, 1, 2, 3, 10, 11, 99, 100, 101, 102, 180, 1000, 7305)


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_count_takes_the_form_cldr_gives_it_in_the_language(code):
    language = load_measures().language(code)
    forms = catalogue(code)["checker"]["counts"]["days"]
    for n in COUNTS:
        category = Locale.parse(code).plural_form(n)
        assert language.plural_category(n) == category, n
        assert language.say("counts", "days", days=n) == forms.get(category, forms["other"]).format(days=n), n


def plain(text: str) -> str:
    return re.sub("[\u2066-\u2069]", "", text).replace("\u00a0", " ").replace("\u202f", " ")


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_one_day_gap_is_one_day_in_the_history(code):
    """Two documents with one day between them: the gap's sentence takes the form of 1 (« 1 jour », not « 1 jours »)."""
    answer = json.loads(respond(json.dumps({"question": "history", "lang": code, "items": [
        {"document": "titre-de-sejour", "issued": "2018-01-01", "expiry": "2018-12-31"},
        {"document": "titre-de-sejour", "issued": "2019-01-02", "expiry": "2019-12-31"}]})))
    assert [gap["days"] for gap in answer["history"]["gaps"]] == [1]
    language = load_measures().language(code)
    forms = catalogue(code)["checker"]["history"]["gap_sentence"]
    form = forms.get(Locale.parse(code).plural_form(1), forms["other"]) if isinstance(forms, dict) else forms
    day = language.write_date(date(2019, 1, 1))
    assert plain(form.split("{reason}")[0].format(start=day, end=day, days=1)) in plain(answer["summary"])
