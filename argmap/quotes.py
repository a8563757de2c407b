"""Source verification: quotes checked against local copies of the cited works. Writes nothing."""

from __future__ import annotations

import difflib
import os
import re
import stat
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from argmap.diagnostics import Diagnostic, Severity, Span, SpanIndex, quote_id
from argmap.model import ArgumentMap, Source

#: File names tried in a sources directory, in order: ``<id>.txt``, then ``<id>.md``.
SOURCE_TEXT_SUFFIXES = (".txt", ".md")

_SINGLE = "'"
_DOUBLE = '"'
# Typographic marks that writers and word processors swap for the ASCII ones; applied
# before and after NFKC because NFKC turns some (small em dash) into others (em dash)
# and splits the double prime into two primes.
_TYPOGRAPHY = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u2035\u2039\u203a\u02bc\u00b4", _SINGLE),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb", _DOUBLE),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        **dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff"),
        "\u2026": "...",
    }
)
_WORD = re.compile(r"\w+")

#: Candidate passages scored per missing quote; bounds the search whatever the text size.
MAX_CANDIDATES = 48
#: Below this similarity (0..1, over words) no passage is offered as a hint.
MIN_SIMILARITY = 0.3
#: Longest passage quoted back in a message, in characters.
MAX_PASSAGE = 160
#: Largest source text read, in bytes; checked before reading.
MAX_SOURCE_BYTES = 16 << 20


def normalise_text(text: str) -> str:
    """Text in the form quotes are compared in.

    Typographic quotes, apostrophes, primes and dashes become their ASCII forms, the
    ellipsis character becomes three dots, compatibility characters are folded (NFKC),
    invisible characters (soft hyphen, zero-width space, BOM) are dropped, runs of
    whitespace collapse to one space and the ends are stripped. Case is kept.

    Args:
        text: Any text.

    Returns:
        The normalised text.
    """
    folded = unicodedata.normalize("NFKC", text.translate(_TYPOGRAPHY)).translate(_TYPOGRAPHY)
    return " ".join(folded.split())


def load_source_texts(
    amap: ArgumentMap,
    spans: SpanIndex,
    sources_dir: Path | None = None,
    *,
    roots: Sequence[Path] | None = None,
) -> tuple[dict[str, str], list[Diagnostic]]:
    """Read the local text of each of the map's sources.

    A source's text is ``<sources_dir>/<id>.txt`` (or ``.md``) when a directory is given
    and holds one, else the file its ``text`` field names, relative to the file that
    declared the source. Only regular files of at most ``MAX_SOURCE_BYTES`` are read (the
    size is checked first), and with ``roots`` only files whose real path (symbolic links
    resolved) lies inside one of them or inside ``sources_dir``. A source that has no
    readable text gets an info diagnostic (code ``source-text-missing``) when claims
    quote it or its ``text`` path is broken: its quotes are then not verified, which is
    never an error.

    Args:
        amap: The map whose sources to read.
        spans: Where the map was written; ``text`` paths resolve against it.
        sources_dir: A directory of source texts named by source id, if any.
        roots: The directories texts may be read from (``sources_dir`` is one too);
            None reads any file the map names.

    Returns:
        The texts keyed by source id, and the diagnostics.
    """
    quoted = {ref.source for c in amap.claims for ref in c.sources if ref.quote is not None}
    allowed = None
    if roots is not None:
        wider = [*roots, *([sources_dir] if sources_dir is not None else [])]
        allowed = [os.path.realpath(root) for root in wider]
    texts: dict[str, str] = {}
    diags: list[Diagnostic] = []
    for source in amap.meta.sources:
        tried: list[str] = []
        for shown, path in _candidate_paths(source, spans, sources_dir):
            text, problem = _read_text(path, allowed)
            if text is not None:
                texts[source.id] = text
                break
            tried.append(f"{quote_id(shown)}: {problem}")
        else:
            if source.id in quoted or source.text is not None:
                detail = f" ({'; '.join(tried)})" if tried else ""
                diags.append(
                    Diagnostic(
                        _source_span(spans, source.id),
                        Severity.INFO,
                        "source-text-missing",
                        f"quotes citing {quote_id(source.id)} not verified: no local text{detail}",
                    )
                )
    return texts, diags


def verify_quotes(
    amap: ArgumentMap, spans: SpanIndex, texts: Mapping[str, str]
) -> list[Diagnostic]:
    """Check that every quote appears in the text of the source it cites.

    Quotes and texts are compared after :func:`normalise_text`, and a quote must start
    and end on word boundaries of the text. Citations of sources without a text, and
    citations by URL, are skipped. A quote that is not found is an error (code
    ``quote-not-found``) at the quote's position, naming the closest passage of the text.

    Args:
        amap: The map whose quotes to check.
        spans: Where the map was written, for the diagnostics' positions.
        texts: Source texts keyed by source id (see :func:`load_source_texts`).

    Returns:
        One diagnostic per quote that was not found.
    """
    indexes: dict[str, _SourceIndex] = {}
    diags: list[Diagnostic] = []
    for claim in amap.claims:
        for i, ref in enumerate(claim.sources):
            if ref.quote is None or ref.source is None or ref.source not in texts:
                continue
            index = indexes.get(ref.source)
            if index is None:
                index = indexes[ref.source] = _SourceIndex.build(texts[ref.source])
            quote = normalise_text(ref.quote)
            if quote and index.contains(quote):
                continue
            where = f"quote in {quote_id(claim.id)}"
            if not quote:
                message = f"{where} is empty: nothing to find in source {quote_id(ref.source)}"
            else:
                message = f"{where} not found in source {quote_id(ref.source)}{index.hint(quote)}"
            span = spans.get("claim", claim.id, "sources", i, "quote") or Span(spans.first_file())
            diags.append(Diagnostic(span, Severity.ERROR, "quote-not-found", message))
    return diags


