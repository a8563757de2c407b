"""Writes an argument map as Argdown that argmap's Argdown reader reads back unchanged. Pure text.

Each claim is one top-level block, in id order: ``[Title]: text`` for statements and
``<Title>: text`` for arguments, then its hashtags and a data block, then its outgoing
relations as indented children (``+>`` supports, ``->`` attacks, ``_>`` undercuts).
The title is the claim's label when that label can be an Argdown title and no other
claim uses it; otherwise the id (or ``claim <id>``) is the title and the data block
carries ``label``.
The data block always holds the ``id``, and holds ``kind``, ``weight`` and ``sources``
when they are set, and ``text`` when the text has line breaks or spacing that Argdown
cannot show on one line. Map metadata goes into the front matter. A relation to an id
that is not in the map is written as a reference to that id. An argument with premises
and one conclusion is written with a premise-conclusion structure, mutual attacks as
``><``, and a claim without a label that stands only in one structure inside it, without
a title, as Argdown writes it (see :mod:`argmap.write.argdown_structures`).
"""

from __future__ import annotations

import re

from argmap.model import ArgumentMap, Claim, ClaimKind, MapMeta, Source, SourceRef
from argmap.write.argdown_structures import Structures, plan_structures

_UNSAFE_TITLE = re.compile(r"[\[\]<>\x00-\x1f\x7f-\x9f\u2028\u2029]|@include\(")
#: Argdown splices in the file that ``@include(path)`` names wherever the text stands (in
#: data and front matter too), before it parses anything: the writer never writes it.
_INCLUDE = "@include"
_PLAIN_TAG = re.compile(r"^[A-Za-z0-9-]+$")
_ALWAYS_ESCAPED = frozenset("\\@#*_[<{")
_KIND_TAGS = frozenset({"thesis", "evidence"})


def render_argdown(amap: ArgumentMap) -> str:
    """The map as an Argdown document: deterministic, UTF-8 text ending in one newline."""
    titles = _titles(amap)
    plan = plan_structures(amap)
    blocks = [_front_matter(amap.meta)] if _has_meta(amap.meta) else []
    blocks += [_claim_block(claim, amap, titles, plan) for claim in amap.claims]
    return "\n\n".join(b for b in blocks if b) + "\n" if blocks else ""


def _titles(amap: ArgumentMap) -> dict[str, str]:
    """Each claim's Argdown title: its label where that can be a title and is unique, else
    its id (``claim <id>`` where the id cannot be a title). A claim without a label always
    gets its id, which the reader takes for "no label"."""
    ids = {c.id for c in amap.claims}
    counts: dict[str, int] = {}
    for claim in amap.claims:
        if claim.label is not None:
            counts[claim.label] = counts.get(claim.label, 0) + 1
    titles = {c.id: _id_title(c) for c in amap.claims if c.label is None}
    used = set(titles.values())
    for claim in amap.claims:
        label = claim.label
        if (
            label is not None
            and _title_safe(label)
            and counts[label] == 1
            and (label == claim.id or label not in ids)
            and label not in used
        ):
            titles[claim.id] = label
            used.add(label)
    for claim in amap.claims:
        if claim.id in titles:
            continue
        base = _id_title(claim)
        title, n = base, 1
        while title in used:
            n += 1
            title = f"{base} ({n})"
        titles[claim.id] = title
        used.add(title)
    return titles


def _id_title(claim: Claim) -> str:
    return claim.id if _title_safe(claim.id) else f"claim {claim.id}"


def _title_safe(label: str) -> bool:
    # '+', '-', '_' and '!--' right after '<' at the start of a line would read as a
    # relation symbol or a comment; '-' right after '[' ends a reference.
    return (
        bool(label)
        and label == label.strip(" \t")
        and label[0] not in "+-_!"
        and not _UNSAFE_TITLE.search(label)
    )


def _ref(target: str, amap: ArgumentMap, titles: dict[str, str]) -> str:
    claim = amap.by_id.get(target)
    title = titles.get(target, target)
    if claim is not None and claim.kind is ClaimKind.ARGUMENT:
        return f"<{title}>"
    return f"[{title}]"


def _content(claim: Claim, title: str) -> str:
    """A statement's or an argument's text, tags and data, as written after its title."""
    is_arg = claim.kind is ClaimKind.ARGUMENT
    # What the line shows: spaces collapsed, no control or format character (an escape
    # sequence would reach a terminal that shows the file); the exact text goes in the data.
    shown = " ".join("".join(ch if ch.isprintable() else " " for ch in claim.text).split())
    parts = [escape_text(shown or claim.id)]
    parts += [_hashtag(tag) for tag in claim.tags]
    data: list[tuple[str, str]] = [("id", yaml_string(claim.id))]
    kind_needed = claim.kind is not ClaimKind.CLAIM or _KIND_TAGS & set(claim.tags)
    if not is_arg and kind_needed:
        data.append(("kind", claim.kind.value))
    if claim.label is not None and (title != claim.label or title in (claim.id, _id_title(claim))):
        data.append(("label", yaml_string(claim.label)))
    if shown != claim.text:
        data.append(("text", yaml_string(claim.text)))
    if claim.weight is not None:
        data.append(("weight", yaml_float(claim.weight)))
    if claim.standard is not None:
        data.append(("standard", claim.standard.value))
    if claim.sources:
        data.append(("sources", "[" + ", ".join(_source_ref(s) for s in claim.sources) + "]"))
    parts.append(_flow(data))
    return " ".join(parts)


