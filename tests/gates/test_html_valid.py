"""Every built page, in every language and the 404 pages included, passes the Nu HTML Checker (vnu.jar, pinned in
package.json) with no error but the theme's own, listed with their reasons in vnu-allowed.yml."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
import yaml

from ..conftest import ROOT

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ALLOWED = yaml.safe_load((Path(__file__).parent / "vnu-allowed.yml").read_text(encoding="utf-8"))


def nu_messages(site: Path) -> list[dict]:
    """All the checker's messages on every HTML file of the site, in one JVM run."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        pytest.fail(f"needs Java and {VNU_JAR.relative_to(ROOT)}: run `make setup`")
    result = subprocess.run([java, "-jar", str(VNU_JAR), "--format", "json", "--skip-non-html", str(site)],
                            capture_output=True, text=True, timeout=600)
    # Exit status 1 only says "errors were found"; the report itself is JSON on stderr.
    return json.loads(result.stderr)["messages"]


def test_every_page_is_valid_html(built_site, gate_summary):
    pages = sorted(path.relative_to(built_site).as_posix() for path in built_site.rglob("*.html"))
    messages = nu_messages(built_site)
    errors = [m for m in messages if m["type"] in ("error", "non-document-error")]
    warnings = [m for m in messages if m.get("subType") == "warning"]

    allowed = {entry["pattern"]: [] for entry in ALLOWED}
    unexpected = []
    for error in errors:
        pattern = next((p for p in allowed if re.fullmatch(p, error["message"])), None)
        (allowed[pattern] if pattern else unexpected).append(error)

    gate_summary(
        f"{len(pages)} pages checked by the Nu HTML Checker: {len(errors)} errors "
        f"({len(errors) - len(unexpected)} allowed, {len(unexpected)} not), {len(warnings)} warnings",
        *(f"  {len(found):3} allowed: {pattern}" for pattern, found in allowed.items()),
        # Warnings, by kind. The checker reads the pages as file: URLs, which no 'self' matches: its CSP warnings
        # say nothing about the site served (test_privacy_and_security.py watches the policy in Chromium).
        *(f"  {count:3} warnings: {kind}" for kind, count in Counter(
            re.sub(r"“[^”]*”", "“…”", w["message"]) for w in warnings).most_common()),
    )
    assert "404.html" in pages and "en/404.html" in pages and "en/index.html" in pages
    assert not unexpected, "\n".join(
        f"{m.get('url', '').rpartition(str(built_site))[2]}:{m.get('lastLine', '?')}: {m['message']}" for m in unexpected)
    for entry in ALLOWED:
        per_page = Counter(m["url"].rpartition(str(built_site))[2] for m in allowed[entry["pattern"]])
        assert per_page, f"no longer occurs, remove it from vnu-allowed.yml: {entry['pattern']}"
        wrong = {page: count for page, count in per_page.items() if count != entry["count_per_page"]}
        assert len(per_page) == len(pages) and not wrong, (
            f"{entry['pattern']}: expected {entry['count_per_page']} on each of {len(pages)} pages, "
            f"found on {len(per_page)}: {wrong}")
