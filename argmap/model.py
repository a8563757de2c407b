"""The argument-map data model: immutable pydantic records. Does no I/O and imports no argmap module."""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any, NamedTuple, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

#: Ids written in claim files: lowercase ASCII letters, digits and single dashes.
CLAIM_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
#: Ids the model accepts, so that imported names (ICCMA ``a0_1``, AIF node ids) stay as written.
MAX_ID_LENGTH = 200
MODEL_ID_PATTERN = rf"^[A-Za-z0-9_][A-Za-z0-9_.-]{{0,{MAX_ID_LENGTH - 1}}}$"

CLAIM_ID_RE = re.compile(CLAIM_ID_PATTERN)
MODEL_ID_RE = re.compile(MODEL_ID_PATTERN)

ClaimId = Annotated[str, StringConstraints(pattern=MODEL_ID_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
Tag = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]


#: Unicode's bidirectional embeddings, overrides and isolates, and their terminators: they
#: make text display in another order than it is written ("Trojan Source").
BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")

#: One label of a host name: letters and digits, dashes inside.
_HOST_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?", re.ASCII)


def is_plain_host(host: str) -> bool:
    """Whether ``host`` is labels of ASCII letters, digits and inner dashes joined by dots,
    with at most a final dot. Checked label by label, in time linear in its length (one
    pattern for the whole name backtracks exponentially on a long label that fails)."""
    labels = (host[:-1] if host.endswith(".") else host).split(".")
    return bool(host) and all(_HOST_LABEL.fullmatch(label) for label in labels)


def has_visible_text(value: str) -> bool:
    """Whether text has something to show once control characters and spaces are dropped."""
    if value.isprintable():  # the common case, checked in C
        return bool(value.strip())
    return bool("".join(ch for ch in value if ch.isprintable()).strip())


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)


class ClaimKind(StrEnum):
    """What a claim is: the kinds differ in shape on the map."""

    THESIS = "thesis"
    CLAIM = "claim"
    EVIDENCE = "evidence"
    ARGUMENT = "argument"
    #: A signal to watch ("if X happens, ..."): drawn and listed, never assessed, and its
    #: relations count in no verdict until it comes true.
    FORECAST = "forecast"
    #: An open question: drawn and listed, never assessed, its relations counting in no verdict.
    QUESTION = "question"


#: Kinds that are conditional: not assessed, and their relations weigh on no verdict.
CONDITIONAL_KINDS = frozenset({ClaimKind.FORECAST, ClaimKind.QUESTION})


class ProofStandard(StrEnum):
    """How standing reasons and objections on a claim are weighed (after Carneades:
    Gordon, Prakken & Walton 2007; Gordon & Walton 2009)."""

    #: One standing reason suffices.
    SCINTILLA = "scintilla"
    #: The weightier side wins; equal weight leaves the claim contested.
    PREPONDERANCE = "preponderance"
    #: The reasons outweigh the objections by a clear margin, and reach a threshold.
    CLEAR_AND_CONVINCING = "clear-and-convincing"
    #: As clear and convincing, with higher thresholds.
    BEYOND_REASONABLE_DOUBT = "beyond-reasonable-doubt"
    #: A standing reason and no standing objection.
    DIALECTICAL = "dialectical"


class RelationKind(StrEnum):
    """How a claim bears on its target."""

    SUPPORTS = "supports"
    ATTACKS = "attacks"
    UNDERCUTS = "undercuts"


class Relation(NamedTuple):
    """One edge, written on its source claim. Sorts by (source, kind, target)."""

    source: str
    kind: RelationKind
    target: str


class Source(_Frozen):
    """A work that claims cite, listed once in the map metadata."""

    id: ClaimId = Field(description="Identifier that claims use to cite this source.")
    title: Text = Field(description="Title of the work.")
    author: str | None = Field(default=None, description="Authors, as credited.")
    year: str | None = Field(default=None, description="Year of publication.")
    url: str | None = Field(default=None, description="Where the work can be read (http or https).")
    text: str | None = Field(
        default=None,
        description="Path to a local plain-text copy, relative to the file, used to verify quotes.",
    )


