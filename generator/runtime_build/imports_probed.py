"""Which standard-library modules the calculator imports only to see whether they are there. Run inside Pyodide at
build time (in_pyodide.py): its Python parses its own library. Standard library only."""
from __future__ import annotations

import ast


def module_name(member: str) -> str:
    """json/decoder.py -> json.decoder; json/__init__.py -> json."""
    name = member[: -len(".py")].replace("/", ".")
    return name[: -len(".__init__")] if name.endswith(".__init__") else name


def probed_only(kept: set[str], sources: dict[str, bytes]) -> set[str]:
    """Members of `kept` that were imported only to see whether they are there: each import of them is in a `try`
    that catches ImportError (shutil's and zipfile's compressors, asyncio's ssl), or in such a module itself (what
    ssl imports). Left out, their import fails at once, as on a Python built without them; the calculator runs
    without them (compile.mjs's check and cut.py's check.mjs run it so)."""
    modules = {module_name(member): member for member in kept}
    importers: dict[str, dict[str, bool]] = {name: {} for name in modules}  # imported -> {importer: guarded}
    for importer, member in modules.items():
        package = importer if member.endswith("__init__.py") else importer.rpartition(".")[0]
        for imported, guarded in _imports(ast.parse(sources[member]), package):
            parts = imported.split(".")
            for depth in range(1, len(parts) + 1):  # importing a.b.c imports a and a.b first
                name = ".".join(parts[:depth])
                if name in importers and name != importer:
                    importers[name][importer] = importers[name].get(importer, True) and guarded
    dropped: set[str] = set()
    while True:
        more = {name for name, by in importers.items() if name not in dropped and by
                and all(guarded or importer in dropped for importer, guarded in by.items())}
        if not more:
            return {modules[name] for name in dropped}
        dropped |= more


def _imports(tree: ast.AST, package: str, guarded: bool = False):
    """(module, guarded) for each import in `tree`; guarded: inside a `try` whose handlers catch ImportError."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.Try):
            catches = any(_catches_import_error(handler.type) for handler in node.handlers)
            for child in node.body:
                yield from _imports(ast.Module([child], []), package, guarded or catches)
            for child in [*node.handlers, *node.orelse, *node.finalbody]:
                yield from _imports(child, package, guarded)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, guarded
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(filter(None, [*parts, base]))
            yield base, guarded
            for alias in node.names:
                yield f"{base}.{alias.name}", guarded
        else:
            yield from _imports(node, package, guarded)


def _catches_import_error(handler: ast.expr | None) -> bool:
    names = handler.elts if isinstance(handler, ast.Tuple) else [handler]
    return any(name is None or (isinstance(name, ast.Name) and name.id in
                                {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"})
               for name in names)
