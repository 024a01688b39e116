"""The Content-Security-Policy of every page: only the site's own origin, and Material's inline scripts by hash."""
from __future__ import annotations

import base64
import hashlib
import re

# Executable inline scripts only: a <script type="application/json"> is data and needs no hash.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>(.*?)</script>", re.S)

POLICY = {
    "default-src": ["'self'"],
    # Pyodide compiles WebAssembly; that needs 'wasm-unsafe-eval' (not 'unsafe-eval').
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "worker-src": ["'self'"],
    "connect-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "style-src": ["'self'"],
    "font-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


def script_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def policy_for(html: str, live_reload: bool = False) -> str:
    """The page's policy. `live_reload`: for `mkdocs serve` only, which writes its live-reload script inline into
    each page it sends, a new one each time (no hash can name it): inline scripts are then allowed, and no hash
    is given (a browser ignores 'unsafe-inline' beside one). A built site never has this."""
    if live_reload:
        scripts = POLICY["script-src"] + ["'unsafe-inline'"]
    else:
        scripts = POLICY["script-src"] + sorted({script_hash(body) for body in INLINE_SCRIPT.findall(html)})
    directives = dict(POLICY, **{"script-src": scripts})
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def with_content_security_policy(html: str, live_reload: bool = False) -> str:
    """Put the policy right after the charset, before anything the page loads, which it then governs."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html, live_reload)}">'
    head = re.search(r"<meta charset=[^>]*>", html) or re.search(r"<head>", html)
    if head is None:
        raise ValueError("page has no <head>: cannot set its Content-Security-Policy")
    return html[: head.end()] + "\n    " + meta + html[head.end():]
