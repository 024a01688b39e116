"""Writes the rules file the checker package carries (checker/rules.json) from the validated content model."""
from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

RULES_FILE = Path(__file__).resolve().parent.parent / "checker" / "rules.json"


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} in rules.json")


def rules_json(measures: dict) -> str:
    """The measures as JSON text, dates as ISO strings, keys in a stable order."""
    return json.dumps(measures, ensure_ascii=False, indent=1, sort_keys=True, default=_jsonable) + "\n"


def write_rules(measures: dict, target: Path = RULES_FILE) -> bool:
    """Write the rules file if its text changed; say whether it did."""
    text = rules_json(measures)
    if target.exists() and target.read_text(encoding="utf-8") == text:
        return False
    tmp = target.with_suffix(".json.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(target)
    return True


def main(config_file: Path = RULES_FILE.parent.parent / "mkdocs.yml", target: Path = RULES_FILE) -> int:
    """`make rules`, and so the first step of `make build` and `make serve`: a content error is shown as the build
    shows it (file:line: field: message, each on its line), with no traceback, and the exit status says so."""
    from .content import ContentInvalid
    from .pipeline import load_project_content, project_settings

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
