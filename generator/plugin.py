"""The MkDocs plugin: checks the content, then builds the first language's site at the root and each other
language's under <code>/.

Why a build per language (decisions/0002): Material takes the page language, its own interface words, its
direction and the search language from `theme.language`, one value per build. So the build MkDocs runs (the
first language's) renders every page of every language from the content first -- any content error stops it
before a file is written -- then, once its own pages are written, runs one more MkDocs build of the same
configuration per other language, with that `theme.language`, into `<site_dir>/<code>`.
"""
from __future__ import annotations

import json
import logging
import posixpath
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from . import markup
from .checker_data import CHECKER_DIR, PROJECT_CONTENT, write_rules
from .content import ContentInvalid
from .document import DocumentError, write_document
from .pages import LanguageSite
from .pipeline import build_artefacts
from .settings import ResidenceSiteConfig
from .offline import write_service_worker
from .words import Words
from .runtime import install_runtime
from .language_marks import mark_script_runs
from .security import (HEADERS_FILE, UnknownInlineScript, headers_conf, known_script_hashes, theme_scripts,
                       with_content_security_policy)

log = logging.getLogger("mkdocs.plugins.residence")
# Outside MkDocs' loggers, whose errors and warnings abort a strict build: under `mkdocs serve` a content error is
# told in the terminal and on the pages while the last good site is served (Python prints it to stderr).
serve_log = logging.getLogger("residence.serve")

# The build log line that gives the PDF's printing time (make bench reads it).
PDF_PRINTED = "information document (PDF) printed in"



class _CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates compiled once per process, not once per build: the English build (and every
    rebuild of `mkdocs serve`) reuses what the French one compiled. Jinja checks each entry against its
    template's source, so an edited template is compiled again."""

    def __init__(self):
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket):
        self.code[bucket.key] = bucket.bytecode_to_string()


_compiled_templates = _CompiledTemplates()


def with_error_banner(html: str, message: str) -> str:
    """A served page with the content error on top (`mkdocs serve` only: a built site never has one)."""
    banner = f'<pre class="content-error" role="alert">{escape(message)}</pre>'  # styled in docs/assets/site.css
    return re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + banner, html, count=1)


def theme_words(content, lang: str) -> dict[str, str]:
    """The words the theme's own templates (footer, 404 page, the banner of a demonstration) show, in one language,
    set like every other text (the theme's partials only place them)."""
    words = Words.of(content, lang)
    keys = ("not_official", "not_found_title", "not_found_body", "not_found_home")
    return {
        **{key: words.label(key) for key in keys},
        "published_by": words.label("published_by", name=words.tr(content.publisher["name"])),
        # The site is written in its first language; the others are its translations, and say so.
        "translation_notice": words.label("translation_notice") if lang != content.plan.primary else "",
        # Built with the example publisher: every page says it is a demonstration (overrides/main.html).
        "demo_banner": words.label("demo_banner") if content.demonstration else "",
    }


def footer_links(content, lang: str) -> list[dict[str, str]]:
    """The pages the site plan links from every page's footer: their address from the language's root, their
    menu label."""
    words = Words.of(content, lang)
    return [{"url": page.url, "label": words.label(page.menu_label)} for page in content.plan.footer()]


def with_direction(html: str, direction: str) -> str:
    """The page's writing direction on its root element, beside its language (Material's base template has no
    block for <html>): a right-to-left page is then right to left before any stylesheet is read."""
    return re.sub(r"<html\b(?![^>]*\bdir=)", f'<html dir="{direction}"', html, count=1)


