"""No broken internal link or anchor in either language (language switch, hreflang and PDF links included);
external links are listed, never fetched."""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from tests.catalogue import LANGUAGES as CONFIGURED

from .site_links import EXTERNAL_SCHEMES, MATERIAL_NO_OP, external_host, read_site, resolve, scheme

LANGUAGES = set(CONFIGURED)

# Broken links this gate knows of and tolerates (pattern, reason): each must still occur, so the list stays true.
# None today: the 404 pages' language links and the English 404 page's links were fixed in generator/plugin.py.
KNOWN_BROKEN: list[tuple[str, str]] = []


def test_every_internal_link_and_anchor_leads_somewhere_in_the_right_language(built_site, tmp_path, gate_summary):
    pages = read_site(built_site)
    problems, external = [], defaultdict(set)
    checked = Counter()
    for page in pages.values():
        assert page.lang in LANGUAGES, f"{page.path}: <html lang={page.lang!r}>"
        switch = {link.hreflang for link in page.links if link.tag == "a" and link.hreflang}
        # No hreflang link in the head: Material would fetch a sitemap.xml beside each (generator/plugin.py,
        # LanguageMenu); the sitemap of a public build carries them (tests/site/test_pages.py).
        alternates = {link.hreflang for link in page.links if link.tag == "link" and link.hreflang}
        if switch != LANGUAGES or alternates:
            problems.append(f"{page.path}: language switch {sorted(switch)}, hreflang links {sorted(alternates)}")

        for link in page.links:
            if link.url == MATERIAL_NO_OP:
                continue
            if scheme(link.url) in EXTERNAL_SCHEMES:
                external[link.url].add(page.path)
                continue
            if scheme(link.url):
                problems.append(f"{page.path}: <{link.tag}> {link.url}: a {scheme(link.url)}: link")
                continue
            path, target, fragment = resolve(built_site, link)
            checked["internal"] += 1
            if target is None:
                problems.append(f"{page.path}: <{link.tag}> {link.url}: no file serves {path}")
                continue
            if target.suffix == ".pdf":
                checked["pdf"] += 1
            other = pages.get(target.relative_to(built_site).as_posix())
            if other is None:
                continue
            if fragment:
                checked["anchors"] += 1
                if fragment not in other.ids:
                    problems.append(f"{page.path}: <{link.tag}> {link.url}: {other.path} has no id {fragment!r}")
            # The language switch leads to the twin in the other language; every other link stays in this one.
            expected = link.hreflang or page.lang
            if link.hreflang:
                checked["hreflang"] += 1
            if other.lang != expected:
                element = f"<{link.tag} hreflang={link.hreflang}>" if link.hreflang else f"<{link.tag}>"
                problems.append(f"{page.path}: {element} {link.url}: leads to a page in {other.lang!r}, not {expected!r}")

    report = tmp_path / "external-links.tsv"
    report.write_text("".join(f"{external_host(url)}\t{url}\t{' '.join(sorted(on))}\n"
                              for url, on in sorted(external.items(), key=lambda item: external_host(item[0]))),
                      encoding="utf-8")
    hosts, uses = Counter(), Counter()
    for url, on in external.items():
        hosts[external_host(url)] += 1
        uses[external_host(url)] += len(on)
    known = {reason: [p for p in problems if re.fullmatch(pattern, p)] for pattern, reason in KNOWN_BROKEN}
    unknown = [p for p in problems if not any(p in found for found in known.values())]
    gate_summary(
        f"{len(pages)} pages: {checked['internal']} internal links checked ({checked['anchors']} with an anchor, "
        f"{checked['hreflang']} language links, {checked['pdf']} to the PDF); "
        f"{len(unknown)} broken, {len(problems) - len(unknown)} known broken:",
        *(f"  {len(found):3} {reason}" for reason, found in known.items()),
        f"{len(external)} distinct external links (not fetched), listed in {report}:",
        *(f"  {hosts[host]:3} on {host}, linked from {uses[host]} pages in all"
          for host in sorted(hosts, key=lambda h: (-hosts[h], h))),
    )
    # Not vacuous: every language, their switches, and the information document were reached.
    assert {page.lang for page in pages.values()} == LANGUAGES
    assert checked["hreflang"] >= (len(LANGUAGES) - 1) * len(pages) and checked["pdf"] > 0 and checked["anchors"] > 0
    assert not unknown, "\n".join(unknown)
    fixed = [reason for reason, found in known.items() if not found]
    assert not fixed, f"fixed, remove from KNOWN_BROKEN: {fixed}"
