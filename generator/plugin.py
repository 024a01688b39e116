"""The MkDocs plugin: checks the content, then builds the French site at the root and the English one under en/.

Why two builds: Material takes the page language, its own interface words and the search language
from `theme.language`, which is one value per build. So the French build (the one MkDocs runs) renders
every page of both languages from the content first -- any content error stops it before a file is
written -- then, once its own pages are written, runs a second MkDocs build of the same configuration
with `theme.language: en` into `<site_dir>/en`.
"""
from __future__ import annotations

import logging
import posixpath
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import config_options as c
from mkdocs.config import load_config
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .checker_data import RULES_FILE, write_rules
from .content import ContentInvalid, load_content
from .document import DocumentError, render_document, write_document
from .pages import LANGUAGES, PRIMARY_LANGUAGE, LanguageSite, render_language
from .offline import write_service_worker
from .words import Words
from .runtime import install_runtime, prepare_runtime
from .security import with_content_security_policy

log = logging.getLogger("mkdocs.plugins.residence")

LANGUAGE_NAMES = {"fr": "Français", "en": "English"}
# The build log line that gives the PDF's printing time (make bench reads it).
PDF_PRINTED = "information document (PDF) printed in"

# Handed from the French build to the English one it starts, so the content is read and rendered once.
_handoff: dict = {}


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


class ResidenceSiteConfig(Config):
    prefecture = c.Type(str, default="cher")
    publisher = c.Type(str, default="exemple")
    content_dir = c.Type(str, default="content")


def theme_words(content, lang: str) -> dict[str, str]:
    """The words the theme's own templates (footer, 404 page) show, in one language, set like every other text (the theme's partial only places them)."""
    words = Words(lang, content.site["labels"], content.rules.last_extended_day())
    keys = ("not_official", "prefecture_contacts", "phone", "press", "nav_legal", "nav_accessibility",
            "not_found_title", "not_found_body", "not_found_home")
    return {
        **{key: words.label(key) for key in keys},
        "published_by": words.label("published_by", name=words.tr(content.publisher["name"])),
        "prefecture": words.tr(content.prefecture["name"]),
        "colon": words.colon(),
    }


