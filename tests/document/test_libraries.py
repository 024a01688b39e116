"""WeasyPrint's system libraries: opened by the dynamic loader alone, or, where that fails, found the long way
(generator/document.py, `_import_weasyprint`). Each case runs in a new Python, where WeasyPrint is not yet
imported."""
from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.conftest import ROOT

# Prints what a build needs from the import: Pango loaded, HarfBuzz's subsetter (to embed fonts) found.
REPORT = """
import resource
from generator.document import _import_weasyprint
weasyprint = _import_weasyprint()
from weasyprint.text import ffi
children = resource.getrusage(resource.RUSAGE_CHILDREN)
print(ffi.pango is not None, ffi.harfbuzz_subset is not None, children.ru_utime + children.ru_stime > 0)
"""


def _run(code: str) -> list[str]:
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_the_loader_alone_opens_weasyprints_libraries():
    # No ldconfig, gcc or ld run: no child process used any CPU.
    assert _run(REPORT) == ["True", "True", "False"]


def test_where_the_loader_alone_fails_the_libraries_are_found_the_long_way():
    # A system whose libraries only ctypes.util.find_library can locate: every name goes through it.
    refuse_bare_names = textwrap.dedent("""
        import cffi.api
        import ctypes.util
        load = cffi.api._load_backend_lib
        def only_what_find_library_finds(backend, name, flags):
            if isinstance(name, str):
                found = ctypes.util.find_library(name)
                if found is None:
                    raise OSError(f"no library {name}")
                name = found
            return load(backend, name, flags)
        cffi.api._load_backend_lib = only_what_find_library_finds
    """)
    pango, subset, _ = _run(refuse_bare_names + REPORT)
    assert (pango, subset) == ("True", "True")