class ResidenceSitePlugin(BasePlugin[ResidenceSiteConfig]):
    serving = False  # under `mkdocs serve`: a content error keeps the last good site
    last_good = None  # the artefacts of the last build whose content was valid
    content_error: str | None = None  # the error the served pages show, while there is one

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"

    # The language a nested build (started in on_post_build) is for; None for the build MkDocs runs. MkDocs keeps
    # one instance of each plugin per process, so the nested build's on_config runs on this very instance, which
    # already holds every language's pages: the content is read and rendered once.
    nested_language: str | None = None

    def on_config(self, config):
        if self.nested_language is not None:
            self.language_site: LanguageSite = self.sites[self.nested_language]
            content = self.content
        else:
            self.script_hashes: set[str] = set()  # of every page of every language: the host's page policy
            project_dir = Path(config.config_file_path).parent
            content_dir = project_dir / self.config.content_dir
            try:
                artefacts = build_artefacts(project_dir, self.config, config.site_url or "",
                                            public=not self.serving)
                for document in artefacts.documents:
                    log.info(f"{PDF_PRINTED} {artefacts.pdf_seconds:.3f} s of CPU "
                             f"({'-'.join(document.languages)}: {document.page_count} pages, "
                             f"{len(document.pdf):,} bytes)")
                self.last_good, self.content_error = artefacts, None
            except (ContentInvalid, DocumentError) as exc:
                if isinstance(exc, ContentInvalid):
                    count = len(exc.errors)
                    message = f"{count} content error{'s' if count > 1 else ''}; nothing was built:\n{exc}"
                else:
                    message = f"the information document (PDF) could not be made; nothing was built:\n{exc}"
                if not (self.serving and self.last_good):
                    raise PluginError(message)
                # `mkdocs serve` keeps serving the last good site, with the error in the terminal and on the pages.
                serve_log.error(f"ERROR    -  {message}\nServing the last good site until the content is fixed.")
                artefacts, self.content_error = self.last_good, message
            content, sites, self.runtime, self.documents = (
                artefacts.content, artefacts.sites, artefacts.runtime, artefacts.documents)
            # The rules file belongs to this repository's checker package: a build of another copy
            # of the content (a test's modified copy, say) must not overwrite it.
            if content_dir.resolve() == PROJECT_CONTENT:
                write_rules(content.rules_data())
            self.content = content
            self.content_dir = content_dir
            self.sites = sites
            self.plan = content.plan
            self.language_site = sites[self.plan.primary]
            self.site_root = urlsplit(config.site_url or "/").path or "/"
            self.public_url = config.site_url or ""
        lang = self.language_site.lang
        # The footer's contacts are plain values from the content: shown as text, never as markup.
        config.extra["prefecture"] = markup.plain_values(content.prefecture, content.languages)
        config.extra["theme_words"] = theme_words(content, lang)
        config.extra["footer_links"] = footer_links(content, lang)
        config.theme["language"] = lang
        # The search plugin comes after this one in mkdocs.yml: it takes its stemmer, separator and pipeline from
        # the language set here. MkDocs keeps one instance of it for every build of the process, so each build
        # sets the language again (and the nested builds run after it has written this build's index).
        search = config.plugins.get("material/search") or config.plugins.get("search")
        if search is not None:
            search.config.lang = [content.catalogues[lang]["locale"].get("search", lang)]
            search.config.separator = search.config.pipeline = None
        config.site_name = self.language_site.site_name
        config.nav = self.language_site.nav
        config.extra["lang"] = lang
        # The header's language menu needs a list; its links are set per page in on_page_context.
        # Pages set their own twin links in on_page_context; the 404 page, which has none, links the homes.
        self.languages = {code: catalogue["locale"]["name"] for code, catalogue in content.catalogues.items()}
        config.extra["alternate"] = self.alternates("")
        # Where each language's pages are published, for the hreflang alternates of the sitemap (absolute
        # addresses, as search engines read them: none without SITE_URL).
        config.extra["sitemap_roots"] = {code: self.public_url + root for code, root in self.plan.roots.items()
                                         } if self.public_url else {}
        # Material writes the direction on <body> and mirrors its layout; on_post_page writes it on <html> too.
        config.theme["direction"] = self.direction = content.catalogues[lang]["locale"]["direction"]
        return config

    def alternates(self, page_url: str) -> LanguageMenu:
        """The language menu: the same page in each language, each named in itself."""
        return LanguageMenu(tuple({"name": name, "lang": code, "link": self.page_url(code, page_url),
                                   "direction": self.content.catalogues[code]["locale"]["direction"]}
                                  for code, name in self.languages.items()))

    def on_files(self, files: Files, config) -> Files:
        for src_uri, markdown in self.language_site.pages.items():
            files.append(File.generated(config, src_uri, content=markdown))
        return files

    def on_env(self, env, config, files):
        env.bytecode_cache = _compiled_templates
        return env

    def on_page_context(self, context, page, config, nav):
        # The same page in each language: the language menu leads to the twin, not the home.
        config.extra["alternate"] = self.alternates(page.url)
        return context

    def on_post_page(self, output, page, config):
        if self.content_error:
            output = with_error_banner(output, self.content_error)
        return self.written(output, config, page.file.dest_uri)

    def on_post_template(self, output_content, template_name, config):
        # Static theme pages such as 404.html get the same policy as the content pages.
        if not template_name.endswith(".html"):
            return output_content
        if template_name == "404.html" and self.language_site.lang != self.plan.primary and not config.site_url:
            output_content = self.rebase_links(output_content, self.language_site.lang)
        return self.written(output_content, config, template_name)

    def written(self, html: str, config, name: str) -> str:
        """A page as it is written out: on a page in another script than the first language's, that language's
        words marked as such; its direction; its Content-Security-Policy, which names the theme's inline scripts
        in it (an inline script the theme does not write stops the build)."""
        catalogues, lang = self.content.catalogues, self.language_site.lang
        first_script = catalogues[self.plan.primary]["locale"]["script"]
        if catalogues[lang]["locale"]["script"] != first_script:
            html = mark_script_runs(html, lang, first_script, self.plan.primary)
        known = theme_scripts(tuple(config.theme.dirs), config.theme.custom_dir)
        try:
            html = with_content_security_policy(with_direction(html, self.direction), known, live_reload=self.serving)
        except UnknownInlineScript as exc:
            raise PluginError(f"{self.plan.path(lang, name)}: {exc}") from exc
        if not self.serving:
            self.script_hashes |= known_script_hashes(html, known)
        return html

    def rebase_links(self, html: str, lang: str) -> str:
        """Root links of another language's 404 page, which MkDocs roots at the site root, not at en/.

        Without a site_url MkDocs writes the 404 page's links from "/"; its language links are right already."""
        root, folder = self.site_root, self.plan.root(lang)
        home = root + folder

        def rebase(tag: re.Match) -> str:
            text = tag.group(0)
            if "hreflang=" in text:
                return text
            return re.sub(rf'\b(href|src)="{re.escape(root)}(?!{re.escape(folder)})', rf'\1="{home}', text)

        html = re.sub(r"<(?:a|link|script|img)\b[^>]*>", rebase, html)
        return html.replace(f'"base": "{root}"', f'"base": "{home}"', 1)

    def page_url(self, lang: str, page_url: str) -> str:
        return posixpath.join(self.site_root, self.plan.path(lang, page_url))

    # Last of every plugin: the search plugin writes this build's index first (its instance then serves the next
    # language's build), and the service worker lists that index.
    @event_priority(-100)
    def on_post_build(self, config):
        if self.nested_language is not None:
            return
        install_runtime(self.runtime, config.site_dir)
        for document in self.documents:
            write_document(document, config.site_dir)
        for lang in self.plan.others:
            site_dir = str(Path(config.site_dir) / self.plan.root(lang))
            other = load_config(
                config.config_file_path,
                site_dir=site_dir,
                site_url=(config.site_url or "") and posixpath.join(config.site_url, self.plan.root(lang)),
                strict=config.strict,
            )
            if other.plugins["residence"] is not self:
                raise PluginError("MkDocs gave the nested build another instance of the residence plugin")
            self.nested_language = lang
            try:
                mkdocs_build(other)
            finally:
                self.nested_language = None
        for root in self.plan.roots.values():
            without_isolates(Path(config.site_dir) / root / "search" / "search_index.json")
        # Last: the service worker lists files of every language's build.
        write_service_worker(config.site_dir, self.runtime, self.plan, {
            code: catalogue["locale"].get("search", code) for code, catalogue in self.content.catalogues.items()})
        # The headers the host sends (README, bench/server.py): what a page's <meta> policy cannot say, and the
        # policy of the workers, which take theirs from their own response.
        (Path(config.site_dir) / HEADERS_FILE).write_text(headers_conf(self.script_hashes), encoding="utf-8")

    def on_serve(self, server, config, builder):
        # Editing a content file or a page template rebuilds the site, as editing a Markdown page would.
        server.watch(str(self.content_dir))
        server.watch(str(Path(__file__).resolve().parent / "templates"))
        server.watch(str(CHECKER_DIR))  # the checker's code goes into the calculator's archive
        return server


def without_isolates(index: Path) -> None:
    """The search index without the bidirectional isolates (U+2066-U+2069) typeset puts around the first language's
    words in another script's text: the search plugin reads pages before they become marked elements, and a search
    for a French word must find it."""
    def clean(value):
        if isinstance(value, str):
            return re.sub("[\u2066-\u2069]", "", value)
        if isinstance(value, list):
            return [clean(item) for item in value]
        if isinstance(value, dict):
            return {key: clean(item) for key, item in value.items()}
        return value

    if index.is_file():
        entries = json.loads(index.read_text(encoding="utf-8"))
        index.write_text(json.dumps(clean(entries), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


@dataclass(frozen=True)
class LanguageMenu:
    """The header's language menu (overrides/partials/alternate.html reads `links`). Material writes a
    <link rel="alternate" hreflang> into the head for each entry of an iterable `extra.alternate`, and its script
    then fetches a sitemap.xml beside each, expecting a language's home: ours lead to the twin page, where there is
    none (three requests for missing files on every page). This menu is not iterable, so Material writes none of
    them; the hreflang alternates are in the sitemap instead (overrides/sitemap.xml), with the absolute
    addresses search engines need."""

    links: tuple[dict, ...]