class SourceRef(_Frozen):
    """A citation on a claim: a source of the map or a URL, with an optional quote and locator."""

    source: ClaimId | None = Field(default=None, description="Id of a source in the map's list.")
    url: str | None = Field(default=None, description="URL of the cited work (http or https).")
    locator: str | None = Field(
        default=None, description="Where in the work: a section heading, page or timestamp."
    )
    quote: str | None = Field(
        default=None, description="A short passage that appears verbatim in the work."
    )

    @model_validator(mode="after")
    def _one_target(self) -> SourceRef:
        if (self.source is None) == (self.url is None):
            raise ValueError("a citation needs exactly one of 'source' or 'url'")
        return self


class Claim(_Frozen):
    """A node of the map: a thesis, a claim, a piece of evidence or an imported argument."""

    id: ClaimId = Field(
        description="Stable identifier: lowercase ASCII letters, digits and '-', unique in the map."
    )
    kind: ClaimKind = Field(
        default=ClaimKind.CLAIM,
        description="One of thesis, claim, evidence, argument, forecast, question.",
    )
    text: Text = Field(description="The full statement of the claim.")
    label: str | None = Field(
        default=None, max_length=200, description="Short title shown on the map instead of text."
    )
    tags: tuple[Tag, ...] = Field(default=(), description="Topic tags, for grouping and search.")
    sources: tuple[SourceRef, ...] = Field(
        default=(), description="Citations backing the claim (source or url, quote, locator)."
    )
    weight: float | None = Field(
        default=None,
        ge=0.0,
        le=1.0,
        description="Weight in [0, 1] (default 0.5): how much the claim counts when reasons and objections are weighed, and its base score for gradual strengths.",
    )
    standard: ProofStandard | None = Field(
        default=None,
        description="Proof standard weighing the claim's reasons against its objections (default: the map's).",
    )
    supports: tuple[ClaimId, ...] = Field(
        default=(), description="Ids of claims this one supports."
    )
    attacks: tuple[ClaimId, ...] = Field(default=(), description="Ids of claims this one attacks.")
    undercuts: tuple[ClaimId, ...] = Field(
        default=(), description="Ids of arguments whose inference this one attacks."
    )

    @field_validator("text", "label")
    @classmethod
    def _text_not_blank(cls, value: str | None) -> str | None:
        # Control characters are dropped when text is shown, so they do not count as text.
        if value is not None and not has_visible_text(value):
            raise ValueError("text is empty")
        return value

    @field_validator("weight", mode="before")
    @classmethod
    def _weight_is_a_plain_number(cls, value: object) -> object:
        # JSON's true would read as 1.0, and '0_1' (a slip for 0.1) as 1.0: Python's float()
        # takes digit separators.
        if isinstance(value, bool):
            raise ValueError(f"input should be a number, found {str(value).lower()}")
        if isinstance(value, str) and "_" in value:
            raise ValueError(f"input should be a number written without '_', found {value!r}")
        return value

    @property
    def title(self) -> str:
        """The label when there is one, else the text."""
        return self.label or self.text

    def targets(self, kind: RelationKind) -> tuple[str, ...]:
        """The targets of one relation kind."""
        return getattr(self, kind.value)  # type: ignore[no-any-return]


class MapMeta(_Frozen):
    """Map-wide metadata: written once, under ``map:`` in any one file of the map."""

    title: str | None = Field(default=None, description="Title of the map.")
    description: str | None = Field(default=None, description="A paragraph introducing the map.")
    sources: tuple[Source, ...] = Field(default=(), description="Works that claims cite by id.")
    compare: tuple[tuple[ClaimId, ClaimId], ...] = Field(
        default=(), description="Pairs of theses to compare when the map is built."
    )
    theses: tuple[ClaimId, ...] = Field(
        default=(),
        description="The order theses are listed in, headline first (others follow by id).",
    )
    standard: ProofStandard | None = Field(
        default=None,
        description="The map's default proof standard (preponderance when not set).",
    )


