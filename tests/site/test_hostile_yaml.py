"""Hostile YAML in a content file (an alias bomb, nesting 30,000 deep, bytes that are not UTF-8, control
characters, a key given twice, tags): refused at its file and line before any node tree is made from it.

The cases load a copy of content/ in this process (20 ms each); one real build shows that such a file ends
`mkdocs build` within seconds, with the message and nothing written."""
from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.content import ContentInvalid, load_content

from ..catalogue import ROOT, settings
from ..conftest import MKDOCS
from .project_copy import copy_project

DCEM = "content/procedures/dcem.yml"
STEPS = "steps:\n  - {fr: \"On achetait le timbre fiscal de {fee}.\""


def content_copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path


def load(root: Path):
    chosen = settings()
    return load_content(root / "content", chosen.prefecture, chosen.publisher, chosen.languages)


def errors_of(root: Path) -> list[str]:
    with pytest.raises(ContentInvalid) as raised:
        load(root)
    return [str(error) for error in raised.value.errors]


def line_of(path: Path, text: str) -> int:
    content = path.read_text(encoding="utf-8")
    return content[: content.index(text)].count("\n") + 1


def alias_bomb(aliases: int) -> str:
    """A step written once under an anchor, then repeated through aliases (each a whole text to typeset)."""
    step = "{fr: \"" + "Étape " * 200 + "\", en: \"" + "Step " * 200 + "\", ar: \"" + "خطوة " * 200 + "\"}"
    return "steps:\n  - &step " + step + "\n" + "  - *step\n" * aliases


def test_the_copy_loads_as_it_is(tmp_path):
    assert load(content_copy(tmp_path)).procedure("dcem")["slug"] == "dcem"


def test_an_anchor_is_refused_at_its_line_before_any_alias_is_expanded(tmp_path):
    root = content_copy(tmp_path)
    path = root / DCEM
    line = line_of(path, "steps:") + 1
    path.write_text(path.read_text(encoding="utf-8").replace("steps:\n", alias_bomb(200), 1), encoding="utf-8")
    errors = errors_of(root)
    assert errors == [f"{DCEM}:{line}: steps[0]: YAML anchors (&) and aliases (*) are not allowed: "
                      "write each text out in full"], errors


def test_an_alias_alone_is_refused_at_its_line(tmp_path):
    root = content_copy(tmp_path)
    path = root / "content/news.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "- *nowhere\n", encoding="utf-8")
    line = text.count("\n") + 1
    errors = errors_of(root)
    assert any(error.startswith(f"content/news.yml:{line}: ") and "aliases (*) are not allowed" in error
               for error in errors), errors


@pytest.mark.parametrize("style", ["flow", "block"])
def test_nesting_30000_deep_is_refused_with_a_message_not_a_crash(tmp_path, style):
    """libyaml's composer recurses in C: before this guard, 30,000 levels ended the process on signal 11. The
    loader runs in a child process so that a crash fails this test instead of ending the test run."""
    from generator.content import MAX_DEPTH

    root = content_copy(tmp_path)
    deep = 30_000
    path = root / DCEM
    line = line_of(path, "steps:")
    if style == "flow":
        nested = "steps: " + "[" * deep + "]" * deep + "\n"
    else:  # compact block lists, "- - - x", each one level deeper
        nested, line = "steps:\n  " + "- " * deep + "x\n", line + 1
    path.write_text(path.read_text(encoding="utf-8").replace("steps:\n", nested + "notes:\n", 1), encoding="utf-8")
    script = ("from pathlib import Path\n"
              "from generator.content import ContentInvalid\n"
              "from tests.site.test_hostile_yaml import load\n"
              "try:\n"
              f"    load(Path({str(root)!r}))\n"
              "except ContentInvalid as exc:\n"
              "    print(exc)\n")
    started = time.monotonic()
    child = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert child.returncode == 0, (child.returncode, child.stderr[-2000:])
    assert time.monotonic() - started < 20
    # The root mapping is the first level and `steps` the second: the first list too deep is steps[0]...[0].
    where = f"{DCEM}:{line}: steps{'[0]' * (MAX_DEPTH - 1)}: "
    assert child.stdout.startswith(where + f"nested more than {MAX_DEPTH} levels deep"), child.stdout[:500]


@pytest.mark.parametrize("bad, shown", [(b"\xff", "the byte 0xFF"), (b"caf\xe9", "the byte 0xE9")])
def test_bytes_that_are_not_utf8_are_named_by_file_and_line(tmp_path, bad, shown):
    root = content_copy(tmp_path)
    path = root / DCEM
    line = line_of(path, "steps:") + 1
    data = path.read_bytes().replace(b"On achetait", b"On " + bad + b" achetait", 1)
    path.write_bytes(data)
    errors = errors_of(root)
    assert errors == [f"{DCEM}:{line}: the file is not UTF-8: {shown} cannot be read; save it as UTF-8"], errors