class ResidenceSitePlugin(BasePlugin[ResidenceSiteConfig]):
    def on_config(self, config):
        handoff = _handoff.get("site")
        if handoff is not None:
            self.language_site: LanguageSite = handoff
            self.site_root = _handoff["site_root"]
            content = _handoff["content"]
        else:
            content_dir = Path(config.config_file_path).parent / self.config.content_dir
            try:
                content = load_content(content_dir, self.config.prefecture, self.config.publisher)
                # The calculator's runtime files are named before the pages that link to them are rendered.
                self.runtime = prepare_runtime(Path(config.config_file_path).parent, content.measures)
                runtime_links = {lang: self.runtime.template_context() for lang in LANGUAGES}
                # The information document is printed (in memory) first, so the pages can give its size.
                started = time.process_time()
                self.document = render_document(content, config.site_url or "")
                log.info(f"{PDF_PRINTED} {time.process_time() - started:.3f} s of CPU "
                         f"({self.document.page_count} pages, {len(self.document.pdf):,} bytes)")
                page_context = {lang: {**runtime_links[lang], **self.document.template_context(lang)}
                                for lang in LANGUAGES}
                sites = {lang: render_language(content, lang, extra_context=page_context) for lang in LANGUAGES}
            except ContentInvalid as exc:
                count = len(exc.errors)
                raise PluginError(f"{count} content error{'s' if count > 1 else ''}; nothing was built:\n{exc}")
            except DocumentError as exc:
                raise PluginError(f"the information document (PDF) could not be made; nothing was built:\n{exc}")
            # checker/rules.json belongs to this repository's checker package: a build of another copy
            # of the content (a test's modified copy, say) must not overwrite it.
            if content_dir.resolve() == RULES_FILE.parent.parent / "content":
                write_rules(content.measures)
            self.content = content
            self.content_dir = content_dir
            self.sites = sites
            self.language_site = sites[PRIMARY_LANGUAGE]
            self.site_root = urlsplit(config.site_url or "/").path or "/"
        lang = self.language_site.lang
        config.extra["prefecture"] = content.prefecture
        config.extra["theme_words"] = theme_words(content, lang)
        config.theme["language"] = lang
        config.site_name = self.language_site.site_name
        config.nav = self.language_site.nav
        config.extra["lang"] = lang
        # The header's language menu needs a list; its links are set per page in on_page_context.
        # Pages set their own twin links in on_page_context; the 404 page, which has none, links the homes.
        config.extra["alternate"] = [
            {"name": LANGUAGE_NAMES[code], "lang": code, "link": self.page_url(code, "")} for code in LANGUAGES
        ]
        return config

    def on_files(self, files: Files, config) -> Files:
        for src_uri, markdown in self.language_site.pages.items():
            files.append(File.generated(config, src_uri, content=markdown))
        return files

    def on_env(self, env, config, files):
        env.bytecode_cache = _compiled_templates
        return env

    def on_page_context(self, context, page, config, nav):
        # The same page in each language: the switch and the hreflang links lead to the twin, not the home.
        config.extra["alternate"] = [
            {"name": LANGUAGE_NAMES[code], "lang": code, "link": self.page_url(code, page.url)} for code in LANGUAGES
        ]
        return context

    def on_post_page(self, output, page, config):
        return with_content_security_policy(output)

    def on_post_template(self, output_content, template_name, config):
        # Static theme pages such as 404.html get the same policy as the content pages.
        if not template_name.endswith(".html"):
            return output_content
        if template_name == "404.html" and self.language_site.lang != PRIMARY_LANGUAGE and not config.site_url:
            output_content = self.rebase_links(output_content, self.language_site.lang)
        return with_content_security_policy(output_content)

    def rebase_links(self, html: str, lang: str) -> str:
        """Root links of another language's 404 page, which MkDocs roots at the site root, not at en/.

        Without a site_url MkDocs writes the 404 page's links from "/"; its language links are right already."""
        root = self.site_root
        home = f"{root}{lang}/"

        def rebase(tag: re.Match) -> str:
            text = tag.group(0)
            if "hreflang=" in text:
                return text
            return re.sub(rf'\b(href|src)="{re.escape(root)}(?!{lang}/)', rf'\1="{home}', text)

        html = re.sub(r"<(?:a|link|script|img)\b[^>]*>", rebase, html)
        return html.replace(f'"base": "{root}"', f'"base": "{home}"', 1)

    def page_url(self, lang: str, page_url: str) -> str:
        prefix = "" if lang == PRIMARY_LANGUAGE else f"{lang}/"
        return posixpath.join(self.site_root, prefix + page_url)

    def on_post_build(self, config):
        if _handoff:
            return
        install_runtime(self.runtime, config.site_dir)
        write_document(self.document, config.site_dir)
        for lang in LANGUAGES:
            if lang == PRIMARY_LANGUAGE:
                continue
            site_dir = str(Path(config.site_dir) / lang)
            other = load_config(
                config.config_file_path,
                site_dir=site_dir,
                site_url=(config.site_url or "") and posixpath.join(config.site_url, f"{lang}/"),
                strict=config.strict,
            )
            _handoff.update(site=self.sites[lang], site_root=self.site_root, content=self.content)
            try:
                mkdocs_build(other)
            finally:
                _handoff.clear()
        # Last: the service worker lists files of both languages' builds.
        write_service_worker(config.site_dir, self.runtime)

    def on_serve(self, server, config, builder):
        # Editing a content file or a page template rebuilds the site, as editing a Markdown page would.
        server.watch(str(self.content_dir))
        server.watch(str(Path(__file__).resolve().parent / "templates"))
        server.watch(str(RULES_FILE.parent))  # the checker's code goes into the calculator's archive
        return server
