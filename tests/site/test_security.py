"""The policy names only the inline scripts the theme writes, and the host's headers come from one table
(generator/security.py)."""
from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config

from generator.security import (HEADERS_FILE, UnknownInlineScript, headers_conf, policy_for, read_headers_conf,
                                response_headers, script_hash, theme_scripts)

ROOT = Path(__file__).resolve().parents[2]
THEME = load_config(str(ROOT / "mkdocs.yml")).theme
KNOWN = theme_scripts(tuple(THEME.dirs), THEME.custom_dir)
# Material's first script, as it writes it on a page two folders down.
MATERIAL_SCOPE = ('__md_scope=new URL("../..",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
                  '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
                  '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}'
                  'catch(e){}}')


def page(*scripts: str) -> str:
    return "<html><head><meta charset=utf-8></head><body>" + "".join(f"<script>{s}</script>" for s in scripts) + "</body></html>"


def test_the_themes_scripts_are_named_by_hash():
    policy = policy_for(page(MATERIAL_SCOPE), KNOWN)
    assert script_hash(MATERIAL_SCOPE) in policy
    assert "'unsafe-inline'" not in policy and "'wasm-unsafe-eval'" not in policy


@pytest.mark.parametrize("script", [
    "alert(1)",
    MATERIAL_SCOPE + ";alert(1)",  # a theme script with more after it
    MATERIAL_SCOPE.replace('"../.."', '"x"+alert(1)+"'),  # its URL replaced by code
])
def test_an_inline_script_the_theme_does_not_write_stops_the_build(script):
    with pytest.raises(UnknownInlineScript, match="neither the theme nor overrides/"):
        policy_for(page(MATERIAL_SCOPE, script), KNOWN)


def test_mkdocs_serve_allows_inline_scripts_and_names_none():
    assert "'unsafe-inline'" in policy_for(page("alert(1)"), KNOWN, live_reload=True)


@pytest.mark.parametrize("path, policy, cache", [
    ("/index.html", "frame-ancestors 'none'", "no-cache"),
    ("/en/procedures/dcem/index.html", "frame-ancestors 'none'", "no-cache"),
    ("/sw.js", "connect-src 'self'", "no-cache"),
    ("/assets/calculator/worker.js", "'wasm-unsafe-eval'", "no-cache"),
    ("/assets/calculator/snapshot-worker.js", "'wasm-unsafe-eval'", "no-cache"),
    ("/assets/calculator/calculator.js", "script-src 'self';", "no-cache"),
    ("/assets/javascripts/workers/search.a7633da7.min.js", "script-src 'self';", "max-age=31536000, immutable"),
    ("/assets/stylesheets/main.57a0d79d.min.css", None, "max-age=31536000, immutable"),
    ("/pyodide/checker-998b8b907101.zip", None, "max-age=31536000, immutable"),
    ("/pyodide/python_stdlib-a817f67f35ac.zip", None, "max-age=31536000, immutable"),
    ("/pyodide/pyodide.asm.wasm", None, "no-cache"),  # Pyodide's names stay from one version to the next
    ("/documents/information-covid19-sejour.pdf", None, "no-cache"),
])
def test_each_file_gets_the_headers_of_its_kind(path, policy, cache):
    rules = read_headers_conf(headers_conf({script_hash(MATERIAL_SCOPE)}))
    assert len(rules) == len(response_headers(()))
    headers = next(headers for pattern, headers in rules if pattern.search(path))
    assert headers["Cache-Control"] == cache
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"] == "no-referrer"
    if policy is None:
        assert "Content-Security-Policy" not in headers
    else:
        assert policy in headers["Content-Security-Policy"] + ";"
        assert ("'wasm-unsafe-eval'" in headers["Content-Security-Policy"]) == ("worker" in path and "search" not in path)
