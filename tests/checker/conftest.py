"""The checker's tests read the rules file as the package carries it: it must say what content/ says.

`make rules` (and so `make setup` and `make test`) writes it from the content; no test writes into the source tree."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import settings

# No deadline per example: how long one takes says nothing of the rule it checks, and on a loaded machine (other
# builds, a browser) a 200 ms deadline failed examples that were right.
settings.register_profile("suite", deadline=None)
settings.load_profile("suite")

REPO = Path(__file__).resolve().parents[2]
# The tests import `checker` and `generator` from the repository, whatever directory pytest starts in.
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from checker.data import rules_json  # noqa: E402
from generator.checker_data import RULES_FILE  # noqa: E402
from tests.catalogue import load_project_content  # noqa: E402

# Checked at import: hypothesis strategies and parametrize ids read the rules while tests are collected.
if not RULES_FILE.is_file() or RULES_FILE.read_text(encoding="utf-8") != rules_json(load_project_content().rules_data()):
    pytest.exit(f"checker/{RULES_FILE.name} does not match content/: run `make rules` (make test runs it first)",
                returncode=2)


@pytest.fixture(scope="session")
def measures():
    from checker import load_measures

    return load_measures()
