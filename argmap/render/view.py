"""What a drawn map shows: its claims, title, graph id and link targets, and how a large map splits into linked sub-maps. Pure."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from argmap.evaluate import Evaluation
from argmap.model import ArgumentMap, ClaimKind
from argmap.render.text import claim_title, thesis_stem

#: Width of a map that stays legible in an 800 px column, in claim boxes (about 180 pt
#: each): a map this wide keeps its smallest text (10 pt) at 9 px or more (tests check it).
LEVEL_BUDGET = 4.0
#: The same for a comparison, whose clusters take some width of their own.
COMPARE_BUDGET = 3.8
#: Width of a thesis box, and of a "n more →" node, in claim boxes.
THESIS_WIDTH = 1.2
MORE_WIDTH = 0.45
#: Levels of reasons a map shows below its root before it links to the sub-maps.
DEPTH = 3

# The order in which reasons are shown: standing ones first, falling ones last.
_STATE_ORDER = {"stands": 0, "accepted": 0, "contested": 1, "open": 2, "undecided": 2}
_STATE_LAST = 4  # falls, rejected; not-assessed (forecasts, questions) just before


def graph_id(name: str) -> str:
    """An SVG id prefix from a name: ASCII letters, digits and '-', starting with a letter."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return "am-" + (slug or "map")


def node_state(evaluation: Evaluation | None, claim_id: str) -> str | None:
    """The state a claim's node shows: a key of :data:`argmap.render.style.STATE_STYLE`
    (a verdict such as ``stands``, or a formal label such as ``accepted``), or None."""
    if evaluation is None:
        return None
    return evaluation.state(claim_id)


@dataclass(frozen=True)
class More:
    """A "n more →" node: the claim it hangs under, how many claims it stands for, and the
    map it opens (its root and page)."""

    parent: str
    count: int
    root: str
    page: int
    href: str
    words: str = "more"


@dataclass(frozen=True)
class MapView:
    """One map of a build: its file stem, title, the claims it shows and its "more" nodes;
    ``thesis`` names the thesis when this is its top map (the one its page embeds)."""

    name: str
    title: str
    claims: frozenset[str]
    more: tuple[More, ...] = ()
    roots: tuple[str, ...] = ()
    thesis: str | None = None

    @property
    def graph_id(self) -> str:
        """The SVG id prefix of this map."""
        return graph_id(self.name)


def branch_name(root: str, page: int, theses: frozenset[str]) -> str:
    """The file stem of the sub-map of ``root``'s reasons, page ``page``."""
    if page == 1 and root in theses:
        return thesis_stem(root)
    return f"{root}.branch" + (f"-{page}" if page > 1 else "")


def _reasons(amap: ArgumentMap, evaluation: Evaluation | None, cid: str) -> list[str]:
    """The claims bearing directly on ``cid``, strongest first."""
    incoming = amap.incoming
    sources = dict.fromkeys(rel.source for rel in incoming.get(cid, ()))

    def key(source: str) -> tuple[int, float, int, str]:
        state = node_state(evaluation, source)
        strength = evaluation.strength(source) if evaluation is not None else None
        order = 3 if state in (None, "not-assessed") else _STATE_ORDER.get(state, _STATE_LAST)
        return (order, -(strength or 0.0), -len(incoming.get(source, ())), source)

    return sorted(sources, key=key)


def _width(amap: ArgumentMap, cid: str) -> float:
    return THESIS_WIDTH if amap.by_id[cid].kind is ClaimKind.THESIS else 1.0


