"""Reader for Carneades 4 argument graphs written in YAML (``examples/AGs/YAML`` of
carneades/carneades-4): statements, issues, arguments, assumptions.

A graph becomes a map as a Carneades user would write it in argmap:

- a statement is a claim; ``¬x``, where ``x`` is a statement too, is the same claim, so an
  argument for ``¬x`` is an objection to ``x``;
- an argument is a claim of kind ``argument`` whose supports are its premises (Carneades'
  default ``linked`` weighing: all must hold), and which supports its conclusion (or
  attacks it, for ``¬x``), as weighty as its scheme's ``constant`` weight (0.5 without
  one); a ``convergent`` argument's premises are independent reasons instead; an
  ``undercutter`` undercuts it;
- an issue's proof standard (``PE``, ``CCE``, ``BRD``) is its positions' standard, and an
  issue of more than two positions makes the arguments for each objections to the others;
- a premise ``¬x`` holds where ``x`` does not: ``x`` is an objection to the argument;
- an assumed statement (``assumptions``, or ``assumed: true``) is a claim nothing
  supports, which stands unless attacked; a statement that is neither assumed nor the
  conclusion of an argument is a ``question``: Carneades accepts it only once it is
  settled, and so it counts for nothing.

What has no counterpart (``language``, ``tests``, argument schemes that generate
arguments, the ``cumulative`` and other weighing functions) is named in a diagnostic.
"""

from __future__ import annotations

import re
from typing import Any

from argmap.diagnostics import Severity, Span, quote_id
from argmap.model import MAX_ID_LENGTH, Claim, ClaimKind, MapMeta, ProofStandard, RelationKind
from argmap.read.collect import Collector
from argmap.read.result import LoadResult
from argmap.read.yamlsafe import Node, node_span, parse_yaml

__all__ = ["read_carneades", "sniff_carneades"]

_KEPT = {"statements", "issues", "arguments", "assumptions", "argument_schemes", "meta"}
_NOT_KEPT = {"language", "references", "issue_schemes", "weighing_functions", "tests"}
_STANDARDS = {
    "PE": ProofStandard.PREPONDERANCE,
    "CCE": ProofStandard.CLEAR_AND_CONVINCING,
    "BRD": ProofStandard.BEYOND_REASONABLE_DOUBT,
}
_WEIGHINGS = {"linked", "convergent", "cumulative", "factorized", "criteria", "preference"}
_NOT_ID = re.compile(r"[^a-z0-9]+")


def sniff_carneades(root: Node | None) -> bool:
    """Whether a parsed YAML document looks like a Carneades argument graph rather than a
    claim file: ``statements`` or ``arguments`` at the top, and no ``claims``."""
    if root is None or not isinstance(root.value, dict):
        return False
    keys = set(root.value)
    return bool(keys & {"statements", "arguments"}) and not keys & {"claims", "map"}


def _slug(name: str) -> str:
    slug = _NOT_ID.sub("-", name.replace("¬", "not ").lower()).strip("-")
    return (slug or "statement")[: MAX_ID_LENGTH - 8].rstrip("-")


