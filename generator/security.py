"""The site's security policies: the Content-Security-Policy each page carries, naming by hash only the inline
scripts the theme itself writes; and the headers the host sends with each file (security-headers.conf)."""
from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from pathlib import Path
from typing import Iterable

# Executable inline scripts only: a <script type="application/json"> is data and needs no hash.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>(.*?)</script>", re.S)

# The templates whose inline scripts a page may run: Material's own page scripts (not its analytics, nor its
# redirect page: the site calls no outside service and redirects nowhere), and every template of overrides/.
THEME_SCRIPT_TEMPLATES = "partials/javascripts/*.html"
# What a Jinja expression in such a script is filled with: a URL (Material's base_url), nothing else.
TEMPLATE_SLOT = r"[\w./:%~+-]*"

POLICY = {
    "default-src": ["'self'"],
    # No 'wasm-unsafe-eval': a page compiles no WebAssembly, the calculator's workers do (WORKER_POLICY).
    "script-src": ["'self'"],
    "worker-src": ["'self'"],
    "connect-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "style-src": ["'self'"],
    "font-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
# What only a header can say: no other site may show a page in a frame (a meta policy cannot say it).
FRAMING = {"frame-ancestors": ["'none'"]}
# A worker takes the policy of its own response, not the page's: these go with every script, since any may be
# started as a worker (the search's, the service worker).
SCRIPT_POLICY = {"default-src": ["'self'"], "script-src": ["'self'"], "connect-src": ["'self'"],
                 "object-src": ["'none'"], "base-uri": ["'none'"]}
# Pyodide compiles WebAssembly in the calculator's two workers: that needs 'wasm-unsafe-eval' (not 'unsafe-eval').
WORKER_POLICY = dict(SCRIPT_POLICY, **{"script-src": ["'self'", "'wasm-unsafe-eval'"]})
WASM_WORKERS = r"/assets/calculator/(?:worker|snapshot-worker)\.js$"
# A file whose name carries a digest of its bytes never changes at its address (Material's bundle, search worker
# and styles; the checker's archive and the trimmed standard library). Pyodide's own files keep their names
# from one version to the next: revalidated like the rest.
DIGEST = r"[.-][0-9a-f]{8,}(?:\.min)?"
# Sent with every file.
EVERY_FILE = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
REVALIDATE = {"Cache-Control": "no-cache"}
IMMUTABLE = {"Cache-Control": "max-age=31536000, immutable"}
HEADERS_FILE = "security-headers.conf"


class UnknownInlineScript(ValueError):
    """A page holds an inline script that neither the theme nor overrides/ writes."""


def script_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@cache
def theme_scripts(theme_dirs: tuple[str, ...], custom_dir: str | None = None) -> tuple[re.Pattern, ...]:
    """Each inline script the theme's templates write (THEME_SCRIPT_TEMPLATES in every theme folder, every
    template of `custom_dir`), as a pattern: its text, each {{ … }} in it standing for a URL."""
    templates = [path for folder in theme_dirs for path in sorted(Path(folder).glob(THEME_SCRIPT_TEMPLATES))]
    if custom_dir is not None:
        templates += sorted(Path(custom_dir).rglob("*.html"))
    patterns = {}
    for template in templates:
        for body in INLINE_SCRIPT.findall(template.read_text(encoding="utf-8")):
            parts = re.split(r"\{\{.*?\}\}", body, flags=re.S)
            patterns[body] = re.compile(TEMPLATE_SLOT.join(re.escape(part) for part in parts))
    return tuple(patterns.values())


def known_script_hashes(html: str, known: Iterable[re.Pattern]) -> set[str]:
    """The hashes of the page's inline scripts, each of which must be one the theme writes."""
    hashes = set()
    for body in INLINE_SCRIPT.findall(html):
        if not any(pattern.fullmatch(body) for pattern in known):
            raise UnknownInlineScript(
                f"an inline script that neither the theme nor overrides/ writes: <script>{body[:80]}"
                f"{'…' if len(body) > 80 else ''}</script>. Its text came from elsewhere (a content text?): "
                "the policy names only the theme's scripts (generator/security.py)")
        hashes.add(script_hash(body))
    return hashes


def policy_text(directives: dict[str, list[str]]) -> str:
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def policy_for(html: str, known: Iterable[re.Pattern] = (), live_reload: bool = False) -> str:
    """The page's policy: the theme's inline scripts in it named by hash; an inline script the theme does not
    write stops the build (UnknownInlineScript). `live_reload`: for `mkdocs serve` only, which writes its
    live-reload script inline into each page it sends, a new one each time (no hash can name it): inline
    scripts are then allowed, and no hash is given (a browser ignores 'unsafe-inline' beside one). A built
    site never has this."""
    if live_reload:
        scripts = POLICY["script-src"] + ["'unsafe-inline'"]
    else:
        scripts = POLICY["script-src"] + sorted(known_script_hashes(html, known))
    return policy_text(dict(POLICY, **{"script-src": scripts}))


def with_content_security_policy(html: str, known: Iterable[re.Pattern] = (), live_reload: bool = False) -> str:
    """Put the policy right after the charset, before anything the page loads, which it then governs."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html, known, live_reload)}">'
    head = re.search(r"<meta charset=[^>]*>", html) or re.search(r"<head>", html)
    if head is None:
        raise ValueError("page has no <head>: cannot set its Content-Security-Policy")
    return html[: head.end()] + "\n    " + meta + html[head.end():]


def response_headers(script_hashes: Iterable[str]) -> list[tuple[str, dict[str, str]]]:
    """What the host sends with each file: (pattern of its path, headers), the first pattern that matches
    decides. `script_hashes`: every inline script of every page (a page's header policy names them all; each
    page's own policy, in its <meta>, names its own)."""
    page = dict(POLICY, **{"script-src": POLICY["script-src"] + sorted(set(script_hashes))}, **FRAMING)
    return [
        (WASM_WORKERS, {"Content-Security-Policy": policy_text(WORKER_POLICY), **REVALIDATE}),
        (r"\.html$", {"Content-Security-Policy": policy_text(page), **REVALIDATE}),
        (DIGEST + r"\.m?js$", {"Content-Security-Policy": policy_text(SCRIPT_POLICY), **IMMUTABLE}),
        (r"\.m?js$", {"Content-Security-Policy": policy_text(SCRIPT_POLICY), **REVALIDATE}),
        (DIGEST + r"\.(?:css|zip|m?js\.map|css\.map)$", IMMUTABLE),
        (r"", REVALIDATE),
    ]


def headers_conf(script_hashes: Iterable[str]) -> str:
    """response_headers() as nginx locations, to `include` in the site's server block. Each location lists every
    header it sends: nginx gives a location that adds headers none of the server's."""
    lines = ["# Written by the build from generator/security.py: the headers to send with each file of this site.",
             "# nginx: include this file in the site's server block (README). bench/server.py reads it too.", ""]
    for pattern, headers in response_headers(script_hashes):
        lines.append(f'location ~ "{pattern}" {{' if pattern else "location / {")
        lines += [f'    add_header {name} "{value}" always;' for name, value in {**headers, **EVERY_FILE}.items()]
        lines.append("}")
    return "\n".join(lines) + "\n"


_LOCATION = re.compile(r'^location (?:~ "(?P<pattern>[^"]*)"|/) \{$')
_ADD_HEADER = re.compile(r'^add_header (?P<name>[\w-]+) "(?P<value>[^"]*)" always;$')


def read_headers_conf(text: str) -> list[tuple[re.Pattern, dict[str, str]]]:
    """The rules of a security-headers.conf, as a static server that is not nginx applies them (bench/server.py):
    the first location whose pattern matches a file's path gives its headers."""
    rules: list[tuple[re.Pattern, dict[str, str]]] = []
    for line in (line.strip() for line in text.splitlines()):
        if location := _LOCATION.match(line):
            rules.append((re.compile(location.group("pattern") or ""), {}))
        elif header := _ADD_HEADER.match(line):
            rules[-1][1][header.group("name")] = header.group("value")
    return rules