def _claim_block(claim: Claim, amap: ArgumentMap, titles: dict[str, str], plan: Structures) -> str:
    if claim.id in plan.inline:
        return ""  # written in its argument's premise-conclusion structure
    title = titles[claim.id]
    head = f"<{title}>:" if claim.kind is ClaimKind.ARGUMENT else f"[{title}]:"
    lines = [f"{head} {_content(claim, title)}", *_relation_lines(claim, amap, titles, plan)]
    block = "\n".join(lines)
    premises = plan.premises.get(claim.id)
    if premises:

        def entry(cid: str) -> str:
            if cid in plan.inline:
                inline = amap.by_id[cid]
                own = _relation_lines(inline, amap, titles, plan)
                return "\n".join([_content(inline, titles[cid]), *own])
            return f"[{titles[cid]}]"

        pcs = [f"({i}) {entry(p)}" for i, p in enumerate(premises, start=1)]
        pcs += ["----", f"({len(premises) + 1}) {entry(claim.supports[0])}"]
        block += "\n\n" + "\n".join(pcs)
    return block


def _relation_lines(
    claim: Claim, amap: ArgumentMap, titles: dict[str, str], plan: Structures
) -> list[str]:
    """The claim's relations that its structures do not carry, a line each."""
    lines = []
    for symbol, kind, targets in (
        ("+>", "supports", claim.supports),
        ("->", "attacks", claim.attacks),
        ("_>", "undercuts", claim.undercuts),
    ):
        for t in targets:
            if (claim.id, kind, t) in plan.implied:
                continue
            mutual = kind == "attacks" and (claim.id, t) in plan.contradictions
            shown = "><" if mutual else symbol
            lines.append(f"  {shown} {_ref(t, amap, titles)}")
    return lines


def _hashtag(tag: str) -> str:
    return f"#{tag}" if _PLAIN_TAG.match(tag) else f"#({tag})"


def escape_text(text: str) -> str:
    """Text on one line, with every character that Argdown would read as markup escaped.

    The text must be free of line breaks, tabs and double spaces (argmap's writer puts
    such texts in the data block). Dots and colons are escaped only in words that hold
    two of them, where Argdown could read a special character such as ``.A.``.
    """
    out: list[str] = []
    for word_index, word in enumerate(text.split(" ")):
        escape_dots = word.count(".") >= 2
        escape_colons = word.count(":") >= 2
        escape_equals = "===" in text
        chars = []
        for i, ch in enumerate(word):
            if (
                ch in _ALWAYS_ESCAPED
                or (ch == "." and escape_dots)
                or (ch == ":" and escape_colons)
                or (ch == "=" and escape_equals)
                or (ch == "/" and word[i + 1 : i + 2] == "/")
                or (ch == "(" and word[:i].endswith(_INCLUDE))
            ):
                chars.append("\\")
            chars.append(ch)
        out.append(("" if word_index == 0 else " ") + "".join(chars))
    return "".join(out)


def yaml_string(value: str) -> str:
    """A YAML double-quoted string that the data-block rule and both YAML readers keep whole."""
    escape_equals = "===" in value
    out = ['"']
    for i, ch in enumerate(value):
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch in "{}" or (ch == "=" and escape_equals):
            out.append(f"\\x{code:02x}")
        elif ch == "(" and value.endswith(_INCLUDE, 0, i):
            out.append("\\x28")
        elif (
            code < 0x20
            or 0x7F <= code <= 0x9F
            or 0xD800 <= code <= 0xDFFF
            or ch in "\u2028\u2029\ufeff\ufffe\uffff"
        ):
            out.append(f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def yaml_float(value: float) -> str:
    """A float that YAML 1.1 and 1.2 readers both read as the same float (always with a dot)."""
    text = repr(float(value))
    if "e" in text and "." not in text.split("e")[0]:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}.0e{exponent}"
    return text


def _flow(items: list[tuple[str, str]]) -> str:
    return "{" + ", ".join(f"{key}: {value}" for key, value in items) + "}"


def _source_ref(ref: SourceRef) -> str:
    fields = [(k, getattr(ref, k)) for k in ("source", "url", "locator", "quote")]
    return _flow([(k, yaml_string(v)) for k, v in fields if v is not None])


def _source(source: Source) -> str:
    fields = [(k, getattr(source, k)) for k in ("id", "title", "author", "year", "url", "text")]
    return _flow([(k, yaml_string(v)) for k, v in fields if v is not None])


def _has_meta(meta: MapMeta) -> bool:
    return bool(
        meta.title is not None
        or meta.description is not None
        or meta.sources
        or meta.compare
        or meta.theses
        or meta.standard is not None
    )


def _front_matter(meta: MapMeta) -> str:
    lines = ["==="]
    if meta.title is not None:
        lines.append(f"title: {yaml_string(meta.title)}")
    if meta.description is not None:
        lines.append(f"description: {yaml_string(meta.description)}")
    if meta.sources:
        lines.append("sources:")
        lines += [f"  - {_source(s)}" for s in meta.sources]
    if meta.compare:
        lines.append("compare:")
        lines += [f"  - [{yaml_string(a)}, {yaml_string(b)}]" for a, b in meta.compare]
    if meta.theses:
        lines.append("theses: [" + ", ".join(yaml_string(t) for t in meta.theses) + "]")
    if meta.standard is not None:
        lines.append(f"standard: {meta.standard.value}")
    lines.append("===")
    return "\n".join(lines)
