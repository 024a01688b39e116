"""Loads the rules file carried inside the package: the checker's only I/O."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from .rules import Measures, build_measures

RULES_FILE = "rules.json"


class RulesMissing(FileNotFoundError):
    """The package was built or copied without its generated rules file."""


def load_rules_data() -> dict:
    """The parsed rules.json dict."""
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
