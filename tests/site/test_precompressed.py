"""The build's precompressed twins (FILE.br, FILE.gz), which a host sends as they are: each gives back its file
exactly, only files worth it get one, and the standard library's zip is stored uncompressed so that brotli
compresses it as a whole. The benchmark's server sends them as nginx's brotli_static and gzip_static would."""
from __future__ import annotations

import gzip
import shutil
import urllib.request
import zipfile
from pathlib import Path

import brotli
import pytest

from bench.server import StaticServer
from generator.precompress import precompress


@pytest.fixture(scope="module")
def compressed(built_site, tmp_path_factory) -> Path:
    """A few of the built site's files, compressed with an empty cache: a page, a script, the runtime's module,
    the trimmed standard library, and a file too small to gain anything."""
    site = tmp_path_factory.mktemp("precompressed")
    stdlib = next((built_site / "pyodide").glob("python_stdlib-*.zip"))
    for source in (built_site / "calculateur" / "index.html", built_site / "assets" / "calculator" / "history.js",
                   built_site / "pyodide" / "pyodide.mjs", stdlib, built_site / "assets" / "calculator" / "dom.js"):
        target = site / source.relative_to(built_site)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
    (site / "tiny.json").write_text("{}")
    precompress(site, cache=tmp_path_factory.mktemp("cache"))
    return site


def test_each_twin_gives_back_its_file_and_is_smaller(compressed):
    originals = [p for p in compressed.rglob("*") if p.is_file() and p.suffix not in (".br", ".gz")]
    twins = 0
    for original in originals:
        data = original.read_bytes()
        for suffix, decompress in ((".br", brotli.decompress), (".gz", gzip.decompress)):
            twin = original.with_name(original.name + suffix)
            if original.name == "tiny.json":
                assert not twin.exists()  # two bytes: not worth a second request's headers
                continue
            assert decompress(twin.read_bytes()) == data, twin
            assert twin.stat().st_size < len(data)
            twins += 1
    assert twins == 2 * (len(originals) - 1)


def test_the_standard_library_is_stored_so_that_brotli_compresses_it_as_a_whole(compressed):
    stdlib = next((compressed / "pyodide").glob("python_stdlib-*.zip"))
    with zipfile.ZipFile(stdlib) as archive:
        assert {member.compress_type for member in archive.infolist()} == {zipfile.ZIP_STORED}
    sizes = {suffix: stdlib.with_name(stdlib.name + suffix).stat().st_size for suffix in (".br", ".gz")}
    assert sizes[".br"] < sizes[".gz"] < stdlib.stat().st_size / 2


@pytest.mark.parametrize("mode, accept, encoding", [
    ("brotli", "gzip, deflate, br", "br"),
    ("brotli", "gzip", "gzip"),
    ("gzip", "gzip, deflate, br", "gzip"),
    ("none", "gzip, deflate, br", None),
])
def test_the_bench_server_sends_a_twin_as_a_host_would(compressed, mode, accept, encoding):
    script = "pyodide/pyodide.mjs"
    with StaticServer({"/": compressed}, mode=mode) as server:
        request = urllib.request.Request(server.url + script, headers={"Accept-Encoding": accept})
        with urllib.request.urlopen(request) as response:
            body, headers = response.read(), response.headers
    assert headers.get("Content-Encoding") == encoding
    expected = (compressed / script).read_bytes()
    sent = {"br": brotli.decompress, "gzip": gzip.decompress, None: lambda data: data}[encoding](body)
    assert sent == expected
    if encoding:
        assert body == (compressed / f"{script}.{'br' if encoding == 'br' else 'gz'}").read_bytes()
        assert headers.get("Vary") == "Accept-Encoding"
