"""What an ``argmap`` fence says: its options, claim paths and inline YAML, parsed one way for
every site generator. Pure."""

from __future__ import annotations

import re
import shlex
from collections.abc import Mapping
from dataclasses import dataclass, field

from argmap.diagnostics import did_you_mean, quote_id
from argmap.errors import ArgmapError
from argmap.evaluate import (
    DEFAULT_SUPPORT,
    GRADUAL_SEMANTICS,
    SUPPORT_READINGS,
)
from argmap.settings import READINGS, EvaluationSettings, means_none

#: The fence's language name (the first word of the info string) and the directive's name.
FENCE_NAME = "argmap"

#: Graphviz rank directions: BT puts the theses on top, their reasons below.
DIRECTIONS = ("BT", "TB", "LR", "RL")
THEMES = ("auto", "light", "dark")
_YES = ("yes", "true", "on", "1")
_NO = ("no", "false", "off", "0")

#: Option names and what each takes, as shown in messages.
OPTION_HELP: dict[str, str] = {
    "path": "claim files or directories, separated by spaces",
    "thesis": "the id of the thesis whose sub-map to draw",
    "semantics": f"one of {', '.join((*READINGS, 'none'))}",
    "support": f"one of {', '.join(SUPPORT_READINGS)}",
    "gradual": f"one of {', '.join((*GRADUAL_SEMANTICS, 'none'))}",
    "direction": f"one of {', '.join(DIRECTIONS)}",
    "depth": "how many relation steps below the thesis to show (a whole number)",
    "caption": "a caption shown under the map",
    "link": "a URL template for the nodes with {id} or {anchor}, or 'none'",
    "theme": f"one of {', '.join(THEMES)}",
    "details": "yes or no: list every claim's full text under the map",
    "full-detail": "yes or no: draw every claim of an Argdown map, untitled premises too",
}
OPTION_NAMES = tuple(OPTION_HELP)

# A MyST-style option line at the top of a fence body: ":thesis: world-model-thesis".
_OPTION_LINE = re.compile(r"^:([A-Za-z][\w-]*):(?:\s+(.*?))?\s*$")
# A body line that names a claim file or directory rather than holding YAML.
_PATH_LINE = re.compile(r"^[\w./\\~+-]+$")


class FenceError(ArgmapError):
    """A fence cannot be read: an unknown option, a bad value, or nothing to draw.

    ``line`` is the 1-based line within the fence body the problem is on (0: the opening
    line), so that integrations can report it at its place in the page.
    """

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class FenceOptions:
    """How to draw one map: which part of it, evaluated how, laid out how."""

    thesis: str | None = None
    semantics: str | None = "carneades"
    support: str = DEFAULT_SUPPORT
    gradual: str | None = "dfquad"
    direction: str = "BT"
    depth: int | None = None
    caption: str | None = None
    link: str | None = None
    link_none: bool = False
    theme: str = "auto"
    details: bool = True
    full_detail: bool = False

    @property
    def settings(self) -> EvaluationSettings | None:
        """The fence's reading as one typed value; None when ``semantics: none``."""
        if self.semantics is None:
            return None
        return EvaluationSettings.from_names(self.semantics, self.support, self.gradual)


@dataclass(frozen=True)
class FenceSpec:
    """A parsed fence: what to load (paths or inline YAML) and how to draw it.

    ``yaml_line`` is the line of the fence body where the inline YAML starts (1-based), so
    positions in the YAML map back to the page.
    """

    options: FenceOptions = field(default_factory=FenceOptions)
    paths: tuple[str, ...] = ()
    yaml: str = ""
    yaml_line: int = 1
    option_lines: Mapping[str, int] = field(default_factory=dict)


def _choice(name: str, value: str, choices: tuple[str, ...], line: int) -> str:
    if value in choices:
        return value
    folded = {c.lower(): c for c in choices}
    if value.lower() in folded:
        return folded[value.lower()]
    hint = did_you_mean(value, choices)
    raise FenceError(
        f"option '{name}' must be {OPTION_HELP[name]}, not {quote_id(value)}{hint}", line
    )


def _flag(name: str, value: str, line: int) -> bool:
    if value.lower() in _YES:
        return True
    if value.lower() in _NO:
        return False
    raise FenceError(f"option '{name}' must be yes or no, not {quote_id(value)}", line)


