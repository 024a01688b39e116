"""One contract between the page and Python: what the page's scripts and forms must agree on with the checker (the
most documents a history takes, the parts of a date) is written by the build from the checker, into each page's
runtime settings; the scripts hold no copy of it."""
from __future__ import annotations

import json
import re

import pytest

from checker.history import MAX_ITEMS, MAX_SPAN_YEARS
from checker.inputs import DATE_PARTS
from checker.saved import MAX_FILE_CHARACTERS
from checker.web import QUERY_NAMES
from generator.runtime import SAVED_FILE_ADDRESS_SECONDS, SNAPSHOT_IDLE_SECONDS
from tests.catalogue import PLAN, ROOT

from .pages import LANGUAGES, page_file

SCRIPTS = ROOT / "docs" / "assets" / "calculator"


@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize("path", [page.url for page in PLAN.pages_holding_tools()])
def test_each_calculator_page_carries_the_checkers_limits_and_its_date_fields_follow_them(built_site, lang, path):
    html = page_file(built_site, lang, path).read_text(encoding="utf-8")
    settings = json.loads(re.search(r'<script type="application/json" id="calculator-runtime">(.*?)</script>',
                                    html, re.S).group(1))
    assert settings["contract"] == {"maxItems": MAX_ITEMS, "maxSpanYears": MAX_SPAN_YEARS, "dateParts": list(DATE_PARTS),
                                    "query": QUERY_NAMES, "maxFileCharacters": MAX_FILE_CHARACTERS}
    assert (settings["savedFileAddressSeconds"], settings["snapshotIdleSeconds"]) == (SAVED_FILE_ADDRESS_SECONDS,
                                                                                SNAPSHOT_IDLE_SECONDS)
    for name in re.findall(r'data-field="(\w+)"[^>]*>\s*<fieldset', html):
        shown = re.findall(rf'name="{name}-(\w+)"', html)
        assert shown[:len(DATE_PARTS)] == list(DATE_PARTS), name


def test_the_scripts_hold_no_copy_of_the_checkers_limits_nor_of_the_date_parts():
    for script in SCRIPTS.glob("*.js"):
        source = script.read_text(encoding="utf-8")
        assert not re.search(r"\b" + str(MAX_ITEMS) + r"\b", source), script.name
        assert not re.search(r'\[\s*"day",\s*"month",\s*"year"\s*\]', source), script.name
        assert '" ; "' not in source and '"; "' not in source, script.name  # a list separator is the language's
        assert not re.search(r"\b" + str(MAX_FILE_CHARACTERS).replace("000", "_?000") + r"\b", source), script.name
        # Every delay comes from the build's settings (generator/runtime.py), none is written in a script.
        assert not re.search(r"(setTimeout|setInterval)\([^;]*,\s*[\d_]+\s*\)|timeout:\s*[\d_]+", source), script.name
        # The permalink's names are checker.web's: no script reads or writes one of them itself.
        assert not re.search(r"""(get|getAll|append|set)\(\s*["'](%s)["']""" % "|".join(QUERY_NAMES.values()), source), \
            script.name
