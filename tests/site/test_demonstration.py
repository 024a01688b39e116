"""A site built with the example publisher (placeholders for its name and contacts) says it is a demonstration
on every page and in its notices, in every language; built for a public address (SITE_URL) it does not build at
all, and the message names PUBLISHER."""
from __future__ import annotations

import re
import subprocess

import pytest

from tests.catalogue import LABELS, LANGUAGES, catalogue
from tests.conftest import run_mkdocs_build

from ..document.test_translated_notice import words
from .pages import LANGUAGES as FOLDERS
from .pages import PAGE_PATHS, page_file


def banner_of(html: str) -> str:
    found = re.search(r'<p class="site-demo">(.*?)</p>', html, re.S)
    return " ".join(re.sub(r"<[^>]+>", "", found.group(1)).split()) if found else ""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_of_a_demonstration_says_so(built_site, lang):
    expected = " ".join(LABELS["demo_banner"][lang].replace("\u00a0", " ").split())
    for path in [*PAGE_PATHS, "404.html"]:
        file = built_site / FOLDERS[lang] / path if path.endswith(".html") else page_file(built_site, lang, path)
        # Words, not typography (the page sets typographic apostrophes).
        shown = banner_of(file.read_text(encoding="utf-8")).replace("\u00a0", " ").replace("\u2019", "'")
        assert shown == expected, path or "/"


def test_each_notice_of_a_demonstration_says_so_in_each_of_its_languages(built_site):
    """Read back with pdftotext, word by word (tests/document/test_translated_notice.py: how Arabic comes back); a
    right-to-left sentence that wraps comes back with its lines in another order, so there every word is looked
    for."""
    notices = sorted((built_site / "documents").glob("*.pdf"))
    assert notices
    for notice in notices:
        raw = subprocess.run(["pdftotext", "-enc", "UTF-8", str(notice), "-"], capture_output=True, text=True,
                             check=True).stdout
        text = " " + " ".join(words(raw)) + " "
        said = [lang for lang in LANGUAGES if f" {' '.join(words(LABELS['demo_banner'][lang]))} " in text
                or (catalogue(lang)["locale"]["direction"] == "rtl"
                    and all(f" {word} " in text for word in words(LABELS["demo_banner"][lang])))]
        assert len(said) >= 2, (notice.name, said)


@pytest.mark.build
def test_a_demonstration_is_not_built_for_a_public_address(tmp_path):
    site = tmp_path / "site"
    result = run_mkdocs_build(site, env_extra={"SITE_URL": "https://example.org/sejour/"})
    assert result.returncode != 0
    assert "PUBLISHER" in result.stderr and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert not site.exists() or not any(site.iterdir())