@pytest.mark.parametrize("character", ["\x00", "\x07", "\x1b", "\x7f", "\ufffe", "\x85", "\u2028", "\u2029"])
def test_a_control_character_is_named_by_file_and_line(tmp_path, character):
    root = content_copy(tmp_path)
    path = root / DCEM
    line = line_of(path, "steps:") + 1
    path.write_text(path.read_text(encoding="utf-8").replace("On achetait", "On" + character + "achetait", 1),
                    encoding="utf-8")
    errors = errors_of(root)
    assert errors == [f"{DCEM}:{line}: the character U+{ord(character):04X} is not allowed in a content file "
                      "(invisible in most editors): delete it"], errors


def test_an_alias_as_a_key_is_refused_as_an_alias(tmp_path):
    root = content_copy(tmp_path)
    path = root / DCEM
    path.write_text(path.read_text(encoding="utf-8").replace("slug: dcem\n", "slug: &s dcem\n*s : x\n", 1),
                    encoding="utf-8")
    assert errors_of(root) == [f"{DCEM}:1: slug: " + "YAML anchors (&) and aliases (*) are not allowed: "
                               "write each text out in full"]


def test_a_language_given_twice_in_a_text_is_refused_at_the_second(tmp_path):
    """The schema kept the last one: an editor's fix to the first was silently lost."""
    root = content_copy(tmp_path)
    path = root / DCEM
    line = line_of(path, "  en: Travel document for a foreign minor (DCEM)") + 1
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  en: Travel document for a foreign minor (DCEM)\n",
        "  en: Travel document for a foreign minor (DCEM)\n  en: Another title\n", 1), encoding="utf-8")
    assert errors_of(root) == [f"{DCEM}:{line}: title.en: this key is given twice"]


def test_a_language_given_twice_in_a_flow_text_in_a_list_is_refused_at_its_line(tmp_path):
    root = content_copy(tmp_path)
    path = root / DCEM
    line = line_of(path, "steps:") + 3
    path.write_text(path.read_text(encoding="utf-8").replace(
        "en: You attached the documents asked for and sent the request.,",
        "en: You attached the documents asked for and sent the request., en: Twice,", 1), encoding="utf-8")
    assert errors_of(root) == [f"{DCEM}:{line}: steps[2].en: this key is given twice"]


def test_a_key_given_twice_is_reported_once_with_the_other_errors_of_the_file(tmp_path):
    root = content_copy(tmp_path)
    path = root / DCEM
    line = line_of(path, "title:")
    path.write_text(path.read_text(encoding="utf-8").replace("slug: dcem\n", "slug: dcem\nslug: dcem\n", 1)
                    .replace("summary:", "summery:", 1), encoding="utf-8")
    errors = errors_of(root)
    assert f"{DCEM}:{line}: slug: this key is given twice" in errors
    assert errors.count(f"{DCEM}:{line}: slug: this key is given twice") == 1, errors
    assert any("summery: unknown field (did you mean 'summary'?)" in error for error in errors), errors


@pytest.mark.parametrize("tagged", ["!!int abc", "!!timestamp someday", "!!python/object:os.system x", "!local 180"])
def test_a_yaml_tag_is_refused_at_its_line(tmp_path, tagged):
    """Content needs no tag; `!!int abc` under a number field made the build end in a ValueError."""
    root = content_copy(tmp_path)
    path = root / "content/measures.yml"
    line = line_of(path, "extension_days: 180")
    path.write_text(path.read_text(encoding="utf-8").replace("extension_days: 180", f"extension_days: {tagged}", 1),
                    encoding="utf-8")
    errors = errors_of(root)
    assert len(errors) == 1 and errors[0].startswith("content/measures.yml:" + str(line) + ": rules[") \
        and errors[0].endswith("YAML tags (written with !) are not allowed: write the value alone"), errors


def test_a_key_that_is_a_list_is_refused_at_its_line(tmp_path):
    root = content_copy(tmp_path)
    path = root / DCEM
    path.write_text(path.read_text(encoding="utf-8").replace("slug: dcem\n", "slug: dcem\n? [a, b]\n: c\n", 1),
                    encoding="utf-8")
    assert errors_of(root) == [f"{DCEM}:2: a key must be a name, not a list or a mapping"]


@pytest.mark.build
def test_a_build_on_an_alias_bomb_ends_within_seconds_with_the_message_and_writes_nothing(tmp_path):
    """The attack sweep's file: 20,000 aliases of one step took 327 s, 6.8 GB and published 1.2 GB."""
    root = copy_project(tmp_path / "project")
    path = root / DCEM
    line = line_of(path, "steps:") + 1
    path.write_text(path.read_text(encoding="utf-8").replace("steps:\n", alias_bomb(20_000), 1), encoding="utf-8")
    assert path.stat().st_size > 200_000
    site = tmp_path / "site"
    site.mkdir()
    started = time.monotonic()
    try:
        result = subprocess.run([*MKDOCS, "build", "--strict", "--site-dir", str(site), "--config-file",
                                 str(root / "mkdocs.yml")], cwd=root, capture_output=True, text=True, timeout=90,
                                env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"})
    except subprocess.TimeoutExpired:
        pytest.fail("the build was still running after 90 s")
    assert time.monotonic() - started < 60
    assert result.returncode != 0
    assert f"{DCEM}:{line}: steps[0]: YAML anchors (&) and aliases (*) are not allowed" in result.stderr, \
        result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    assert list(site.iterdir()) == []
