"""Reads and rewrites the few parts of a WebAssembly binary the runtime's cut needs (its exports, a custom section),
leaving every other byte as it is. Standard library only, so that the same input always gives the same output."""
from __future__ import annotations

from dataclasses import dataclass

MAGIC = b"\0asm\1\0\0\0"
CUSTOM, IMPORT, FUNCTION, TABLE, EXPORT = 0, 2, 3, 4, 7
KINDS = {0: "func", 1: "table", 2: "memory", 3: "global", 4: "tag"}


@dataclass(frozen=True)
class Export:
    name: str
    kind: str
    index: int


def _uleb(data: bytes, position: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        byte = data[position]
        position += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, position


def _leb_bytes(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _name(text: str) -> bytes:
    encoded = text.encode("utf-8")
    return _leb_bytes(len(encoded)) + encoded


def sections(wasm: bytes) -> list[tuple[int, bytes]]:
    """The module's sections in order, as (id, content)."""
    if not wasm.startswith(MAGIC):
        raise ValueError("not a WebAssembly module (version 1)")
    found, position = [], len(MAGIC)
    while position < len(wasm):
        section_id = wasm[position]
        size, position = _uleb(wasm, position + 1)
        found.append((section_id, wasm[position: position + size]))
        position += size
    return found


def _join(parts: list[tuple[int, bytes]]) -> bytes:
    return MAGIC + b"".join(bytes([section_id]) + _leb_bytes(len(content)) + content for section_id, content in parts)


def exports(wasm: bytes) -> list[Export]:
    for section_id, content in sections(wasm):
        if section_id == EXPORT:
            count, position = _uleb(content, 0)
            found = []
            for _ in range(count):
                length, position = _uleb(content, position)
                name = content[position: position + length].decode("utf-8")
                kind = KINDS[content[position + length]]
                index, position = _uleb(content, position + length + 1)
                found.append(Export(name, kind, index))
            return found
    return []


def with_exports(wasm: bytes, kept: list[Export]) -> bytes:
    """The module with its export section replaced by `kept` (in that order)."""
    codes = {kind: code for code, kind in KINDS.items()}
    content = _leb_bytes(len(kept)) + b"".join(
        _name(export.name) + bytes([codes[export.kind]]) + _leb_bytes(export.index) for export in kept)
    return _join([(section_id, content if section_id == EXPORT else body) for section_id, body in sections(wasm)])


def with_custom_section(wasm: bytes, name: str, payload: bytes) -> bytes:
    """The module with a custom section appended (engines ignore it; WebAssembly.Module.customSections reads it)."""
    return wasm + bytes([CUSTOM]) + _leb_bytes(len(_name(name)) + len(payload)) + _name(name) + payload


def table_count(wasm: bytes) -> int:
    """Tables the module defines (imported ones not counted)."""
    for section_id, content in sections(wasm):
        if section_id == TABLE:
            return _uleb(content, 0)[0]
    return 0


def imports(wasm: bytes) -> list[tuple[str, str, str]]:
    """(module, name, kind) of each import."""
    for section_id, content in sections(wasm):
        if section_id != IMPORT:
            continue
        count, position = _uleb(content, 0)
        found = []
        for _ in range(count):
            length, position = _uleb(content, position)
            module = content[position: position + length].decode("utf-8")
            length, position = _uleb(content, position + length)
            name = content[position: position + length].decode("utf-8")
            kind = content[position + length]
            position += length + 1
            if kind == 0:  # function: its type
                position = _uleb(content, position)[1]
            elif kind == 1:  # table: element type, limits
                position = _limits_end(content, position + 1)
            elif kind == 2:  # memory: limits
                position = _limits_end(content, position)
            elif kind == 3:  # global: value type, mutability
                position += 2
            elif kind == 4:  # tag: attribute, type
                position = _uleb(content, position + 1)[1]
            found.append((module, name, KINDS[kind]))
        return found
    return []


def _limits_end(content: bytes, position: int) -> int:
    flags = content[position]
    position = _uleb(content, position + 1)[1]
    return _uleb(content, position)[1] if flags & 1 else position


def function_count(wasm: bytes) -> int:
    """Functions the module defines (imported ones not counted)."""
    for section_id, content in sections(wasm):
        if section_id == FUNCTION:
            return _uleb(content, 0)[0]
    return 0
