"""The rules file carried inside the package: its name and its text, written by the generator and read here (the
checker's only I/O)."""
from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from .rules import Measures, build_measures

# The file's one name: the generator writes it (generator/checker_data.py), the calculator's archive carries it
# (generator/runtime.py), the Makefile makes it, pyproject.toml packages every *.json of the package.
RULES_FILE = "rules.json"


class RulesMissing(FileNotFoundError):
    """The package was built or copied without its generated rules file."""


def rules_json(data: dict) -> str:
    """The rules data as the file's text: dates as ISO strings, keys in a stable order."""
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True, default=_jsonable) + "\n"


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} in {RULES_FILE}")


def load_rules_data() -> dict:
    """The rules file, parsed."""
    # importlib.resources reads from a directory, a zip or a wheel unpacked in Pyodide alike.
    resource = resources.files(__package__).joinpath(RULES_FILE)
    if not resource.is_file():
        raise RulesMissing(
            f"checker/{RULES_FILE} is missing: run `make rules` to generate it from content/measures.yml"
        )
    return json.loads(resource.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def load_measures() -> Measures:
    """The measures, read once per process (they do not change while it runs)."""
    return build_measures(load_rules_data())