def top_view(
    amap: ArgumentMap,
    evaluation: Evaluation | None,
    roots: Sequence[str],
    *,
    page: int = 1,
    budget: float = LEVEL_BUDGET,
    depth: int = DEPTH,
) -> tuple[frozenset[str], tuple[More, ...]]:
    """The claims a legible map of ``roots`` shows, and its "n more →" nodes.

    The map is grown level by level from the roots, taking each claim's reasons strongest
    first, one reason per claim in turn, while the map stays within ``budget`` claim
    boxes wide, a tree's width being that of its widest row of leaves (each claim as wide
    as its own box or its reasons side by side, whichever is wider). A claim whose
    reasons do not all fit, or that sits at the last of ``depth`` levels, gets a
    "n more →" node linking to the sub-map of its reasons. A single root's own reasons are
    paged: the node under it links to the next page.
    """
    theses = frozenset(t.id for t in amap.theses)
    tree = _Tree(amap, roots)
    more: list[More] = []
    level = list(roots)
    paged = roots[0] if len(roots) == 1 else None
    for d in range(depth + 1):
        queues: dict[str, list[str]] = {}
        queued: set[str] = set()
        for parent in level:
            kids = [c for c in _reasons(amap, evaluation, parent) if c not in tree.shown]
            if parent == paged and d == 0:
                for _ in range(page - 1):
                    kids = kids[_page_size(amap, kids, budget) :]
            kids = [c for c in kids if c not in queued]
            if kids:
                queues[parent] = kids
                queued.update(kids)
                tree.hang(parent)
        counts = dict.fromkeys(queues, 0)
        below: list[str] = []
        full: set[str] = set() if d < depth else set(queues)
        while len(full) < len(queues):  # one reason per claim in turn
            for parent, kids in queues.items():
                if parent in full:
                    continue
                kid = kids[counts[parent]]
                if tree.fits(parent, kid, counts[parent] + 1 == len(kids), budget):
                    counts[parent] += 1
                    below.append(kid)
                    if counts[parent] == len(kids):
                        full.add(parent)
                else:
                    full.add(parent)
        for parent, kids in queues.items():
            if counts[parent] < len(kids):
                next_page = page + 1 if parent == paged and d == 0 else 1
                more.append(_more(parent, len(kids) - counts[parent], parent, next_page, theses))
        level = below
        if not level:
            break
    return frozenset(tree.shown), tuple(more)


class _Tree:
    """The claims a map shows, as a tree from its roots, and its width in claim boxes."""

    def __init__(self, amap: ArgumentMap, roots: Sequence[str]) -> None:
        self.amap = amap
        self.roots = list(roots)
        self.shown = set(roots)
        self.kids: dict[str, list[str]] = {r: [] for r in roots}
        self.spare: set[str] = set()

    def hang(self, parent: str) -> None:
        """Keep room for ``parent``'s "more" node."""
        self.spare.add(parent)

    def _span(self, node: str) -> float:
        inner = sum(self._span(k) for k in self.kids[node])
        if node in self.spare:
            inner += MORE_WIDTH
        return max(_width(self.amap, node), inner)

    def total(self) -> float:
        """The tree's width: its roots side by side."""
        return sum(self._span(r) for r in self.roots)

    def fits(self, parent: str, kid: str, last: bool, budget: float) -> bool:
        """Add ``kid`` under ``parent`` if the tree stays within ``budget``; with
        ``parent``'s last reason, its "more" node goes."""
        self.kids[parent].append(kid)
        self.kids[kid] = []
        if last:
            self.spare.discard(parent)
        if self.total() <= budget:
            self.shown.add(kid)
            return True
        self.kids[parent].pop()
        del self.kids[kid]
        self.spare.add(parent)
        return False


def _page_size(amap: ArgumentMap, kids: Sequence[str], budget: float) -> int:
    """How many of a lone root's reasons one page shows."""
    widths = [_width(amap, c) for c in kids]
    if sum(widths) <= budget:
        return len(kids)
    used, count = MORE_WIDTH, 0
    for w in widths:
        if used + w > budget:
            break
        used += w
        count += 1
    return max(count, 1)


def _more(parent: str, count: int, root: str, page: int, theses: frozenset[str]) -> More:
    return More(parent, count, root, page, branch_name(root, page, theses) + ".svg")


def sub_map(amap: ArgumentMap, keep: Iterable[str]) -> ArgumentMap:
    """The map of the claims in ``keep``, with the relations among them only."""
    keep = set(keep)
    claims = []
    for claim in (amap.by_id[cid] for cid in sorted(keep)):
        if keep.issuperset((*claim.supports, *claim.attacks, *claim.undercuts)):
            claims.append(claim)
            continue
        claims.append(
            claim.model_copy(
                update={
                    "supports": tuple(t for t in claim.supports if t in keep),
                    "attacks": tuple(t for t in claim.attacks if t in keep),
                    "undercuts": tuple(t for t in claim.undercuts if t in keep),
                }
            )
        )
    # The claims are the map's (valid, unique, sorted by id), so nothing is left to check.
    return ArgumentMap.model_construct(meta=amap.meta, claims=tuple(claims))


