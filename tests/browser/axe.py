"""axe-core (the pinned npm package) run inside a Playwright page, at WCAG 2.1 A and AA, and the known issues."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import yaml
from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
AXE_DIR = ROOT / "node_modules" / "axe-core"
KNOWN_ISSUES = Path(__file__).with_name("axe-known-issues.yml")
WCAG_21_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Every page carries a Content-Security-Policy (script-src 'self' + hashes), so `add_script_tag` (an inline
# <script>) would be refused. `page.evaluate` goes through the DevTools protocol, which the policy does not
# govern: axe runs in the page as it is served, policy included (bypass_csp=True would test another page).
_RUN = """async (tags) => {
  const results = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(" ")),
    summaries: violation.nodes.map((node) => node.failureSummary),
  }));
}"""


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str | None
    help: str
    target: str
    summary: str

    def __str__(self) -> str:
        return f"{self.rule} ({self.impact}) at {self.target}: {self.help}\n      {self.summary.replace(chr(10), ' / ')}"


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the built site, every language, 404 pages included, as paths to put after the site URL."""
    paths = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))
    return [path.removesuffix("index.html") for path in paths]


def axe_version() -> str:
    return json.loads((AXE_DIR / "package.json").read_text(encoding="utf-8"))["version"]


# Colours read mid-fade are neither the start nor the end: wait for every finite animation and transition (a
# spinner's endless turn is not waited for).
_SETTLED = """() => document.getAnimations().every((animation) =>
  animation.playState !== "running" || animation.effect?.getComputedTiming().endTime === Infinity)"""


def axe_violations(page: Page) -> list[Violation]:
    """axe's WCAG 2.1 A/AA violations on the page as it is once its transitions end, one per failing element."""
    page.wait_for_function(_SETTLED)
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate((AXE_DIR / "axe.min.js").read_text(encoding="utf-8"))
    found = page.evaluate(_RUN, WCAG_21_A_AA)
    return [
        Violation(item["id"], item["impact"], item["help"], target, summary)
        for item in found
        for target, summary in zip(item["targets"], item["summaries"], strict=True)
    ]


@dataclass(frozen=True)
class KnownIssue:
    """A violation we cannot fix from our side (see axe-known-issues.yml for the reason of each)."""
    rule: str
    target: str  # a substring of axe's CSS selector for the element
    reason: str

    def covers(self, violation: Violation) -> bool:
        return violation.rule == self.rule and self.target in violation.target


def known_issues() -> list[KnownIssue]:
    if not KNOWN_ISSUES.is_file():
        return []
    entries = yaml.safe_load(KNOWN_ISSUES.read_text(encoding="utf-8")) or []
    return [KnownIssue(entry["rule"], entry["target"], entry["reason"]) for entry in entries]


def unexpected(violations: list[Violation], issues: list[KnownIssue]) -> list[Violation]:
    return [violation for violation in violations if not any(issue.covers(violation) for issue in issues)]
