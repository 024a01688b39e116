"""The bilingual information document: printed to PDF by WeasyPrint, and shown as the notice page.

One body for a pair of languages (templates/document/body.html.j2) makes both the PDF and the notice page, its
accessible twin. The PDF is rendered in memory at config time, before the pages, so that the pages can
give its size ("PDF, 85 Ko"); the plugin writes it at the root of the site once the French build is done.
"""
from __future__ import annotations

import ctypes.util
import io
import os
import re
import sys
from contextlib import contextmanager, redirect_stdout
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import jinja2
from markupsafe import Markup

from checker.engine import Answer, check
from checker.rules import ExpiryWindow, ExtensionRule, Measures

from .content import Content
from .site_plan import NOTICE
from .words import Words, all_sources, amount_in, display_url, newest

# Files at the root of the site: the first document keeps this name, each other one adds its languages.
DOCUMENT_PATH = "documents/information-covid19-sejour.pdf"
TEMPLATES = Path(__file__).resolve().parent / "templates" / "document"
# The fonts embedded (subset) in the PDF, so that it reads the same everywhere: Debian's packages, which
# `make system` installs. A font is chosen by script, not by language: DejaVu Sans for the Latin script and the
# rest, Noto Naskh Arabic for the Arabic script, whatever language writes in it. Of the Arabic fonts Debian
# has (Amiri, Scheherazade, KacstOne, Noto Sans and Noto Naskh Arabic, DejaVu), Noto Naskh is the one whose
# words pdftotext gives back: the others' ligatures and joins came back split or reordered in 72 to 351 of
# the notice's 1,310 Arabic words, Noto Naskh's in 6, each a word with a vowel mark.
@dataclass(frozen=True)
class Font:
    family: str
    package: str
    folder: str
    files: dict  # weight -> file name
    unicode_range: str = ""  # the characters it is used for; empty: every character an earlier one leaves