def describe_map(
    amap: ArgumentMap, evaluation: Evaluation | None, more: Sequence[More] = ()
) -> str:
    """The map in a sentence, for screen readers: what it is about, its verdict, its counts."""
    sources_of = {rel.source for rel in amap.relations}
    tops = [c for c in amap.claims if c.id not in sources_of]
    theses = [c for c in tops if c.kind is ClaimKind.THESIS] or tops
    names = []
    for claim in theses[:4]:
        state = node_state(evaluation, claim.id)
        names.append(f"“{claim_title(claim)}”" + (f" ({state})" if state else ""))
    if len(theses) > 4:
        names.append(f"{len(theses) - 4} more")
    thesis = bool(theses) and theses[0].kind is ClaimKind.THESIS
    if len(names) > 1:
        what = "the theses" if thesis else "the claims"
    else:
        what = "the thesis" if thesis else "the claim"
    text = f"Argument map of {what} {', '.join(names)}" if names else "Empty argument map"
    count = len(amap.claims)
    text += f": {count} claim{'s' if count != 1 else ''}"
    if evaluation is not None and amap.claims:
        tally = Counter(node_state(evaluation, c.id) for c in amap.claims)
        text += " (" + ", ".join(f"{n} {s}" for s, n in sorted(tally.items(), key=_by_count)) + ")"
    kinds = Counter(rel.kind.value for rel in amap.relations if rel.target in amap.by_id)
    total = sum(kinds.values())
    text += f", {total} relation{'s' if total != 1 else ''}"
    if total:
        # Kinds are plural nouns ("2 attacks"); one is "1 attack".
        text += " (" + ", ".join(f"{n} {k[:-1] if n == 1 else k}" for k, n in sorted(kinds.items()))
        text += ")"
    hidden = sum(item.count for item in more)
    if hidden:
        text += f"; {hidden} more reason{'s' if hidden != 1 else ''} in linked maps"
    return text + "."


def _by_count(item: tuple[str | None, int]) -> tuple[int, str]:
    return (-item[1], item[0] or "")


def plan_views(
    amap: ArgumentMap,
    evaluation: Evaluation | None,
    title: str,
    linked: Iterable[More] = (),
) -> tuple[list[MapView], MapView]:
    """The legible maps a build draws, and its overview, an index of them.

    Each thesis gets its top map (named after it); every "n more →" node opens a map of
    its own, itself legible, until every claim is on some map. Claims that reach no thesis
    get maps rooted at the claims they end at. ``title`` is the whole map's title;
    ``linked`` are "more" nodes of other drawings (comparisons), whose maps are drawn too.
    """
    theses = frozenset(t.id for t in amap.theses)
    views: list[MapView] = []
    planned: set[tuple[str, int]] = set()
    covered: set[str] = set()
    roots = [t.id for t in amap.theses]
    queue = [(r, 1) for r in roots] + [(m.root, m.page) for m in linked]
    rest = set(amap.by_id)
    while True:
        while queue:
            root, page = queue.pop(0)
            if (root, page) in planned:
                continue
            planned.add((root, page))
            shown, more = top_view(amap, evaluation, [root], page=page)
            head = claim_title(amap.by_id[root])
            if root in theses and page == 1:
                caption = f"{title}: {head}"
            else:
                caption = f"{title}: reasons bearing on {head}" + (
                    f" (part {page})" if page > 1 else ""
                )
            top = root if root in theses and page == 1 else None
            name = branch_name(root, page, theses)
            views.append(MapView(name, caption, shown, more, (root,), thesis=top))
            covered |= shown
            queue += [(m.root, m.page) for m in more]
        rest -= covered
        if not rest:
            break
        ends = sorted(c for c in rest if not any(t in rest for t in _targets(amap, c))) or [
            min(rest)
        ]
        roots += ends
        queue = [(r, 1) for r in ends]
    # Each root's node counts the claims bearing on it, as the index does; a root that
    # nothing bears on gets no node (its own node links to its page).
    index_more = tuple(
        More(r, n, r, 1, branch_name(r, 1, theses) + ".svg", "claims")
        for r in roots
        if (n := _size(views, r) - 1) > 0
    )
    overview = MapView("overview", f"{title}: overview", frozenset(roots), index_more, tuple(roots))
    return views, overview


def _targets(amap: ArgumentMap, cid: str) -> tuple[str, ...]:
    claim = amap.by_id[cid]
    return (*claim.supports, *claim.attacks, *claim.undercuts)


def _size(views: Sequence[MapView], root: str) -> int:
    """How many claims the maps opened from ``root``'s map show, root and pages included."""
    by_name = {v.name: v for v in views}
    start = next(v for v in views if v.roots == (root,))
    seen_maps = {start.name}
    stack = [start]
    claims: set[str] = set()
    while stack:
        view = stack.pop()
        claims |= view.claims
        for item in view.more:
            name = item.href.removesuffix(".svg")
            if name not in seen_maps and name in by_name:
                seen_maps.add(name)
                stack.append(by_name[name])
    return len(claims)
