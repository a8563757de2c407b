"""Readers under hostile input: special files, size limits, include paths, huge numbers, NULs, fmt."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.check import check_paths
from argmap.cli import main
from argmap.errors import ArgmapError, InputError
from argmap.fmt import format_paths, format_text
from argmap.read import load_paths, load_text
from argmap.read.collect import MAX_FILE_BYTES, FileReadError, read_bytes, read_source

SUFFIXES = [".yaml", ".json", ".argdown", ".txt", ".apx", ".i23"]
CLAIMS = "claims:\n  - id: t\n    kind: thesis\n    text: A thesis.\n"


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    """Fail, rather than hang, when a read blocks."""

    def timeout(signum: int, frame: object) -> None:
        raise AssertionError("the read blocked")

    old = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def _codes(result: object) -> list[str]:
    return [d.code for d in getattr(result, "diagnostics", [])]


# -- special files -------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_a_named_pipe_as_a_claim_file_is_an_error_not_a_hang(tmp_path: Path, suffix: str) -> None:
    fifo = tmp_path / f"claims{suffix}"
    os.mkfifo(fifo)
    fmt = "kialo" if suffix == ".txt" else None
    [diag] = load_paths([fifo], fmt=fmt).diagnostics
    assert str(diag) == f"{fifo}:1:1: error: not a regular file: a named pipe [unreadable-file]"


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
@pytest.mark.parametrize("suffix", SUFFIXES)
def test_a_link_to_a_device_is_an_error_not_a_hang(
    tmp_path: Path, device: str, suffix: str
) -> None:
    link = tmp_path / f"claims{suffix}"
    link.symlink_to(device)
    fmt = "kialo" if suffix == ".txt" else None
    [diag] = load_paths([link], fmt=fmt).diagnostics
    assert diag.code == "unreadable-file" and "not a regular file: a device" in diag.message
    assert (diag.span.line, diag.span.col) == (1, 1)


def test_a_named_pipe_inside_a_claim_directory_is_reported_and_the_rest_read(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.yaml").write_text(CLAIMS, encoding="utf-8")
    os.mkfifo(tmp_path / "b.yaml")
    result = load_paths([tmp_path])
    assert [c.id for c in result.amap.claims] == ["t"]
    assert [(d.span.path, d.code) for d in result.diagnostics] == [
        (str(tmp_path / "b.yaml"), "unreadable-file")
    ]


@pytest.mark.parametrize("kind", ["directory", "fifo", "device", "missing"])
def test_read_bytes_refuses_everything_but_a_regular_file_in_one_line(
    tmp_path: Path, kind: str
) -> None:
    path = tmp_path / "x.yaml"
    if kind == "directory":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    with pytest.raises(FileReadError) as info:
        read_bytes(str(path))
    assert str(info.value).startswith(f"{path}:1:1: ") and "\n" not in str(info.value)


# -- size limit ----------------------------------------------------------------------------


def test_the_size_limit_is_checked_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing to read in any case

    def no_read(*args: object) -> bytes:
        raise AssertionError("read before the size was checked")

    monkeypatch.setattr(os, "read", no_read)
    text, [diag] = read_source(str(big))
    assert text is None and diag.code == "too-large"
    assert diag.message == f"file is {MAX_FILE_BYTES + 1:,} bytes; the limit is {MAX_FILE_BYTES:,}"


@pytest.mark.parametrize("size", [0, 1, 99, 100])
def test_files_up_to_the_limit_are_read_whole(tmp_path: Path, size: int) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"x" * size)
    assert read_bytes(str(path), limit=100) == b"x" * size


@pytest.mark.parametrize("size", [101, 1000])
def test_files_over_the_limit_are_too_large(tmp_path: Path, size: int) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"x" * size)
    with pytest.raises(FileReadError) as info:
        read_bytes(str(path), limit=100)
    assert info.value.code == "too-large"


# -- NUL in a path -------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["a\0b.yaml", "\0", "claims/\0/x.yaml"])
def test_a_nul_in_a_path_is_a_one_line_error(path: str) -> None:
    for call in (lambda: load_paths([path]), lambda: format_paths([path])):
        with pytest.raises(InputError) as info:
            call()
        assert "NUL" in str(info.value) and "\n" not in str(info.value)
        assert "\0" not in str(info.value)


# -- Argdown includes ----------------------------------------------------------------------


def _include(tmp_path: Path, target: str) -> list[str]:
    doc = tmp_path / "maps" / "doc.argdown"
    doc.parent.mkdir(exist_ok=True)
    doc.write_text(f"[A]: a.\n\n@include({target})\n", encoding="utf-8")
    result = load_paths([doc])
    return [f"{d.span.line}:{d.span.col} {d.code} {d.message}" for d in result.diagnostics]


@pytest.mark.parametrize(
    "target",
    [
        "../outside.argdown",
        "/etc/passwd",
        "/dev/zero",
        "../maps/../outside.argdown",
        "link.argdown",
    ],
)
def test_includes_outside_the_maps_root_are_refused(tmp_path: Path, target: str) -> None:
    (tmp_path / "outside.argdown").write_text("[Secret]: the secret.\n", encoding="utf-8")
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "link.argdown").symlink_to(tmp_path / "outside.argdown")
    [diag] = [d for d in _include(tmp_path, target) if "argdown-include" in d]
    assert diag.startswith("3:1 argdown-include ") and "outside the map's root" in diag
    assert "secret" not in diag


def test_an_include_of_a_named_pipe_or_a_directory_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    os.mkfifo(tmp_path / "maps" / "pipe.argdown")
    (tmp_path / "maps" / "dir.argdown").mkdir()
    for target, kind in (("pipe.argdown", "a named pipe"), ("dir.argdown", "a directory")):
        [diag] = [d for d in _include(tmp_path, target) if "argdown-include" in d]
        assert diag.endswith(f"not a regular file: {kind}")


def test_an_include_inside_the_root_is_read_and_a_wider_root_can_be_named(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "part.argdown").write_text("[B]: b.\n", encoding="utf-8")
    assert not [d for d in _include(tmp_path, "part.argdown") if "argdown-include" in d]
    (tmp_path / "shared.argdown").write_text("[C]: c.\n", encoding="utf-8")
    doc = tmp_path / "maps" / "doc.argdown"
    doc.write_text("[A]: a.\n\n@include(../shared.argdown)\n", encoding="utf-8")
    result = load_paths([doc], root=tmp_path)
    assert sorted(c.id for c in result.amap.claims) == ["a", "c"]


def test_an_include_with_a_nul_or_over_the_size_limit_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    with (tmp_path / "maps" / "big.argdown").open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    [diag] = [d for d in _include(tmp_path, "big.argdown") if "argdown-include" in d]
    assert "the limit is" in diag
    [diag] = [d for d in _include(tmp_path, "a\0b") if "argdown-include" in d]
    assert "NUL" in diag


# -- JSON numbers and nesting --------------------------------------------------------------


@pytest.mark.parametrize("digits", [401, 4301, 5000, 100_000])
@pytest.mark.parametrize("name", ["m.json", "aif.json"])
def test_a_huge_json_integer_is_a_positioned_error(name: str, digits: int) -> None:
    if name == "aif.json":
        text = '{"nodes": [{"nodeID": ' + "1" * digits + ', "type": "I", "text": "x"}]}'
    else:
        text = '{"claims": [{"id": "a", "text": "x", "weight": -' + "7" * digits + "}]}"
    [diag] = load_text(text, name).diagnostics
    assert diag.code == "too-large" and f"{digits:,} digits" in diag.message
    assert diag.span.line == 1 and diag.span.col > 10


@pytest.mark.parametrize("depth", [65, 1000, 100_000])
@pytest.mark.parametrize("opener", ["[", '{"a": '])
def test_absurd_json_nesting_is_a_positioned_error(depth: int, opener: str) -> None:
    closer = "]" if opener == "[" else "}"
    text = '{"claims": ' + opener * depth + "1" + closer * depth + "}"
    [diag] = load_text(text, "m.json").diagnostics
    assert diag.code == "too-deep" and diag.span.col > 1


@pytest.mark.parametrize("depth", [65, 999, 1001, 20_000])
@pytest.mark.parametrize("style", ["flow", "block"])
def test_absurd_yaml_nesting_is_a_positioned_too_deep_error(depth: int, style: str) -> None:
    if style == "flow":
        text = "claims: " + "[" * depth + "]" * depth + "\n"
    else:
        text = "claims:\n" + "".join("  " * i + "-\n" for i in range(min(depth, 3000)))
    [diag] = load_text(text, "m.yaml").diagnostics
    assert diag.code == "too-deep", diag
    assert diag.message == "YAML nested too deeply (more than 64 levels)"
    assert diag.span.line > 1 or diag.span.col > 1


def test_brackets_inside_json_strings_do_not_count_as_nesting() -> None:
    text = '{"claims": [{"id": "a", "text": "' + "[{" * 500 + '\\"]"}]}'
    result = load_text(text, "m.json")
    assert result.diagnostics == [] and result.amap.claims[0].text.startswith("[{[{")


# -- fmt -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["a\tb", "a\t\tb", "x\t# not a comment", "\u00e9\t\u00e9", "a\tb # a comment"]
)
def test_fmt_formats_a_tab_inside_a_plain_scalar(value: str) -> None:
    text = f"claims:\n  - id: t\n    text: {value}\n"
    out = format_text(text, "x.yaml")
    assert format_text(out, "x.yaml") == out


def test_fmt_writes_through_a_symlinked_claim_file_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real" / "claims.yaml"
    real.parent.mkdir()
    real.write_text("claims:\n- {id: t, text: A thesis., kind: thesis}\n", encoding="utf-8")
    link = tmp_path / "maps" / "claims.yaml"
    link.parent.mkdir()
    link.symlink_to(real)
    report = format_paths([link])
    assert report.changed == [str(link)] and report.errors == []
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert "  - id: t\n" in real.read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_fmt_reports_a_special_file_without_hanging(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "claims.yaml"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    report = format_paths([path])
    assert report.changed == [] and len(report.errors) == 1
    assert "not a regular file" in report.errors[0] and "\n" not in report.errors[0]


def test_check_on_a_named_pipe_exits_1_with_a_positioned_line(tmp_path: Path) -> None:
    fifo = tmp_path / "claims.yaml"
    os.mkfifo(fifo)
    result = CliRunner().invoke(main, ["check", str(fifo)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{fifo}:1:1: error: not a regular file: a named pipe" in result.output


def test_every_failure_here_is_an_argmap_error() -> None:
    assert issubclass(FileReadError, ArgmapError)


def test_a_broken_or_looping_link_in_a_claim_folder_is_named_as_such(tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text("claims:\n  - {id: t, kind: thesis, text: T.}\n", "utf-8")
    (tmp_path / "gone.yaml").symlink_to("nowhere.yaml")
    (tmp_path / "self.yaml").symlink_to("self.yaml")
    found = {d.span.path.rsplit("/", 1)[-1]: d for d in check_paths([str(tmp_path)]).diagnostics}
    assert (
        found["gone.yaml"].message == "cannot read file: a broken symbolic link (to nowhere.yaml)"
    )
    assert found["self.yaml"].message == "cannot read file: a loop of symbolic links"
    assert {d.code for d in found.values()} == {"unreadable-file"}
