"""Argdown citations: ``sources`` data and the links in a statement's text, as argmap cites.

Argdown keeps whatever data a statement holds; argmap cites an http(s) URL or a source of
the map. So a URL is cited percent-encoded where it must be (``…/wiki/Foo_(bar)`` as
``…/wiki/Foo_%28bar%29``); a link of another scheme (``mailto:``) stays text, with a note;
and a plain name in ``sources`` (as Argdown's own guide writes them: ``{sources:
["Cleanthes"]}``) becomes a source of the map with that title, one per distinct name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from pydantic import ValidationError

from argmap.diagnostics import Severity
from argmap.model import SourceRef
from argmap.read.argdown.names import slugify
from argmap.read.problems import validation_problems
from argmap.urls import citable_url, looks_like_url

#: Records a problem: offset in the text, severity, code, message.
Note = Callable[[int, Severity, str, str], None]


class NamedSources:
    """The map sources that plain names in ``sources`` data cite, made as they are cited."""

    def __init__(self, declared: Iterable[str] = ()) -> None:
        self.declared = set(declared)
        self.titles: dict[str, str] = {}

    def cite(self, name: str) -> str:
        """The id of the source with this title, made on its first citation."""
        title = " ".join(name.split())
        for sid, known in self.titles.items():
            if known == title:
                return sid
        base = slugify(title, 60) or "source"
        if not base[0].isalpha():
            base = f"source-{base}"
        sid, n = base, 2
        while sid in self.declared or sid in self.titles:
            sid, n = f"{base}-{n}", n + 1
        self.titles[sid] = title
        return sid

    def records(self) -> list[dict[str, Any]]:
        """The sources made, as ``map: sources:`` records, in order of first citation."""
        return [{"id": sid, "title": title} for sid, title in self.titles.items()]


def citations(
    raw: Any,
    links: Iterable[tuple[str, int]],
    what: str,
    where: int,
    note: Note,
    named: NamedSources,
) -> list[SourceRef]:
    """The citations of one statement or argument: its ``sources`` data (``raw``: a URL, a
    name, a citation record, or a list of them, written at ``where``) and the URL links
    of its text (each with its offset), in that order, each once. ``what`` names it."""
    refs: list[SourceRef] = []

    def cite(target: str, at: int, name: bool) -> None:
        if name and not looks_like_url(target):
            ref = SourceRef(source=named.cite(target))
        elif (url := citable_url(target.strip())) is not None:
            ref = SourceRef(url=url)
        else:
            message = f"{what}: {target!r} is no http(s) URL, so it is not cited"
            note(at, Severity.INFO, "argdown-link-kept", message)
            return
        if ref not in refs:
            refs.append(ref)

    for item in [] if raw is None else raw if isinstance(raw, list) else [raw]:
        if isinstance(item, str):
            cite(item, where, name=True)
            continue
        try:
            refs.append(SourceRef(**item) if isinstance(item, dict) else SourceRef(url=item))
        except ValidationError as err:
            for _loc, _key, code, message in validation_problems(
                err, f"a citation of {what}", SourceRef
            ):
                note(where, Severity.ERROR, code, message)
        except TypeError as err:
            note(where, Severity.ERROR, "argdown-data", f"{what}: invalid citation {item!r}: {err}")
    for url, at in links:
        # An in-page anchor ('#heading') or a relative link: text, not a citation.
        if looks_like_url(url):
            cite(url, at, name=False)
    return refs
