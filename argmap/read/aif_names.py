"""How an AIF inference (an RA node) is named when it becomes a claim. Pure."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["inference_text"]

#: RA texts that name no scheme of inference.
_GENERIC = frozenset({"", "ra", "default inference", "inference"})


def inference_text(text: str, premises: Sequence[str]) -> str:
    """An RA's text (its scheme's name), or when it names none ('RA', 'Default Inference'),
    what it infers from: a map would otherwise show a row of claims all called 'RA'."""
    if text.strip().lower() not in _GENERIC:
        return text
    if not premises or not premises[0].strip():
        return "Default Inference"
    rest = len(premises) - 1
    more = f" and {rest} more premise{'s' if rest > 1 else ''}" if rest else ""
    return f"Inference from {_short(premises[0])}{more}"


def _short(text: str, limit: int = 40) -> str:
    """A premise's text cut at a word near ``limit`` characters."""
    words = " ".join(text.split())
    return words if len(words) <= limit else words[:limit].rsplit(" ", 1)[0] + "…"
