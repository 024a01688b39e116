"""Compare the text of two built sites, page by page: what a change of code made the pages say differently.

    .venv/bin/python -m tests.site.compare_sites OLD_SITE NEW_SITE

Prints each changed passage (a few words around it) and the number of pages that differ; hashes in file names
(runtime archives) are ignored. Used to show that a refactoring lost nothing."""
from __future__ import annotations

import difflib
import re
import sys
from pathlib import Path

from .pages import read_page

HASH = re.compile(r"[0-9a-f]{12}")


def page_text(path: Path) -> list[str]:
    return HASH.sub("#", read_page(path).text).split()


def differences(old: Path, new: Path):
    for page in sorted(old.rglob("*.html")):
        twin = new / page.relative_to(old)
        if not twin.is_file():
            yield page.relative_to(old), "missing", "", ""
            continue
        before, after = page_text(page), page_text(twin)
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
            if op != "equal":
                yield (page.relative_to(old), op, " ".join(before[max(i1 - 3, 0):i2 + 3]),
                       " ".join(after[max(j1 - 3, 0):j2 + 3]))


def main(old: str, new: str) -> int:
    pages = set()
    for page, op, before, after in differences(Path(old), Path(new)):
        pages.add(page)
        print(f"{page}: {op}: {before[:200]!r} => {after[:200]!r}")
    print(f"pages differing: {len(pages)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
