"""The build itself: strict and quiet, and another prefecture is one setting away."""
from __future__ import annotations

import re

import pytest
import yaml

from tests.catalogue import LANGUAGES

from ..conftest import ROOT, build_log, run_mkdocs_build
from .conftest import OTHER_PREFECTURE
from .pages import page_file, read_page


def test_strict_build_prints_no_warning(built_site):
    assert "WARNING" not in build_log(built_site)


def test_switching_prefecture_is_one_setting(public_site):
    """public_site is built with PREFECTURE=exemple (and a SITE_URL, which changes no contact)."""
    chosen, cher = (yaml.safe_load((ROOT / "content" / "prefectures" / f"{name}.yml").read_text(encoding="utf-8"))
                    for name in (OTHER_PREFECTURE, "cher"))
    for lang in LANGUAGES:
        text = re.sub("[\u2066-\u2069]", "", read_page(page_file(public_site, lang, "mentions-legales/")).text)
        # As typeset: no-break spaces, isolates around French, typographic apostrophes.
        text = re.sub("[\u00a0\u202f]", " ", text).replace("\u2019", "'")
        # The Cher home page stays a source; its contacts must be gone.
        assert chosen["name"][lang] in text and cher["phone"] not in text and cher["address"][0] not in text
        assert chosen["phone"] in text and chosen["email"].removeprefix("mailto:") in text


@pytest.mark.build
def test_unknown_prefecture_is_a_clear_error(tmp_path):
    result = run_mkdocs_build(tmp_path / "site", env_extra={"PREFECTURE": "nowhere"})
    assert result.returncode != 0
    assert "no such prefecture 'nowhere'; known: cher, exemple" in result.stderr
    assert not (tmp_path / "site").exists()
