"""Which of the wasm's exports Pyodide's JavaScript can reach. Pyodide is linked as a MAIN_MODULE: it exports every
symbol (8,560) for side modules to link against; the calculator loads none. What the JavaScript names (and the
wasm's own GOT imports) is kept; the rest can go, and with them the code only they kept alive."""
from __future__ import annotations

import re
from collections.abc import Iterable

from .wasm_module import Export, imports

# Exports Emscripten's start-up calls or reads by a name it builds at run time.
EMSCRIPTEN_INTERNAL = re.compile(r"__em_js__.*|__em_asm.*|__start_em_.*|__stop_em_.*|__wasm_call_ctors"
                                 r"|__wasm_apply_data_relocs|_emscripten_tls_init|__wasm_init_tls|__set_stack_limits"
                                 r"|__stack_pointer|__memory_base|__table_base|__dso_handle|__tls_size|__tls_align"
                                 r"|__tls_base|__indirect_function_table|memory")
_ASSIGNED = re.compile(r'(\w+)=(?:Module\["\w+"\]=)?wasmExports\["([^"]+)"\]')
_WORD = re.compile(r"[A-Za-z_$][\w$]*")
_QUOTED = re.compile(r"""["'`]([\w$]+)["'`]""")


def kept_exports(wasm: bytes, exported: list[Export], asm_mjs: str, other_sources: Iterable[str]) -> list[Export]:
    """The exports to keep, in their order: every non-function export but the globals no JavaScript reads, and
    the functions the JavaScript names (by the variable Emscripten assigns them to, or as a string), Emscripten's
    internal ones, and those the wasm imports back through its GOT."""
    start = asm_mjs.index("function assignWasmExports(wasmExports){")
    end = asm_mjs.index("}", start)
    assigned = _ASSIGNED.findall(asm_mjs[start:end])
    # The rest of the JavaScript: without the assignments themselves, nor the `var a,b,c;` that declares them.
    declaration = asm_mjs.rfind("var " + assigned[0][0] + ",", 0, start)
    rest = [asm_mjs[:declaration], asm_mjs[asm_mjs.index(";", declaration): start], asm_mjs[end:], *other_sources]
    words = {word for text in rest for word in _WORD.findall(text)}
    quoted = {word for text in rest for word in _QUOTED.findall(text)}
    named = {export for variable, export in assigned if variable in words or variable in quoted or export in quoted}
    named |= {name for name in (export.name for export in exported) if name in words or name in quoted}
    got = {name for module, name, _ in imports(wasm) if module.startswith("GOT.")}
    read = {export for _, export in assigned}

    def keep(export: Export) -> bool:
        if EMSCRIPTEN_INTERNAL.fullmatch(export.name) or export.name in got:
            return True
        if export.kind == "func":
            return export.name in named
        if export.kind == "global":  # assignWasmExports reads each global it names (`.value`): all of those stay
            return export.name in read or export.name in named
        return True

    return [export for export in exported if keep(export)]