def parse_options(raw: Mapping[str, str], lines: Mapping[str, int] | None = None) -> FenceOptions:
    """Typed options from their text values.

    Args:
        raw: Option name -> value as written.
        lines: Option name -> the body line it was written on, for messages.

    Raises:
        FenceError: An unknown option or a value it cannot take.
    """
    at = lines or {}
    values: dict[str, object] = {}
    for name, value in raw.items():
        line = at.get(name, 0)
        value = value.strip()
        if name not in OPTION_HELP:
            hint = did_you_mean(name, OPTION_NAMES)
            raise FenceError(
                f"unknown option {quote_id(name)}{hint}; options are {', '.join(OPTION_NAMES)}",
                line,
            )
        if name == "path":
            continue
        if not value and name not in ("caption",):
            raise FenceError(f"option '{name}' needs a value: {OPTION_HELP[name]}", line)
        if name == "semantics":
            values[name] = None if means_none(value) else _choice(name, value, READINGS, line)
        elif name == "gradual":
            values[name] = (
                None if means_none(value) else _choice(name, value, GRADUAL_SEMANTICS, line)
            )
        elif name == "support":
            values[name] = _choice(name, value, SUPPORT_READINGS, line)
        elif name == "direction":
            values[name] = _choice(name, value.upper(), DIRECTIONS, line)
        elif name == "theme":
            values[name] = _choice(name, value, THEMES, line)
        elif name == "details":
            values[name] = _flag(name, value, line)
        elif name == "full-detail":
            values["full_detail"] = _flag(name, value, line)
        elif name == "depth":
            if not value.isdigit() or len(value) > 4:
                raise FenceError(
                    f"option 'depth' must be {OPTION_HELP['depth']}, not {quote_id(value)}", line
                )
            values[name] = int(value)
        elif name == "link":
            if value == "none":
                values["link_none"] = True
            else:
                _check_link_template(value, line)
                values[name] = value
        else:
            values[name] = value or None
    return FenceOptions(**values)  # type: ignore[arg-type]


def _check_link_template(template: str, line: int) -> None:
    try:
        template.format(id="x", anchor="claim-x")
    except (KeyError, IndexError, ValueError) as exc:
        raise FenceError(
            f"option 'link' must be {OPTION_HELP['link']}, not {quote_id(template)} ({exc})", line
        ) from exc


def split_words(text: str, line: int = 0) -> tuple[dict[str, str], list[str]]:
    """Options (``key=value``) and bare words (paths) from an info string or directive argument.

    Raises:
        FenceError: Unbalanced quotes.
    """
    try:
        words = shlex.split(text, posix=True)
    except ValueError as exc:
        raise FenceError(f"cannot read the fence's options: {exc}", line) from exc
    options: dict[str, str] = {}
    paths: list[str] = []
    for word in words:
        key, sep, value = word.partition("=")
        if sep and re.fullmatch(r"[A-Za-z][\w-]*", key):
            options[key] = value
        else:
            paths.append(word)
    return options, paths


def parse_fence(
    info: str = "",
    body: str = "",
    extra: Mapping[str, str] | None = None,
    extra_lines: Mapping[str, int] | None = None,
) -> FenceSpec:
    """Read a fence the same way in every integration.

    The info string after ``argmap`` holds ``key=value`` options and claim paths; the body
    may start with MyST-style option lines (``:thesis: world-model-thesis``), then holds
    either inline claim YAML or claim paths, one a line.

    Args:
        info: The info string without the leading ``argmap``.
        body: The fence's content.
        extra: Options given another way (Sphinx directive options, superfences options);
            they win over the info string.
        extra_lines: The body line each of ``extra`` was written on, when known.

    Raises:
        FenceError: Unknown options, bad values, paths and YAML together, or nothing to draw.
    """
    raw, paths = split_words(info)
    lines = dict.fromkeys(raw, 0)
    body_lines = body.splitlines()
    start = 0
    while start < len(body_lines):
        match = _OPTION_LINE.match(body_lines[start].strip())
        if match is None:
            break
        raw[match.group(1)] = match.group(2) or ""
        lines[match.group(1)] = start + 1
        start += 1
    for key, value in (extra or {}).items():
        raw[key] = value
        lines[key] = (extra_lines or {}).get(key, 0)
    for value in [raw.get("path", "")]:
        more, bare = split_words(value, lines.get("path", 0))
        paths += bare + [f"{k}={v}" for k, v in more.items()]
    options = parse_options(raw, lines)
    rest = body_lines[start:]
    content = [line for line in rest if line.strip() and not line.lstrip().startswith("#")]
    yaml = ""
    if content and all(_PATH_LINE.match(line.strip()) for line in content):
        paths += [line.strip() for line in content]
    elif content:
        yaml = "\n".join(rest) + "\n"
    if yaml and paths:
        raise FenceError(
            "a fence holds either claim paths or inline claim YAML, not both", start + 1
        )
    if not yaml and not paths:
        raise FenceError(
            "the fence is empty: write claim YAML in it, or name claim files with ':path: FILES'", 0
        )
    return FenceSpec(options, tuple(paths), yaml, start + 1, lines)