class _Reader(Collector):
    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.ids: dict[str, str] = {}  # statement (without its ¬) -> claim id
        self.names: dict[str, str] = {}  # claim id -> statement, or argument
        self.taken: set[str] = set()
        self.counts: dict[str, int] = {}  # slug -> the last number given to it
        self.texts: dict[str, str] = {}
        self.where: dict[str, Node] = {}
        self.known: set[str] = set()
        self.rels: dict[str, dict[RelationKind, list[tuple[str, Node]]]] = {}

    def span(self, node: Node | None, *, key: bool = False) -> Span:
        return node_span(self.path, node, key=key)

    def tell(self, node: Node | None, severity: Severity, code: str, message: str) -> None:
        self.say(self.span(node, key=True), severity, code, message)

    def fail(self, node: Node | None, message: str) -> None:
        self.tell(node, Severity.ERROR, "carneades-syntax", message)

    def mapping(self, node: Node | None, what: str) -> dict[str, Node]:
        if node is None or node.value is None:
            return {}
        if not isinstance(node.value, dict):
            self.fail(node, f"{what} should be a mapping")
            return {}
        return dict(node.value)

    def atoms(self, node: Node | None, what: str) -> list[tuple[str, Node]]:
        """A list of statements (or one statement) as written, each with its node."""
        if node is None or node.value is None:
            return []
        items = node.value if isinstance(node.value, list) else [node]
        out = []
        for item in items:
            if isinstance(item.value, str) and item.value.strip():
                out.append((item.value.strip(), item))
            else:
                self.fail(item, f"{what} should name statements")
        return out

    def new_id(self, name: str, slug: str) -> str:
        """A claim id of its own for a statement or an argument: its slug, or the slug
        numbered when another name has it (``a!`` and ``a?`` are ``a`` and ``a-2``)."""
        cid, n = slug, self.counts.get(slug, 1)
        while cid in self.taken:
            n += 1
            cid = f"{slug}-{n}"
        self.counts[slug] = n
        self.taken.add(cid)
        self.names[cid] = name
        return cid

    def literal(self, atom: str) -> tuple[str, bool]:
        """The claim an atom names, and whether the atom is that claim's complement."""
        negated = atom.startswith("¬") and atom[1:] in self.known
        base = atom[1:] if negated else atom
        if base not in self.ids:
            self.ids[base] = self.new_id(base, _slug(base))
        return self.ids[base], negated

    def relate(self, source: str, kind: RelationKind, target: str, node: Node) -> None:
        self.rels.setdefault(source, {}).setdefault(kind, []).append((target, node))

    def read(self, root: Node | None) -> tuple[MapMeta | None, list[Claim]]:
        top = self.mapping(root, "a Carneades argument graph")
        for key, node in top.items():
            if key in _NOT_KEPT:
                self.tell(node, Severity.INFO, "carneades-not-kept", f"{quote_id(key)} is not kept")
            elif key not in _KEPT:
                message = f"unknown top-level field {quote_id(key)} of a Carneades graph"
                self.tell(node, Severity.WARNING, "carneades-unknown-field", message)
        statements = self.mapping(top.get("statements"), "'statements'")
        arguments = self.mapping(top.get("arguments"), "'arguments'")
        self.known = {s for s in statements if not s.startswith("¬")}
        assumed = set()
        for atom, node in self.atoms(top.get("assumptions"), "'assumptions'"):
            assumed.add(atom)
            self.where.setdefault(self.literal(atom)[0], node)
        for name, node in statements.items():
            text = node.value
            if isinstance(text, dict):
                if str((text.get("assumed") or Node(None, 0, 0)).value).lower() == "true":
                    assumed.add(name)
                text = (text.get("text") or Node(None, 0, 0)).value
            if not isinstance(text, str) or not text.strip():
                message = f"statement {quote_id(name)} has no text; its name stands for it"
                self.tell(node, Severity.INFO, "carneades-no-text", message)
                text = name
            cid, negated = self.literal(name)
            self.where.setdefault(cid, node)
            if not negated or cid not in self.texts:
                self.texts[cid] = " ".join(text.split())
        weights = self.schemes(top.get("argument_schemes"))
        standards, rivals = self.issues(top.get("issues"))
        argued: set[str] = set()
        nodes = [self.argument(n, a, weights, rivals, argued) for n, a in arguments.items()]
        claims = []
        settled = argued | {self.literal(a)[0] for a in assumed}
        unsettled = [cid for cid in self.where if cid not in settled]
        if unsettled:
            names = [quote_id(self.names[cid]) for cid in unsettled]
            which = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
            message = (
                f"{'statement' if len(names) == 1 else f'{len(names)} statements'} {which} "
                f"{'is' if len(names) == 1 else 'are'} neither assumed nor argued for: read as "
                "questions, which count for nothing until settled"
            )
            self.tell(self.where[unsettled[0]], Severity.INFO, "carneades-unsettled", message)
        for cid, node in self.where.items():
            kind = ClaimKind.CLAIM if cid in settled else ClaimKind.QUESTION
            name = self.names[cid]
            data = {"id": cid, "kind": kind, "text": self.texts.get(cid) or name}
            claims.append(self.make(cid, data | {"standard": standards.get(cid)}, node))
        claims += [c for c in nodes if c is not None]
        return self.meta_of(top.get("meta")), [c for c in claims if c is not None]

    def schemes(self, node: Node | None) -> dict[str, float | str]:
        """Each argument scheme's weight: a constant, or the name of a weighing function."""
        out: dict[str, float | str] = {}
        items = node.value if node is not None and isinstance(node.value, list) else []
        if node is not None and node.value is not None and not items:
            self.fail(node, "'argument_schemes' should be a list of schemes")
        for item in items:
            scheme = self.mapping(item, "an argument scheme")
            sid = scheme.get("id")
            if sid is None or not isinstance(sid.value, str):
                self.fail(item, "an argument scheme should have an 'id'")
                continue
            if scheme.keys() & {"premises", "conclusions", "variables"}:
                message = f"scheme {quote_id(sid.value)} generates arguments, which is not done"
                self.tell(item, Severity.WARNING, "carneades-scheme", message)
            weight = scheme.get("weight")
            value = weight.value if weight is not None else None
            out[sid.value] = "linked"  # Carneades' default weighing
            if isinstance(value, dict) and "constant" in value:
                written = value["constant"]
                try:
                    number = float(written.value)
                except (TypeError, ValueError):
                    number = float("nan")
                if number != number:  # NaN, or no number at all
                    self.fail(written, "a constant weight should be a number from 0 to 1")
                    continue
                out[sid.value] = min(max(number, 0.0), 1.0)
                if out[sid.value] != number:
                    message = f"weight {written.value} is outside 0..1: read as {out[sid.value]:g}"
                    self.tell(written, Severity.WARNING, "carneades-scheme", message)
            elif isinstance(value, str):
                out[sid.value] = value
        return out

    def issues(self, node: Node | None) -> tuple[dict[str, ProofStandard], dict[str, set[str]]]:
        standards: dict[str, ProofStandard] = {}
        rivals: dict[str, set[str]] = {}
        for name, issue_node in self.mapping(node, "'issues'").items():
            issue = self.mapping(issue_node, f"issue {quote_id(name)}")
            listed = self.atoms(issue.get("positions"), "'positions'")
            positions = [a for a, _ in listed]
            written = issue.get("standard")
            standard = None
            if written is not None and isinstance(written.value, str):
                standard = _STANDARDS.get(written.value.upper())
                if standard is None:
                    known = ", ".join(_STANDARDS)
                    self.fail(written, f"unknown proof standard {written.value!r}: one of {known}")
            for position, at in listed:
                cid = self.literal(position)[0]
                self.where.setdefault(cid, at)
                if standard is not None:
                    standards.setdefault(cid, standard)
                if len(positions) > 2:
                    rivals[position] = {p for p in positions if p != position}
        return standards, rivals

    def argument(
        self,
        name: str,
        node: Node,
        weights: dict[str, float | str],
        rivals: dict[str, set[str]],
        argued: set[str],
    ) -> Claim | None:
        arg = self.mapping(node, f"argument {quote_id(name)}")
        conclusion = self.atoms(arg.get("conclusion"), "'conclusion'")
        if len(conclusion) != 1:
            self.fail(node, f"argument {quote_id(name)} should have one conclusion")
            return None
        atom, at = conclusion[0]
        cid = self.new_id(name, "arg-" + _slug(name))
        target, negated = self.literal(atom)
        self.where.setdefault(target, at)
        argued.add(target)
        premises = arg.get("premises")
        if premises is not None and isinstance(premises.value, dict):
            premises = Node(list(premises.value.values()), premises.line, premises.col)
        for premise, pnode in self.atoms(premises, "'premises'"):
            # A premise ¬x holds where x does not: x is an objection to the argument.
            pid, against = self.literal(premise)
            self.where.setdefault(pid, pnode)
            kind = RelationKind.ATTACKS if against else RelationKind.SUPPORTS
            self.relate(pid, kind, cid, pnode)
        self.relate(cid, RelationKind.ATTACKS if negated else RelationKind.SUPPORTS, target, at)
        for rival in sorted(rivals.get(atom, ())):
            if self.literal(rival)[0] != target:  # (its own complement is attacked already)
                self.relate(cid, RelationKind.ATTACKS, self.literal(rival)[0], at)
        for cutter, cnode in self.atoms(arg.get("undercutter"), "'undercutter'"):
            uid = self.literal(cutter)[0]
            self.where.setdefault(uid, cnode)
            self.relate(uid, RelationKind.UNDERCUTS, cid, cnode)
        scheme_node = arg.get("scheme")
        scheme = scheme_node.value if scheme_node is not None else None
        weighing = weights.get(scheme, scheme) if isinstance(scheme, str) else "linked"
        weight = weighing if isinstance(weighing, float) else None  # (the default, 0.5)
        if isinstance(weighing, str) and weighing not in ("linked", "convergent"):
            known = weighing in _WEIGHINGS
            message = (
                f"argument {quote_id(name)}: weighing {weighing!r} has no counterpart; its "
                "premises are read as linked"
                if known
                else f"argument {quote_id(name)}: unknown scheme {weighing!r}; read as linked"
            )
            self.tell(scheme_node, Severity.WARNING, "carneades-scheme", message)
        claim_kind = ClaimKind.CLAIM if weighing == "convergent" else ClaimKind.ARGUMENT
        side = "against" if negated else "for"
        text = f"Argument {name} {side}: {self.texts.get(target) or atom}"
        data = {"id": cid, "kind": claim_kind, "text": text, "weight": weight}
        return self.make(cid, data, node)

    def make(self, cid: str, data: dict[str, Any], node: Node) -> Claim | None:
        rels = self.rels.get(cid, {})
        both = {t for t, _ in rels.get(RelationKind.SUPPORTS, ())}
        both &= {t for k, ts in rels.items() if k is not RelationKind.SUPPORTS for t, _ in ts}
        for target in sorted(both):  # a premise that also denies: the argument cannot hold
            message = (
                f"{quote_id(self.names[cid])} is a premise of {quote_id(self.names[target])} "
                "and, negated or as its undercutter, against it: read as against it only"
            )
            self.tell(node, Severity.WARNING, "carneades-contradiction", message)
        if both:
            supports = [(t, n) for t, n in rels[RelationKind.SUPPORTS] if t not in both]
            rels = rels | {RelationKind.SUPPORTS: supports}
        cut = {t for t, _ in rels.get(RelationKind.UNDERCUTS, ())}
        if cut & {t for t, _ in rels.get(RelationKind.ATTACKS, ())}:  # the undercut says it all
            attacks = [(t, n) for t, n in rels[RelationKind.ATTACKS] if t not in cut]
            rels = rels | {RelationKind.ATTACKS: attacks}
        for kind, targets in rels.items():
            first = dict(reversed(targets))  # each target once, at its first place
            data[kind.value] = tuple(dict.fromkeys(t for t, _ in targets))
            for i, target in enumerate(data[kind.value]):
                self.spans.add(("claim", cid, kind.value, i), self.span(first[target]))
        data = {k: v for k, v in data.items() if v is not None}
        claim = self.claim(data, lambda loc, key: self.span(node, key=True), cid)
        if claim is not None:
            self.spans.add(("claim", cid), self.span(node, key=True))
        return claim

    def meta_of(self, node: Node | None) -> MapMeta | None:
        meta = self.mapping(node, "'meta'")
        title = meta.get("title")
        notes = meta.get("notes") or meta.get("description")
        data = {
            "title": " ".join(title.value.split())
            if title and isinstance(title.value, str)
            else None,
            "description": notes.value if notes and isinstance(notes.value, str) else None,
        }
        data = {k: v for k, v in data.items() if v}
        return self.meta(data, lambda loc, key: self.span(node, key=True)) if data else None


def read_carneades(text: str, path: str) -> LoadResult:
    """Read a Carneades 4 argument graph written in YAML.

    Args:
        text: The document.
        path: The path shown in diagnostics.

    Returns:
        The claims (see the module's docstring for how a graph becomes a map), and every
        problem found with its line and column.
    """
    reader = _Reader(path)
    parsed = parse_yaml(text, path)
    reader.diagnostics += parsed.diagnostics
    if parsed.root is None:
        return reader.result(None, [])
    return reader.result(*reader.read(parsed.root))
