"""Regenerates checker/rules.json from content/measures.yml before any checker test runs."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
# The tests import `checker` and `generator` from the repository, whatever directory pytest starts in.
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from generator.checker_data import write_rules  # noqa: E402


def _regenerate_rules() -> None:
    with open(REPO / "content" / "measures.yml", encoding="utf-8") as source:
        write_rules(yaml.safe_load(source))


# Done at import too: hypothesis strategies and parametrize ids read the rules while tests are collected,
# before any fixture runs.
_regenerate_rules()


@pytest.fixture(scope="session", autouse=True)
def fresh_rules() -> None:
    """Never test against a stale rules file."""
    _regenerate_rules()
    from checker.data import load_measures

    load_measures.cache_clear()


@pytest.fixture(scope="session")
def measures():
    from checker import load_measures

    return load_measures()
