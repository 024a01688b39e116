"""Builds of the project with other settings, each made once per test run and shared by the tests that read it."""
from __future__ import annotations

import shutil
from pathlib import Path

from ..conftest import run_mkdocs_build, shared_site
from .project_copy import copy_project

# One build for what an operator sets: the site's public address, its publisher (a real one: the example publisher
# makes a demonstration, which is refused for a public address) and the prefecture whose contacts are shown. Each
# is read by its own tests (test_public_build.py, test_build.py).
PUBLIC = "https://example.org/sejour/"
OTHER_PREFECTURE = "exemple"
PUBLISHER = "editeur-de-test"  # a copy of content/publishers/exemple.yml under another name


@shared_site
def public_site(site: Path):
    """A copy of the project built for a public address (SITE_URL), by a publisher of its own (PUBLISHER) and with
    another prefecture (PREFECTURE)."""
    project = copy_project(site.with_name("public-project"))
    publishers = project / "content" / "publishers"
    shutil.copy(publishers / "exemple.yml", publishers / f"{PUBLISHER}.yml")
    settings = {"SITE_URL": PUBLIC, "PREFECTURE": OTHER_PREFECTURE, "PUBLISHER": PUBLISHER}
    return run_mkdocs_build(site, env_extra=settings, config=project / "mkdocs.yml", cwd=project)
