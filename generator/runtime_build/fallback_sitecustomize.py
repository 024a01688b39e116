"""The calculator's standard library holds only the modules it was seen to import (generator/runtime_build).
Should another one be imported after all, this fetches Pyodide's full standard library once and imports it
from there, so a rare code path is slower instead of broken. `site` imports this module at start-up."""
import sys

# Filled in at build time: the standard-library modules that were left out.
LEFT_OUT = frozenset()

_TRIMMED = f"/lib/python{sys.version_info[0]}{sys.version_info[1]}.zip"
_FULL = "/lib/python_stdlib_full.zip"


class FullStandardLibrary:
    """A last-resort finder: answers only for a left-out standard-library module, never for anything else."""

    fetched = None  # None: not tried; then True or False

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if name not in LEFT_OUT:
            return None
        if cls.fetched is None:
            cls.fetched = cls._fetch(name)
        if not cls.fetched:
            return None
        from importlib.machinery import PathFinder

        if path is not None:  # a submodule: look in the same package of the full library
            path = [entry.replace(_TRIMMED, _FULL, 1) for entry in path if entry.startswith(_TRIMMED)]
        return PathFinder.find_spec(name, path or None)

    @staticmethod
    def _fetch(name):
        try:
            import pyodide_js
            from js import XMLHttpRequest

            url = pyodide_js._api.config.indexURL + "python_stdlib.zip"
            request = XMLHttpRequest.new()
            request.open("GET", url, False)  # synchronous: an import cannot wait; allowed in a worker
            request.responseType = "arraybuffer"
            request.send()
            if request.status != 200:
                raise OSError(f"{url}: HTTP {request.status}")
            with open(_FULL, "wb") as file:
                file.write(request.response.to_bytes())
        except Exception as error:  # no network, not in a worker...: the import fails as it would have
            sys.stderr.write(f"{name} is not in the calculator's standard library and the full one is unavailable: {error}\n")
            return False
        sys.stderr.write(f"{name} is not in the calculator's standard library: loaded the full one\n")
        sys.path.append(_FULL)
        return True


sys.meta_path.append(FullStandardLibrary)
