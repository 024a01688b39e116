"""A procedure and a language are content, not code: in a copy of the project, adding a fifth procedure and a
pseudo-localised language (`es`: the last language's text marked "[es] ") changes nothing else, and the site, the
document and the calculator follow. One build of that copy serves every test here."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from babel import Locale
from playwright.sync_api import expect

from generator.plurals import CATEGORIES, categories_counts_take
from tests.catalogue import LANGUAGES, ROOTS, catalogue

from ..conftest import ROOT, run_mkdocs_build, serve_directory, shared_site
from ..document.pdf import DOCUMENT_PATH, read_pdf, squash
from ..site.pages import PAGE_PATHS, read_page
from ..site.project_copy import copy_project
from .widget import shown_answer


def pseudo_localised(value, source: str, target: str):
    """Every text {…, source: t} gains target: "[target] " + t, however deep."""
    if isinstance(value, dict):
        value = {key: pseudo_localised(item, source, target) for key, item in value.items()}
        if source in value and isinstance(value[source], str) and LANGUAGES[0] in value:
            value[target] = f"[{target}] {value[source]}"
        return value
    if isinstance(value, list):
        return [pseudo_localised(item, source, target) for item in value]
    return value


FIFTH = "cinquieme-demarche"
TARGET = "es"  # the pseudo-localised language: the last configured language's text marked "[es] "
# The number the site had before the fifth procedure, spelled in each configured language: the menu and the home
# must not say it once there are five (issue 22 item 4: counts from the content).
FOUR = {"fr": "quatre", "en": "four", "ar": "الأربع"}


@dataclass(frozen=True)
class Changed:
    site: Path
    url: str
    fifth: dict  # the fifth procedure's file, as written


def _fifth() -> dict:
    fifth = yaml.safe_load((ROOT / "content" / "procedures" / "dcem.yml").read_text(encoding="utf-8"))
    fifth["slug"] = FIFTH
    fifth["title"] = {code: f"{text} — 5" for code, text in fifth["title"].items()}
    return fifth


def plural_forms_for(value, code: str):
    """`value` with each sentence written in plural forms rewritten in the forms `code`'s counts take."""
    if isinstance(value, dict) and "plural" in value:
        needs = {*categories_counts_take(code), "other"}
        return {"plural": value["plural"], **{c: value.get(c, value["other"]) for c in CATEGORIES if c in needs}}
    if isinstance(value, dict):
        return {key: plural_forms_for(item, code) for key, item in value.items()}
    return value


@shared_site
def content_is_data_site(site: Path):
    """A copy with a fifth procedure and a fifth language: each is content only, so one build shows both (the fifth
    procedure is written first, and gets its pseudo-localised text too)."""
    project = copy_project(site.with_name("content-is-data-project"))
    content = project / "content"
    (content / "procedures" / f"{FIFTH}.yml").write_text(yaml.safe_dump(_fifth(), allow_unicode=True),
                                                       encoding="utf-8")
    source = LANGUAGES[-1]
    for path in content.rglob("*.yml"):
        if path.parent.name != "i18n":
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            path.write_text(yaml.safe_dump(pseudo_localised(data, source, TARGET), allow_unicode=True,
                                           sort_keys=False), encoding="utf-8")
    # The catalogue as a translator starts it: the last language's words, its sentences with a count written in the
    # forms the new language's counts take (Spanish: one, other), each the source's form of that name or its `other`.
    words = yaml.safe_load((content / "i18n" / f"{source}.yml").read_text(encoding="utf-8"))
    (content / "i18n" / f"{TARGET}.yml").write_text(
        yaml.safe_dump(plural_forms_for(words, TARGET), allow_unicode=True, sort_keys=False), encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"languages: \[([^\]]*)\]", rf"languages: [\1, {TARGET}]",
                             config.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    return run_mkdocs_build(site, config=config, cwd=project)


@pytest.fixture(scope="module")
def changed(content_is_data_site) -> Changed:
    """That copy's site, served."""
    url, server = serve_directory(content_is_data_site)
    yield Changed(content_is_data_site, url, _fifth())
    server.shutdown()
    server.server_close()


@pytest.mark.build
def test_a_fifth_procedure_is_content_only(changed, page):
    site, fifth = changed.site, changed.fifth
    for code, root in ROOTS.items():
        page_file = site / root / "procedures" / FIFTH / "index.html"
        built = read_page(page_file)
        assert built.lang == code and built.h1.replace("\u00a0", " ") == fifth["title"][code]
        home = read_page(site / root / "index.html")
        assert fifth["title"][code] in re.sub("[\u2066-\u2069]", "", home.text.replace("\u00a0", " "))  # listed on the home page and in the menu
    pdf = read_pdf(site / DOCUMENT_PATH)
    for code in LANGUAGES[:2]:
        assert squash(fifth["title"][code]) in squash(pdf.columns["fr" if code == LANGUAGES[0] else "en"])

    # In the browser: the new page opens in every language with no script error, and the calculator still answers.
    for root in ROOTS.values():
        page.goto(changed.url + root + f"procedures/{FIFTH}/")
        expect(page.locator("h1")).to_contain_text("— 5")
    page.goto(changed.url + "calculateur/?document=titre-de-sejour&expiry=2020-03-16")
    assert shown_answer(page)["valid_until"] == "2020-09-12"
    assert page.errors == []


@pytest.mark.build
@pytest.mark.parametrize("code", LANGUAGES)
def test_the_home_counts_five_procedures_when_there_are_five(changed, code):
    """The count comes from the content, in the form CLDR gives five in the language (Babel is the judge here)."""
    assert set(LANGUAGES) <= set(FOUR), "spell four in the new language in FOUR"
    home = read_page(changed.site / ROOTS[code] / "index.html")
    assert FOUR[code] not in home.text.lower()
    count = catalogue(code)["labels"]["procedure_count"]
    assert count[Locale.parse(code).plural_form(5)].format(count=5) in re.sub("[\u2066-\u2069]", "", home.text.replace("\u00a0", " "))


@pytest.mark.build
def test_a_pseudo_localised_language_is_content_only(changed, page):
    site, target = changed.site, TARGET
    languages = (*LANGUAGES, target)

    for path in PAGE_PATHS:
        built = read_page(site / target / path / "index.html")
        assert built.lang == target, path
        assert f"[{target}]" in built.text, path
        assert not [link for link in built.links if link["tag"] == "link" and link.get("rel") == "alternate"], path
        menu = [a["href"] for a in built.links if a["tag"] == "a" and "md-select__link" in a.get("class", "")]
        assert len(menu) == len(languages), path
    index = json.loads((site / target / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(f"[{target}]" in doc["text"] for doc in index["docs"])
    assert (site / DOCUMENT_PATH).is_file()  # the notice keeps its languages; the build does not fail for es

    # The calculator answers in the new language, through Pyodide.
    page.goto(changed.url + f"{target}/calculateur/?document=attestation-demande-asile&expiry=2020-04-01")
    answer = shown_answer(page)
    assert answer["lang"] == target and answer["valid_until"] == "2020-06-30"
    # The language copies the last one's direction: its "[es]" is isolated as a Latin run (U+2066 ... U+2069).
    assert re.sub("[\u2066-\u2069]", "", answer["document_name"]).startswith(f"[{target}]")
    assert page.errors == []