class ArgumentMap(_Frozen):
    """A whole map: metadata and claims, kept sorted by id so equal content compares equal."""

    meta: MapMeta = Field(default_factory=MapMeta)
    claims: tuple[Claim, ...] = ()

    @model_validator(mode="after")
    def _sorted_unique(self) -> ArgumentMap:
        ids = [c.id for c in self.claims]
        if len(set(ids)) != len(ids):
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            raise ValueError(f"duplicate claim ids: {', '.join(dupes)}")
        if ids != sorted(ids):
            object.__setattr__(self, "claims", tuple(sorted(self.claims, key=lambda c: c.id)))
        return self

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy, with every value derived from the claims (its indexes) left behind."""
        copy = super().model_copy(update=update, deep=deep)
        for name in _DERIVED:
            copy.__dict__.pop(name, None)
        return copy

    @cached_property
    def by_id(self) -> dict[str, Claim]:
        """Claims keyed by id."""
        return {c.id: c for c in self.claims}

    @cached_property
    def relations(self) -> tuple[Relation, ...]:
        """Every relation, sorted by (source, kind, target), duplicates removed."""
        supports, attacks, undercuts = RelationKind
        new = Relation._make
        rels: list[Relation] = []
        add = rels.extend
        # Claims are sorted by id, so relations come out sorted when each claim's are: kinds
        # in the order of their values (attacks, supports, undercuts), targets sorted. The
        # final sort then only confirms a sorted list, in one linear pass.
        for c in self.claims:
            cid = c.id
            if c.attacks:
                add(new((cid, attacks, t)) for t in sorted(set(c.attacks)))
            if c.supports:
                add(new((cid, supports, t)) for t in sorted(set(c.supports)))
            if c.undercuts:
                add(new((cid, undercuts, t)) for t in sorted(set(c.undercuts)))
        rels.sort()
        return tuple(rels)

    @cached_property
    def incoming(self) -> dict[str, tuple[Relation, ...]]:
        """The relations into each claim, keyed by target id: supports, then attacks, then
        undercuts, each by source id (the order of reasons in an outline)."""
        by_kind: dict[RelationKind, list[Relation]] = {kind: [] for kind in RelationKind}
        for rel in self.relations:
            by_kind[rel[1]].append(rel)
        into: dict[str, list[Relation]] = {}
        for rels in by_kind.values():
            for rel in rels:
                into.setdefault(rel[2], []).append(rel)
        return {target: tuple(rels) for target, rels in into.items()}

    @cached_property
    def theses(self) -> tuple[Claim, ...]:
        """Claims of kind thesis, by id."""
        return tuple(c for c in self.claims if c.kind is ClaimKind.THESIS)

    def claim(self, claim_id: str) -> Claim:
        """The claim with this id; KeyError when there is none."""
        return self.by_id[claim_id]

    @cached_property
    def sources_by_id(self) -> dict[str, Source]:
        """The map's sources keyed by id (the first, if an id is listed twice)."""
        by_id: dict[str, Source] = {}
        for source in self.meta.sources:
            by_id.setdefault(source.id, source)
        return by_id

    def source(self, source_id: str) -> Source | None:
        """The map source with this id, if any."""
        return self.sources_by_id.get(source_id)


_DERIVED = tuple(
    name for name, value in vars(ArgumentMap).items() if isinstance(value, cached_property)
)


class ClaimFile(_Frozen):
    """The shape of one claim file: optional map metadata and a list of claims."""

    map: MapMeta | None = Field(default=None, description="Map metadata (in at most one file).")
    claims: tuple[Claim, ...] = Field(default=(), description="The claims of this file.")
