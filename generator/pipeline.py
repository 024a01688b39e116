"""The one way to build: the configuration in, every artefact out (each language's pages, the information
documents, the checker's data and runtime). The MkDocs plugin, the benchmark and the tests all call it."""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

from .content import Content, load_content
from .document import InformationDocument, document_for, render_documents
from .pages import LanguageSite, render_language
from .runtime import CalculatorRuntime, prepare_runtime
from .settings import EXAMPLE_PUBLISHER, ResidenceSiteConfig


# The residence plugin's options in mkdocs.yml, as MkDocs validated them.
Settings = ResidenceSiteConfig


@dataclass(frozen=True)
class Artefacts:
    content: Content
    runtime: CalculatorRuntime
    documents: list[InformationDocument]
    sites: dict[str, LanguageSite]  # language code -> its pages and navigation, the first language first
    pdf_seconds: float  # CPU time spent printing the documents


def load_project_content(project_dir: Path, settings: Settings) -> Content:
    """The validated content of a project, as its settings choose it (ContentInvalid on any error)."""
    return load_content(project_dir / settings.content_dir, settings.prefecture, settings.publisher,
                        tuple(settings.languages))


def build_artefacts(project_dir: Path, settings: Settings, site_url: str = "", public: bool = True) -> Artefacts:
    """Check the content and make everything from it, in memory: nothing is written here (ContentInvalid,
    DocumentError or PluginError on the first problem, so a failed build leaves no half-built site)."""
    # `public`: a build to publish (not `mkdocs serve`, whose site_url is the preview's local address).
    if public and site_url and settings.publisher == EXAMPLE_PUBLISHER:
        raise PluginError(
            f"PUBLISHER: the site is built for a public address (SITE_URL={site_url}) with the example publisher "
            f"(content/publishers/{EXAMPLE_PUBLISHER}.yml), whose name and contacts are placeholders. Write "
            f"content/publishers/<name>.yml with the real publisher (LCEN art. 6-III) and build with PUBLISHER=<name>.")
    content = load_project_content(project_dir, settings)
    # The calculator's runtime files are named before the pages that link to them are rendered.
    runtime = prepare_runtime(project_dir, content.rules_data())
    # The information documents are printed first, so that the pages can give their size.
    started = time.process_time()
    documents = render_documents(content, [list(pair) for pair in settings.documents], site_url)
    pdf_seconds = time.process_time() - started
    sites = {lang: render_language(content, lang, extra_context={
        lang: {**runtime.template_context(), **document_for(documents, lang).template_context(lang)}})
        for lang in content.languages}
    return Artefacts(content, runtime, documents, sites, pdf_seconds)


def project_settings(config_file: Path) -> Settings:
    """The settings a project's mkdocs.yml gives (environment variables resolved, as MkDocs does)."""
    from mkdocs.config import load_config

    return load_config(str(config_file)).plugins["residence"].config
