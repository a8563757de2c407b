"""Conversion between formats: load and check a map, then hand it to the writer a format names."""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from argmap.check import check_paths
from argmap.errors import DataError, UsageError
from argmap.evaluate import EvaluationSettings, evaluate_or_unscored
from argmap.formats import FORMATS as TABLE
from argmap.formats import WRITABLE
from argmap.model import CLAIM_ID_RE, ArgumentMap
from argmap.settings import SupportReading
from argmap.write.json import render_json

__all__ = ["FORMATS", "claim_file_ids", "convert_map", "convert_paths", "output_format"]

Writer = Callable[..., str]

#: The formats argmap writes, name -> format (see :mod:`argmap.formats`).
FORMATS = WRITABLE


def output_format(path: str | os.PathLike[str] | None) -> str:
    """The output format an output file's suffix names (``.json`` is argmap JSON).

    Raises:
        UsageError: There is no file, or its suffix names no format.
    """
    if path is None or os.fspath(path) == "-":
        raise UsageError("name the output format with --to when writing to stdout")
    suffix = Path(path).suffix.lower()
    for name in FORMATS:
        if suffix in TABLE[name].suffixes:
            return name
    known = ", ".join(sorted(s for name in FORMATS for s in TABLE[name].suffixes))
    raise UsageError(
        f"{os.fspath(path)}: cannot tell the output format from {suffix or 'no suffix'!r} "
        f"(known: {known}); name it with --to"
    )


def _writer(to: str) -> Writer:
    if to not in FORMATS:
        raise UsageError(f"unknown output format {to!r}: expected one of {', '.join(FORMATS)}")
    module_name, func = (TABLE[to].writer or "").split(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        raise UsageError(f"output format {to!r} is not available in this installation") from exc
    writer: Writer = getattr(module, func)
    return writer


def convert_map(
    amap: ArgumentMap,
    to: str,
    *,
    settings: EvaluationSettings | None = None,
    support: str | SupportReading | None = None,
    output: str | os.PathLike[str] | None = None,
    semantics: str | None = None,
    gradual: str | None = "dfquad",
    standard: str | None = None,
) -> str:
    """A map as text in an output format.

    Args:
        amap: The map (checked: relations name claims of the map).
        to: A name from ``FORMATS``.
        settings: When given, evaluate the map under them and include the evaluation
            (argmap JSON only); their support reading also flattens supports for ICCMA.
        support: How supports become attacks in ICCMA output when no ``settings`` are given.
        output: Where the text goes, if to a file: a claim file written there points its
            editor to the project's schema by a relative path, or names no schema.
        semantics, gradual, standard: Names, as users write them, for the ``settings``
            (see :meth:`EvaluationSettings.requested`); a semantics of ``"none"`` asks for
            no evaluation.

    Raises:
        UsageError: A format or name is unknown, or the format cannot carry an evaluation.
    """
    if settings is None and semantics is not None:
        settings = EvaluationSettings.requested(semantics, support, gradual, standard)
    if settings is not None:
        if to != "json":
            raise UsageError(f"only json output carries an evaluation, not {to!r}")
        return render_json(amap, evaluate_or_unscored(amap, settings))
    writer = _writer(to)
    if TABLE[to].flattened:
        reading = EvaluationSettings.from_names(support=support).support
        return str(writer(amap, support=reading.value))
    if to == "yaml":
        from argmap.schema import schema_line

        return str(writer(claim_file_ids(amap), schema_line=schema_line(output)))
    return str(writer(amap))


def claim_file_ids(amap: ArgumentMap) -> ArgumentMap:
    """The map with every id a claim file cannot take renamed, the original kept as the label.

    Claim files take lowercase letters, digits and single dashes; imported ids such as
    ICCMA's ``a0_1`` or AIF's ``Node.7`` become ``a0-1`` and ``node-7`` (``-2``, ``-3``
    ... where two would clash, ``n-...`` where nothing is left), and relations follow.
    """
    bad = [c.id for c in amap.claims if not CLAIM_ID_RE.match(c.id)]
    if not bad:
        return amap
    taken = {c.id for c in amap.claims if CLAIM_ID_RE.match(c.id)}
    renamed: dict[str, str] = {}
    for old in bad:
        base = "-".join(p for p in re.split(r"[^a-z0-9]+", old.lower()) if p) or "n"
        new, n = base, 1
        while new in taken:
            n += 1
            new = f"{base}-{n}"
        taken.add(new)
        renamed[old] = new

    def ids(targets: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(renamed.get(t, t) for t in targets)

    claims = [
        c.model_copy(
            update={
                "id": renamed.get(c.id, c.id),
                "label": c.label if c.label is not None or c.id not in renamed else c.id,
                "supports": ids(c.supports),
                "attacks": ids(c.attacks),
                "undercuts": ids(c.undercuts),
            }
        )
        for c in amap.claims
    ]
    compare = tuple((renamed.get(a, a), renamed.get(b, b)) for a, b in amap.meta.compare)
    meta = amap.meta.model_copy(update={"compare": compare})
    return ArgumentMap(meta=meta, claims=tuple(claims))


def convert_paths(
    paths: Sequence[str | os.PathLike[str]],
    to: str,
    *,
    fmt: str | None = None,
    settings: EvaluationSettings | None = None,
    support: str | SupportReading | None = None,
    semantics: str | None = None,
    gradual: str | None = "dfquad",
) -> str:
    """Load and check a map from files in any readable format and write it in another.

    Args:
        paths: Input files or directories.
        to: The output format (a name from ``FORMATS``).
        fmt: Force the input format (see ``argmap.read.FORMATS``).
        settings, support, semantics, gradual: As for ``convert_map``.

    Raises:
        DataError: The map has errors; the message lists them.
        UsageError: A format is unknown, or cannot carry an evaluation.
    """
    _writer(to)
    result = check_paths(paths, fmt=fmt)
    if result.failed():
        failing = "\n".join(str(d) for d in result.diagnostics if d.severity.value == "error")
        raise DataError(f"the map has errors; nothing was converted\n{failing}")
    return convert_map(
        result.amap, to, settings=settings, support=support, semantics=semantics, gradual=gradual
    )
