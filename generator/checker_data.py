"""Writes the rules file the checker package carries (its name: checker/data.py) from the validated content model."""
from __future__ import annotations

import sys
from pathlib import Path

import checker
from checker.data import RULES_FILE as RULES_NAME
from checker.data import rules_json

from .content import ContentInvalid
from .pipeline import load_project_content, project_settings
from .settings import ResidenceSiteConfig

CHECKER_DIR = Path(checker.__file__).resolve().parent
RULES_FILE = CHECKER_DIR / RULES_NAME
# The project the checker package belongs to, whose own content (the plugin's default content_dir) its rules file
# is written from: a build of another copy of the content (a test's modified copy, say) must not overwrite it.
PROJECT_DIR = CHECKER_DIR.parent
PROJECT_CONTENT = PROJECT_DIR / ResidenceSiteConfig.content_dir.default


def write_rules(measures: dict, target: Path = RULES_FILE) -> bool:
    """Write the rules file if its text changed; say whether it did."""
    text = rules_json(measures)
    if target.exists() and target.read_text(encoding="utf-8") == text:
        return False
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(target)
    return True


def main(config_file: Path = PROJECT_DIR / "mkdocs.yml", target: Path = RULES_FILE) -> int:
    """`make rules`, and so the first step of `make build` and `make serve`: a content error is shown as the build
    shows it (file:line: field: message, each on its line), with no traceback, and the exit status says so."""
    try:
        content = load_project_content(config_file.parent, project_settings(config_file))
    except ContentInvalid as exc:
        print(f"ERROR   -  {exc.report()}", file=sys.stderr)
        return 1
    written = write_rules(content.rules_data(), target)
    print(f"{target.parent.name}/{target.name}", "written" if written else "already up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
