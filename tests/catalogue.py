"""The project as its configuration sets it, for the tests: the languages of mkdocs.yml, their catalogues, and
dates and typography in a language given by its code."""
from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

from checker import load_measures
from checker.engine import format_date as _format_date
from checker.typography import typeset as _typeset
from generator.site_plan import SitePlan, language_roots

ROOT = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=None)
def settings(root: Path = ROOT):
    """The residence plugin's settings in mkdocs.yml (languages, documents, prefecture, publisher)."""
    from generator.pipeline import project_settings

    return project_settings(root / "mkdocs.yml")


def load_project_content(root: Path = ROOT):
    """The content model of the project at `root`, as its mkdocs.yml configures it."""
    from generator.pipeline import load_project_content as load

    return load(root, settings(root))


LANGUAGES: tuple[str, ...] = tuple(settings().languages)
# Each language's folder from the site root (generator/site_plan.py): the first at the root.
ROOTS: dict[str, str] = language_roots(LANGUAGES)
# The procedures' slugs, as the content lists them (one file each in content/procedures/, in the order of their names).
PROCEDURE_SLUGS: tuple[str, ...] = tuple(yaml.safe_load(path.read_text(encoding="utf-8"))["slug"]
                                         for path in sorted((ROOT / "content" / "procedures").glob("*.yml")))
# The site's plan: the languages' roots and every page, with what each holds.
PLAN = SitePlan(LANGUAGES, PROCEDURE_SLUGS)


def catalogue(code: str, root: Path = ROOT) -> dict:
    return yaml.safe_load((root / "content" / "i18n" / f"{code}.yml").read_text(encoding="utf-8"))


def labels(root: Path = ROOT) -> dict[str, dict[str, str]]:
    """Every label, key -> {code: text}."""
    catalogues = {code: catalogue(code, root) for code in LANGUAGES}
    return {key: {code: catalogues[code]["labels"][key] for code in LANGUAGES}
            for key in catalogues[LANGUAGES[0]]["labels"]}


LABELS = labels()


def language(code: str):
    return load_measures().language(code)


def format_date(day: date, code: str) -> str:
    return _format_date(day, language(code))


def typeset(text: str, code: str) -> str:
    return _typeset(text, language(code))


def filled(sentence: str | dict, code: str, **values) -> str:
    """A catalogue sentence with its fields filled in; one written in plural forms takes the form CLDR (read by
    Babel, not by the code under test) gives its count in the language."""
    if isinstance(sentence, dict):
        from babel import Locale

        category = Locale.parse(code).plural_form(values[sentence["plural"]])
        sentence = sentence.get(category, sentence["other"])
    return sentence.format(**values)