# In the order the stylesheet asks for them: a character goes to the first font that serves it.
FONTS = (
    Font("Notice Arabic", "fonts-noto-core", "/usr/share/fonts/truetype/noto",
         {"normal": "NotoNaskhArabic-Regular.ttf", "bold": "NotoNaskhArabic-Bold.ttf"},
         # Arabic, its supplement and extended-A, and the presentation forms
         "U+0600-06FF, U+0750-077F, U+08A0-08FF, U+FB50-FDFF, U+FE70-FEFF"),
    Font("Notice Sans", "fonts-dejavu-core", "/usr/share/fonts/truetype/dejavu",
         {"normal": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf"}),
)


class DocumentError(Exception):
    """The PDF cannot be made on this machine (a system library or a font is missing)."""


def build_time(environ=os.environ) -> datetime:
    """When the PDF is made, as its CreationDate and ModDate say: now, or the moment `SOURCE_DATE_EPOCH` gives (seconds
    since 1970-01-01 UTC), so that a reproducible build writes the same bytes (reproducible-builds.org)."""
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return datetime.now(timezone.utc).replace(microsecond=0)
    try:
        return datetime.fromtimestamp(int(value), timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise DocumentError(f"SOURCE_DATE_EPOCH={value!r}: give the build's date as a whole number of seconds since "
                            "1970-01-01 UTC (for example $(git log -1 --format=%ct)), or leave it unset") from None


@dataclass(frozen=True)
class InformationDocument:
    """One notice: its languages side by side (the first one on the left of the PDF), printed and as HTML."""

    languages: tuple[str, ...]
    path: str  # from the site root
    pdf: bytes
    page_count: int
    size_text: dict[str, str]  # page language -> the format and size shown beside each link: « PDF, 85 Ko »
    notice_html: dict[str, str]  # page language -> the body of the notice page

    def template_context(self, lang: str) -> dict:
        """What the page templates need: where the PDF is (from the site root), its size, the notice body."""
        return {
            "information_document": {"path": self.path, "size": self.size_text[lang]},
            "notice_html": self.notice_html[lang],
        }


def document_for(documents: list[InformationDocument], lang: str) -> InformationDocument:
    """The notice a page in this language links to: the first one written in its language, else the first one
    (a language with no notice of its own still gets one)."""
    return next((d for d in documents if lang in d.languages), documents[0])


def file_size(size: int, words: Words) -> str:
    """Decimal units, a decimal only under 10: "85 KB", « 1,2 Mo »."""
    value, unit = (size / 1000, "doc_kilobytes") if size < 1_000_000 else (size / 1_000_000, "doc_megabytes")
    shown = f"{max(value, 1):.1f}".removesuffix(".0") if value < 10 else f"{value:.0f}"
    return f"{shown.replace('.', words.language.decimal_mark)}\u00a0{words.label(unit)}"


def render_documents(content: Content, pairs: list[list[str]], site_url: str = "") -> list[InformationDocument]:
    """Every configured notice (each a list of languages); with none configured, one in the site's first two
    languages. A notice's language that the site does not publish is an error naming it."""
    pairs = [tuple(pair) for pair in pairs] or [tuple(content.languages[:2])]
    for pair in pairs:
        unknown = [code for code in pair if code not in content.languages]
        if unknown:
            raise DocumentError(f"mkdocs.yml: documents: {unknown[0]!r} is not one of the site's languages "
                                f"({', '.join(content.languages)})")
    return [render_document(content, pair, site_url, notice_file(index, pair)) for index, pair in enumerate(pairs)]


def notice_file(index: int, pair: tuple[str, ...]) -> str:
    """Where the notice configured at `index` is written: the first at DOCUMENT_PATH, each other one with its
    languages in its name (…-fr-ar.pdf)."""
    return DOCUMENT_PATH if index == 0 else DOCUMENT_PATH.replace(".pdf", f"-{'-'.join(pair)}.pdf")


def render_document(content: Content, languages: tuple[str, ...], site_url: str = "",
                    path: str = DOCUMENT_PATH) -> InformationDocument:
    """Render the PDF and the notice page bodies from the content; raise DocumentError if WeasyPrint cannot run."""
    env = _environment()
    context = document_context(content, languages, site_url)
    html = env.get_template("document.html.j2").render(context, languages=languages, page_lang=languages[0])
    css = env.get_template("document.css.j2").render(context, languages=languages, fonts=_font_faces(),
                                                    font_stack=", ".join(f'"{font.family}"' for font in FONTS))
    pdf, page_count = _print(html, css, build_time())
    notice_html = {}
    for lang in content.languages:
        # The page's own language first when the notice has it; otherwise the notice's order, every half marked.
        order = (lang, *(other for other in languages if other != lang)) if lang in languages else languages
        body = env.get_template("body.html.j2").render(context, languages=order, page_lang=lang)
        # Markdown ends a raw HTML block at a blank line: keep the body in one block.
        notice_html[lang] = re.sub(r"\n\s*\n", "\n", body).strip() + "\n"
    size_text = {lang: f"PDF, {file_size(len(pdf), Words.of(content, lang))}" for lang in content.languages}
    return InformationDocument(languages=languages, path=path, pdf=pdf, page_count=page_count,
                               size_text=size_text, notice_html=notice_html)


def write_document(document: InformationDocument, site_dir: Path | str) -> Path:
    target = Path(site_dir) / document.path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(document.pdf)
    return target


# --- What the templates see --------------------------------------------------------------------


def document_context(content: Content, languages: tuple[str, ...], site_url: str = "") -> dict:
    rules = content.rules
    # Every language of the site: the notice page of a language the notice is not written in names it too.
    words = {lang: Words.of(content, lang) for lang in content.languages}
    sources = all_sources(content)

    return {
        "site": content.site,
        "demonstration": content.demonstration,  # built with the example publisher: the notice says so
        "prefecture": content.prefecture,
        "publisher": content.publisher,
        "measures": content.measures,
        "procedures": content.procedures,
        "rules": rules,
        "windows": windows(rules),
        "examples": {lang: _examples(content, rules, lang) for lang in languages},
        "sources": sources,
        "information_date": newest(sources),
        # The notice page's address in each language, when the site's address is known (mkdocs.yml site_url).
        "notice_urls": {lang: content.plan.address(site_url, lang, NOTICE.url) for lang in languages}
                       if site_url else {},
        "tr": lambda text, lang: words[lang].tr(text),
        "label": lambda key, lang, **values: words[lang].label(key, **values),
        "money": lambda amount, lang: words[lang].money(amount),
        "long_date": lambda day, lang: words[lang].long_date(day),
        "cite": lambda basis, lang: words[lang].cite(basis),
        "published": lambda text, lang: words[lang].published(text),
        "typeset": lambda text, lang: words[lang].set(text),
        "colon": lambda lang: words[lang].colon(),
        "direction": lambda lang: words[lang].language.direction,
        "list_separator": lambda lang: words[lang].list_separator(),
        "comma": lambda lang: words[lang].comma(),
        # A phone number, an address, an e-mail: whole, in its own direction (isolated in a right-to-left half).
        "value": lambda text, lang: words[lang].value(text),
        "address": lambda url, lang: words[lang].set(display_url(url)),
        "display_url": display_url,
        "amount_in": amount_in,
    }


def windows(rules: Measures) -> list[tuple[ExpiryWindow, list[ExtensionRule]]]:
    """The rules grouped by the expiry window they cover, in the order the content gives them."""
    grouped: dict[ExpiryWindow, list[ExtensionRule]] = {}
    for rule in rules.rules:
        grouped.setdefault(rule.expiry_window, []).append(rule)
    return list(grouped.items())


def _examples(content: Content, rules: Measures, lang: str) -> list[Answer]:
    return [check(rules, e["document"], e["expiry"], lang=lang) for e in content.measures["examples"]]


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        autoescape=lambda name: bool(name) and name.endswith(".html.j2"),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # A content text or label comes as Markup (its < written &#60;, its allowed tags kept): a CSS string wants the
    # characters themselves, and no tag.
    env.filters["css_string"] = lambda text: '"' + (text.striptags() if isinstance(text, Markup) else str(text)) \
        .replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ") + '"'
    return env


# --- Printing ----------------------------------------------------------------------------------


def _font_faces() -> list[dict]:
    """Each face's file (as a URL), weight and characters, in the order the stylesheet declares them."""
    faces = []
    for font in FONTS:
        for weight, name in font.files.items():
            path = Path(font.folder) / name
            if not path.is_file():
                raise DocumentError(f"font file missing: {path}: run `make system` (installs Debian's {font.package})")
            faces.append({"family": font.family, "url": path.as_uri(), "weight": weight,
                          "unicode_range": font.unicode_range})
    return faces


def _print(html: str, css: str, made: datetime) -> tuple[bytes, int]:
    try:
        weasyprint = _import_weasyprint()
    except OSError as exc:  # WeasyPrint loads Pango when imported
        raise DocumentError(f"WeasyPrint cannot load its system libraries ({exc}): run `make system` "
                            "(installs Pango and HarfBuzz from Debian)") from exc
    # The @font-face rules are read only through a font configuration: without one, Pango would pick the
    # system's fonts by itself, whatever the stylesheet names.
    fonts = weasyprint.text.fonts.FontConfiguration()
    document = weasyprint.HTML(string=html, base_url=str(TEMPLATES)).render(
        stylesheets=[weasyprint.CSS(string=css, font_config=fonts)], font_config=fonts,
    )
    # The file's own dates are the build's (the date of its information is in its text, from its newest source):
    # WeasyPrint's metadata API takes them as W3C dates.
    document.metadata.created = document.metadata.modified = made.strftime("%Y-%m-%dT%H:%M:%SZ")
    with _tagged_languages():
        # PDF/UA-1: a tagged PDF (headings, lists, links in reading order) with its title shown by viewers.
        pdf = document.write_pdf(pdf_variant="pdf/ua-1")
    return pdf, len(document.pages)


def _import_weasyprint():
    """WeasyPrint, its system libraries opened by the dynamic loader alone.

    WeasyPrint offers cffi several names for each library, Windows' and macOS' first. For a name the loader
    cannot open, cffi asks `ctypes.util.find_library`, which on Linux runs ldconfig, then gcc and ld: 16
    compiler runs and 0.13 s of CPU per build here (Kozea/WeasyPrint#1125). While WeasyPrint is imported,
    such a name is reported as not found at once; the Linux names it also offers (libpango-1.0.so.0 …) are
    then opened by the loader, which searches where ldconfig would. If that fails, WeasyPrint is imported
    again the usual way, so that its own error message names what is missing."""
    if "weasyprint" in sys.modules:
        return sys.modules["weasyprint"]
    find_library = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        with redirect_stdout(io.StringIO()):  # WeasyPrint prints its advice when a library is missing
            import weasyprint
        return weasyprint
    except OSError:
        for name in [name for name in sys.modules if name.partition(".")[0] == "weasyprint"]:
            del sys.modules[name]
    finally:
        ctypes.util.find_library = find_library
    import weasyprint
    return weasyprint


@contextmanager
def _tagged_languages():
    """Give each tagged element the `lang` of its HTML element, so a screen reader switches voice on the
    English half. WeasyPrint 70 only tags the document's language; this wraps its (private) tree builder
    for the time of one render, and does nothing if a later version renames it (a test would notice)."""
    try:
        import pydyf
        from weasyprint.pdf import tags
        build_box_tree = tags._build_box_tree
    except (ImportError, AttributeError):
        yield
        return

    def with_language(box, parent, *args):
        real_box = getattr(box, "_box", box)  # absolutely positioned boxes come wrapped
        element = getattr(real_box, "element", None)
        lang = None
        if element is not None and getattr(real_box, "element_tag", None) not in ("html", "body"):
            lang = element.get("lang")
        for struct in build_box_tree(box, parent, *args):
            if lang:
                struct["Lang"] = pydyf.String(lang)
            yield struct

    tags._build_box_tree = with_language
    try:
        yield
    finally:
        tags._build_box_tree = build_box_tree
