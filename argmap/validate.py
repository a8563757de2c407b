"""Checks on a loaded map, each a diagnostic with a stable code. Pure: no I/O."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from argmap.diagnostics import (
    Diagnostic,
    Hints,
    Severity,
    Span,
    SpanIndex,
    quote_id,
)
from argmap.gcpause import paused_gc
from argmap.model import (
    BIDI_CONTROL,
    ArgumentMap,
    ClaimKind,
    RelationKind,
    has_visible_text,
)
from argmap.structure import in_cycles, reaching, strongly_connected
from argmap.urls import SAFE_URL_SCHEMES, url_problem

__all__ = ["CODES", "SAFE_URL_SCHEMES", "url_problem", "validate_map"]


#: Every code validate_map can emit, with its severity (documented in the README).
CODES: dict[str, Severity] = {
    "empty-text": Severity.ERROR,
    "unknown-claim": Severity.ERROR,
    "self-relation": Severity.ERROR,
    "duplicate-target": Severity.ERROR,
    "support-and-attack": Severity.ERROR,
    "unknown-source": Severity.ERROR,
    "unsafe-url": Severity.ERROR,
    "not-a-thesis": Severity.ERROR,
    "undercut-target": Severity.WARNING,
    "unconnected-claim": Severity.WARNING,
    "no-thesis": Severity.WARNING,
    "empty-map": Severity.WARNING,
    "support-cycle": Severity.WARNING,
    "bidi-control": Severity.WARNING,
}


class _Checker:
    def __init__(self, amap: ArgumentMap, spans: SpanIndex) -> None:
        self.amap = amap
        self.spans = spans
        self.out: list[Diagnostic] = []
        # Hints for unknown claims and sources, each set of names sorted once, if ever.
        self.claim_hint = Hints(amap.by_id)
        self.source_hint = Hints(s.id for s in amap.meta.sources)

    def unknown_claim(self, source: str, kind: str, target: str) -> str:
        """The message of a relation to a claim the map does not hold, with a hint."""
        hint = self.claim_hint(target)
        return f"{quote_id(source)} {kind} unknown claim {quote_id(target)}{hint}"

    def emit(self, code: str, message: str, *key: str | int) -> None:
        span = self.spans.get(*key) or Span(self.spans.first_file())
        self.out.append(Diagnostic(span, CODES[code], code, message))


def validate_map(
    amap: ArgumentMap,
    spans: SpanIndex | None = None,
    *,
    broken_ids: Iterable[str] = (),
    broken_refs: Iterable[tuple[Span, str, str, str]] = (),
    framework: bool = False,
) -> list[Diagnostic]:
    """Check references, relations, sources and connectivity of a map.

    Args:
        amap: The map to check.
        spans: Where each part was written, for the diagnostics' positions.
        broken_ids: Ids of claims that failed to load; references to them are not reported,
            nor is a claim that leads to one as connected to no thesis.
        broken_refs: What those claims name (where, which claim, relation, target): a
            target that is no claim at all is reported as for any claim.
        framework: The map is an ICCMA attack graph: a self-attack is an argument that
            defeats itself, and no thesis is missing.

    Returns:
        The diagnostics, sorted by position.
    """
    check = _Checker(amap, spans or SpanIndex())
    broken = set(broken_ids)
    with paused_gc():
        _check_claims(check, broken, self_attacks=framework)
        _check_broken_refs(check, broken, broken_refs)
        _check_sources(check)
        if not framework:
            _check_theses(check, broken)
        _check_support_cycles(check)
    return sorted(check.out, key=lambda d: d.sort_key)


def _check_claims(check: _Checker, broken: set[str], *, self_attacks: bool = False) -> None:
    ids = check.amap.by_id
    known = ids.keys()
    for claim in check.amap.claims:
        if not has_visible_text(claim.text):
            check.emit(
                "empty-text",
                f"claim {quote_id(claim.id)} has empty text",
                "claim",
                claim.id,
                "text",
            )
        for field in ("text", "label"):
            value = getattr(claim, field)
            if value and not value.isprintable() and (found := BIDI_CONTROL.search(value)):
                check.emit(
                    "bidi-control",
                    f"the {field} of {quote_id(claim.id)} holds U+{ord(found.group()):04X}, a "
                    "bidirectional control that makes text display out of order",
                    "claim",
                    claim.id,
                    field,
                )
        if not claim.undercuts:
            # The common case, checked with set operations in C: targets that all exist,
            # none listed twice and none the claim itself.
            targets = claim.supports + claim.attacks
            if not targets:
                continue
            distinct = set(targets)
            if (
                len(distinct) == len(targets)
                and known >= distinct
                and (claim.id not in distinct or (self_attacks and claim.id not in claim.supports))
            ):
                continue
        seen: dict[str, RelationKind] = {}
        for kind, targets in (
            (RelationKind.SUPPORTS, claim.supports),
            (RelationKind.ATTACKS, claim.attacks),
            (RelationKind.UNDERCUTS, claim.undercuts),
        ):
            for i, target in enumerate(targets):
                if (
                    target not in seen
                    and target in ids
                    and (target != claim.id or (self_attacks and kind is RelationKind.ATTACKS))
                    and kind is not RelationKind.UNDERCUTS
                ):
                    seen[target] = kind  # the common case: nothing to report
                    continue
                where = ("claim", claim.id, kind.value, i)
                if target == claim.id:
                    check.emit("self-relation", f"{quote_id(claim.id)} {kind.value} itself", *where)
                elif target not in ids:
                    if target not in broken:
                        message = check.unknown_claim(claim.id, kind.value, target)
                        check.emit("unknown-claim", message, *where)
                elif kind is RelationKind.UNDERCUTS and ids[target].kind is not ClaimKind.ARGUMENT:
                    check.emit(
                        "undercut-target",
                        f"{quote_id(claim.id)} undercuts {quote_id(target)}, which is "
                        f"{_a(ids[target].kind)}, not an argument",
                        *where,
                    )
                if target in seen:
                    if seen[target] is kind:
                        check.emit(
                            "duplicate-target",
                            f"{quote_id(claim.id)} lists {quote_id(target)} twice under '{kind.value}'",
                            *where,
                        )
                    else:
                        check.emit(
                            "support-and-attack",
                            f"{quote_id(claim.id)} both {seen[target].value} and {kind.value} "
                            f"{quote_id(target)}",
                            *where,
                        )
                else:
                    seen[target] = kind


def _check_broken_refs(
    check: _Checker, broken: set[str], refs: Iterable[tuple[Span, str, str, str]]
) -> None:
    ids = check.amap.by_id
    for span, source, kind, target in refs:
        if target not in ids and target not in broken and source not in ids:
            message = check.unknown_claim(source, kind, target)
            check.out.append(Diagnostic(span, Severity.ERROR, "unknown-claim", message))


def _check_sources(check: _Checker) -> None:
    known = {s.id for s in check.amap.meta.sources}
    for source in check.amap.meta.sources:
        problem = None if source.url is None else url_problem(source.url)
        if source.url is not None and problem is not None:
            check.emit(
                "unsafe-url",
                f"source {quote_id(source.id)} has a URL that is {_url_words(problem)}: "
                f"{quote_id(source.url)}",
                "source",
                source.id,
            )
    for claim in check.amap.claims:
        for i, ref in enumerate(claim.sources):
            if ref.source is not None and ref.source not in known:
                hint = check.source_hint(ref.source)
                check.emit(
                    "unknown-source",
                    f"claim {quote_id(claim.id)} cites unknown source {quote_id(ref.source)}{hint}",
                    "claim",
                    claim.id,
                    "sources",
                    i,
                    "source",
                )
            problem = None if ref.url is None else url_problem(ref.url)
            if ref.url is not None and problem is not None:
                check.emit(
                    "unsafe-url",
                    f"claim {quote_id(claim.id)} cites a URL that is {_url_words(problem)}: "
                    f"{quote_id(ref.url)}",
                    "claim",
                    claim.id,
                    "sources",
                    i,
                    "url",
                )


def _url_words(problem: str) -> str:
    return problem if problem == "not http(s)" else f"not a plain http(s) URL ({problem})"


def _check_theses(check: _Checker, broken: set[str]) -> None:
    amap = check.amap
    thesis_hint = Hints(t.id for t in amap.theses)
    for i, (a, b) in enumerate(amap.meta.compare):
        for tid in (a, b):
            if tid not in amap.by_id:
                hint = thesis_hint(tid)
                check.emit(
                    "unknown-claim",
                    f"map compares unknown claim {quote_id(tid)}{hint}",
                    "map",
                    "compare",
                    i,
                )
            elif amap.by_id[tid].kind is not ClaimKind.THESIS:
                check.emit(
                    "not-a-thesis",
                    f"map compares {quote_id(tid)}, which is not a thesis",
                    "map",
                    "compare",
                    i,
                )
    if not amap.claims:
        if not broken:
            check.emit("empty-map", "the map has no claims: list them under 'claims:'", "map")
        return
    if not amap.theses:
        if not broken:  # else the thesis may be among the claims that failed to load
            check.emit("no-thesis", "the map has no thesis: give one claim 'kind: thesis'", "map")
        return
    # A claim that leads to one that failed to load may lead on to a thesis.
    connected = reaching(amap, [t.id for t in amap.theses] + sorted(broken))
    for claim in amap.claims:
        if claim.id not in connected:
            check.emit(
                "unconnected-claim",
                f"claim {quote_id(claim.id)} is connected to no thesis "
                "(it supports or attacks nothing that leads to one)",
                "claim",
                claim.id,
            )


def _check_support_cycles(check: _Checker) -> None:
    graph: dict[str, list[str]] = defaultdict(list)
    ids = check.amap.by_id
    for claim in check.amap.claims:
        cid = claim.id
        for target in claim.supports:
            if target != cid and target in ids:
                graph[cid].append(target)
    for component in strongly_connected(in_cycles(graph), graph):
        if len(component) > 1:
            members = sorted(component)
            shown = ", ".join(quote_id(m) for m in members[:6]) + (
                ", ..." if len(members) > 6 else ""
            )
            check.emit(
                "support-cycle",
                f"claims {shown} support each other in a cycle (circular reasoning)",
                "claim",
                members[0],
            )


def _a(kind: ClaimKind) -> str:
    """The kind with its article: "a thesis", but "evidence" (a mass noun)."""
    return kind.value if kind is ClaimKind.EVIDENCE else f"a {kind.value}"
