"""Hypothesis strategies for maps, shared by the property tests."""

from __future__ import annotations

from hypothesis import strategies as st

from argmap.model import ArgumentMap, Claim, ClaimKind, ProofStandard

IDS = st.from_regex(r"[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,4})?", fullmatch=True)
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=60,
).filter(lambda s: "".join(c for c in s if c.isprintable()).strip() != "")
HOSTILE = st.sampled_from(
    [
        '"quoted" \\ backslash',
        "<b>bold</b>",
        "{braces} [brackets] |pipes|",
        "</svg><script>alert(1)</script>",
        "javascript:alert(1)",
        "<img src=x onerror=alert(1)>",
        "\x07control\x1b chars\u2028",
        "# heading\n- list\n1. item",
        "]]> <!-- -->",
        "\\N \\G \\L",
        "data:text/html;base64,PHNjcmlwdD4=",
    ]
)


@st.composite
def maps(
    draw: st.DrawFn, max_claims: int = 12, hostile: bool = False, undercuts: bool = False
) -> ArgumentMap:
    """Well-formed maps: unique ids, every relation to an existing other claim, no
    duplicates; with ``undercuts``, some attacks are undercuts instead."""
    ids = draw(st.lists(IDS, min_size=1, max_size=max_claims, unique=True))
    text = st.one_of(TEXT, HOSTILE) if hostile else TEXT
    claims = []
    for i, cid in enumerate(ids):
        others = [o for o in ids if o != cid]
        targets = draw(st.lists(st.sampled_from(others), unique=True, max_size=3)) if others else []
        split = draw(st.integers(0, len(targets)))
        cut = draw(st.integers(split, len(targets))) if undercuts else len(targets)
        claims.append(
            Claim(
                id=cid,
                kind=ClaimKind.THESIS
                if i == 0
                else draw(
                    st.sampled_from(
                        [ClaimKind.CLAIM, ClaimKind.CLAIM, ClaimKind.EVIDENCE, ClaimKind.FORECAST]
                        + [ClaimKind.ARGUMENT]
                        + ([ClaimKind.QUESTION, ClaimKind.THESIS] if i > 1 else [])
                    )
                ),
                text=draw(text),
                label=draw(
                    st.none()
                    | text.map(
                        lambda s: s[:40] if s[:40].isprintable() and s[:40].strip() else "label"
                    )
                ),
                supports=tuple(targets[:split]),
                attacks=tuple(targets[split:cut]),
                undercuts=tuple(targets[cut:]),
                weight=draw(st.none() | st.floats(0, 1) | st.sampled_from([0.2, 0.5, 0.8])),
                standard=draw(st.none() | st.sampled_from(list(ProofStandard))),
            )
        )
    return ArgumentMap(claims=tuple(claims))
