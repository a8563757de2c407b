"""The table of map formats: what each is called, the suffixes that name it, and the module
that reads it (``argmap.read``) and writes it (``argmap.write``). Loading, ``convert`` and the
CLI's ``--from`` and ``--to`` all look formats up here. Pure data."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "FORMATS",
    "ICCMA_FORMATS",
    "INPUT_FORMATS",
    "MAX_ARGUMENTS",
    "MAX_ICCMA_BYTES",
    "OUTPUT_FORMATS",
    "Format",
]


@dataclass(frozen=True)
class Format:
    """A map format.

    Attributes:
        name: What ``--from`` and ``--to`` call it.
        title: Its name in prose.
        suffixes: File suffixes that name it (``.json`` names argmap JSON on output, and
            argmap JSON or AIF, by content, on input).
        reader: ``"module:function"`` of its reader, or None when argmap cannot read it.
        writer: ``"module:function"`` of its writer, or None when argmap cannot write it.
        flattened: Whether it holds the attack graph alone, so its writer flattens supports.
    """

    name: str
    title: str
    suffixes: tuple[str, ...]
    reader: str | None
    writer: str | None
    flattened: bool = False


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "yaml",
            "argmap YAML",
            (".yaml", ".yml"),
            "argmap.read.yaml:read_yaml",
            "argmap.write.yaml:render_yaml",
        ),
        Format(
            "json",
            "argmap JSON",
            (".json",),
            "argmap.read.json:read_json",
            "argmap.write.json:render_json",
        ),
        Format("aif", "AIF JSON", (), "argmap.read.aif:read_aif", "argmap.write.aif:render_aif"),
        Format(
            "argdown",
            "Argdown",
            (".argdown", ".ad"),
            "argmap.read.argdown:read_argdown",
            "argmap.write.argdown:render_argdown",
        ),
        Format("kialo", "Kialo export", (), "argmap.read.kialo:read_kialo", None),
        Format("carneades", "Carneades 4 YAML", (), "argmap.read.carneades:read_carneades", None),
        Format(
            "apx",
            "ICCMA apx",
            (".apx",),
            "argmap.read.iccma:read_apx",
            "argmap.write.iccma:render_apx",
            flattened=True,
        ),
        Format(
            "i23",
            "ICCMA i23",
            (".i23", ".af"),
            "argmap.read.iccma:read_i23",
            "argmap.write.iccma:render_i23",
            flattened=True,
        ),
    )
}

#: Formats argmap reads, and formats it writes, in the table's order.
INPUT_FORMATS = tuple(name for name, f in FORMATS.items() if f.reader is not None)
OUTPUT_FORMATS = tuple(name for name, f in FORMATS.items() if f.writer is not None)
#: The same formats as tables of their own: name -> format, in the table's order.
READABLE: dict[str, Format] = {name: FORMATS[name] for name in INPUT_FORMATS}
WRITABLE: dict[str, Format] = {name: FORMATS[name] for name in OUTPUT_FORMATS}

#: ICCMA formats by suffix (the formats of attack graphs alone).
ICCMA_FORMATS = {s: f.name for f in FORMATS.values() if f.flattened for s in f.suffixes}
#: Largest ICCMA file read (a million arguments with two million attacks is about 28 MB).
MAX_ICCMA_BYTES = 1 << 30
#: Most arguments a 2023 header may declare: each costs memory before any attack is read.
MAX_ARGUMENTS = 1 << 24