def _candidate_paths(
    source: Source, spans: SpanIndex, sources_dir: Path | None
) -> list[tuple[str, Path]]:
    """The files that may hold a source's text, as (path as shown, path to open)."""
    paths: list[tuple[str, Path]] = []
    if sources_dir is not None:
        for suffix in SOURCE_TEXT_SUFFIXES:
            path = sources_dir / f"{source.id}{suffix}"
            paths.append((str(path), path))
    if source.text is not None:
        declared = spans.get("source", source.id) or spans.get("map")
        base = Path(declared.path).parent if declared is not None else Path()
        paths.append((source.text, base / source.text))
    return paths


def _read_text(path: Path, allowed: Sequence[str] | None) -> tuple[str | None, str]:
    """A file's UTF-8 text, or None and why it is not read.

    Nothing outside ``allowed`` (real paths of directories) is opened, and nothing but a
    regular file is read: a FIFO or device is refused before any read could block.
    """
    try:
        real = os.path.realpath(path)
        if allowed is not None and not any(_inside(real, root) for root in allowed):
            if not os.path.lexists(path):
                return None, "no such file"
            return None, "outside the map's directories (pass --sources DIR to allow a directory)"
        fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except FileNotFoundError:
        return None, "no such file"
    except PermissionError:
        return None, "permission denied"
    except ValueError:
        return None, "the path holds a NUL character"
    except OSError as exc:
        return None, (exc.strerror or type(exc).__name__).lower()
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_SOURCE_BYTES:
        os.close(fd)
        if stat.S_ISDIR(info.st_mode):
            return None, "is a directory"
        if not stat.S_ISREG(info.st_mode):
            return None, "not a regular file"
        return None, f"larger than {MAX_SOURCE_BYTES >> 20} MB"
    with os.fdopen(fd, "rb") as handle:
        try:
            data = handle.read(MAX_SOURCE_BYTES + 1)
        except OSError as exc:
            return None, (exc.strerror or type(exc).__name__).lower()
    if len(data) > MAX_SOURCE_BYTES:
        return None, f"larger than {MAX_SOURCE_BYTES >> 20} MB"
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError as exc:
        return None, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"


def _inside(real: str, root: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def _source_span(spans: SpanIndex, source_id: str) -> Span:
    return spans.get("source", source_id) or spans.get("map") or Span(spans.first_file())


def _words(text: str) -> list[str]:
    return [m.group().casefold() for m in _WORD.finditer(text)]


@dataclass
class _SourceIndex:
    """A normalised source text with its words located, for lookups and near misses."""

    text: str
    words: list[str]
    starts: list[int]
    ends: list[int]
    positions: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def build(cls, raw: str) -> _SourceIndex:
        text = normalise_text(raw)
        matches = list(_WORD.finditer(text))
        index = cls(
            text,
            [m.group().casefold() for m in matches],
            [m.start() for m in matches],
            [m.end() for m in matches],
        )
        for i, word in enumerate(index.words):
            index.positions.setdefault(word, []).append(i)
        return index

    def contains(self, quote: str) -> bool:
        """Whether the normalised quote occurs, starting and ending on word boundaries."""
        text = self.text
        at = text.find(quote)  # a string search first: most quotes are found, or not at all
        if at < 0:
            return False
        head = r"(?<!\w)" if _WORD.match(quote[0]) else ""
        tail = r"(?!\w)" if _WORD.match(quote[-1]) else ""
        end = at + len(quote)
        if not (head and at and _WORD.match(text[at - 1])) and not (
            tail and end < len(text) and _WORD.match(text[end])
        ):
            return True
        return re.compile(head + re.escape(quote) + tail).search(text, at + 1) is not None

    def hint(self, quote: str) -> str:
        """A message suffix naming the passage most like the quote, if any is close."""
        found = self.closest(quote)
        if found is None or found[1] < MIN_SIMILARITY:
            return " (no similar passage)"
        passage = found[0]
        if len(passage) > MAX_PASSAGE:
            passage = passage[: MAX_PASSAGE - 3].rstrip() + "..."
        return f'; closest passage: "{passage}"'

    def closest(self, quote: str) -> tuple[str, float] | None:
        """The passage most like the quote and its word similarity (0..1), or None.

        Candidate passages are as many words long as the quote and aligned on the
        occurrences of the quote's rarest words, so at most ``MAX_CANDIDATES`` of them are
        scored whatever the length of the text.
        """
        qwords = _words(quote)
        if not qwords or not self.words:
            return None
        width = min(len(qwords), len(self.words))
        last_start = len(self.words) - width
        anchors = sorted(
            {w for w in qwords if w in self.positions}, key=lambda w: (len(self.positions[w]), w)
        )
        offsets = {w: [j for j, q in enumerate(qwords) if q == w] for w in anchors}
        starts: list[int] = []
        seen: set[int] = set()
        for word in anchors:
            for pos in self.positions[word]:
                for offset in offsets[word]:
                    start = min(max(pos - offset, 0), last_start)
                    if start not in seen:
                        seen.add(start)
                        starts.append(start)
                if len(starts) >= MAX_CANDIDATES:
                    break
            if len(starts) >= MAX_CANDIDATES:
                break
        if not starts:
            return None
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(qwords)
        best: tuple[float, int] = (-1.0, 0)
        for start in sorted(starts[:MAX_CANDIDATES]):
            matcher.set_seq1(self.words[start : start + width])
            score = matcher.ratio()
            if score > best[0]:
                best = (score, start)
        score, start = best
        return self.text[self.starts[start] : self.ends[start + width - 1]], score
