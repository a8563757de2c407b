"""Making a build's artifacts: the same bytes in order however many are made at once."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from argmap.build import Artifact, build_paths, make_artifacts, plan_artifacts
from argmap.check import check_paths
from argmap.errors import DataError, RenderError, UsageError
from argmap.evaluate import evaluate_map

from .conftest import CASES

TWO_THESES = str(CASES / "valid_two_theses" / "input")


def test_parallel_making_gives_the_same_files_in_the_same_order() -> None:
    amap = check_paths([TWO_THESES]).amap
    evaluation = evaluate_map(amap)
    artifacts = plan_artifacts(amap, evaluation, dot_only=True)
    alone = make_artifacts(artifacts)
    # Fresh plans: nothing cached by the first run is shared with the second.
    amap = check_paths([TWO_THESES]).amap
    seen: list[str] = []
    together = make_artifacts(
        plan_artifacts(amap, evaluate_map(amap), dot_only=True), seen.append, jobs=4
    )
    assert list(together) == list(alone) == seen == [a.path for a in artifacts]
    assert together == alone


def test_parallel_making_starts_the_costliest_first_and_reports_in_plan_order() -> None:
    started: list[str] = []
    lock = threading.Lock()

    def artifact(name: str, cost: int) -> Artifact:
        def make() -> bytes:
            with lock:
                started.append(name)
            time.sleep(0.05)
            return name.encode()

        return Artifact(name, make, cost)

    plan = [artifact("small", 1), artifact("page", 0), artifact("big", 100), artifact("mid", 10)]
    reported: list[str] = []
    files = make_artifacts(plan, reported.append, jobs=2)
    assert started[:2] == ["big", "mid"]
    assert reported == list(files) == ["small", "page", "big", "mid"]
    assert files["big"] == b"big"


def test_a_failed_artifact_fails_the_whole_making_and_drops_what_had_not_started() -> None:
    made: list[str] = []

    def fail() -> bytes:
        raise RenderError("Graphviz failed")

    def slow(name: str) -> Artifact:
        def make() -> bytes:
            time.sleep(0.05)
            made.append(name)
            return b""

        return Artifact(name, make)

    plan = [Artifact("broken", fail, 100), *(slow(f"a{i}") for i in range(20))]
    with pytest.raises(RenderError, match="Graphviz failed"):
        make_artifacts(plan, jobs=2)
    assert len(made) < 20
    with pytest.raises(UsageError):
        make_artifacts(plan, jobs=0)


@pytest.mark.dot
def test_build_writes_the_same_files_with_one_job_or_several(tmp_path: Path) -> None:
    for jobs in (1, 3):
        result = build_paths([TWO_THESES], tmp_path / str(jobs), jobs=jobs)
        assert result.written
    one, three = (
        {p.name: p.read_bytes() for p in sorted((tmp_path / j).iterdir())} for j in ("1", "3")
    )
    assert one == three


def test_a_comparison_is_computed_once_for_its_map_and_its_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import argmap.build as build

    calls: list[tuple[str, str]] = []
    real = build._compare

    def counted(*args: object, **kwargs: object) -> object:
        calls.append((str(args[1]), str(args[2])))
        time.sleep(0.05)  # long enough for both artifacts to ask at once
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(build, "_compare", counted)
    amap = check_paths([TWO_THESES]).amap
    artifacts = plan_artifacts(amap, evaluate_map(amap), dot_only=True)
    compared = [a for a in artifacts if a.path.startswith("compare-")]
    assert len(compared) == 2
    make_artifacts(compared, jobs=2)
    assert len(calls) == 1


@pytest.mark.parametrize("reserved", ["index", "overview", "compare-a-b", "Index", "OVERVIEW"])
def test_a_thesis_named_like_a_build_file_gets_files_of_its_own(reserved: str) -> None:
    from argmap.model import ArgumentMap, Claim, ClaimKind

    amap = ArgumentMap(
        claims=(
            Claim(id=reserved, kind=ClaimKind.THESIS, text="A thesis with a taken name."),
            Claim(id="other", kind=ClaimKind.THESIS, text="Another thesis."),
            Claim(id="r", text="A reason for both.", supports=(reserved, "other")),
        )
    )
    names = [a.path for a in plan_artifacts(amap, evaluate_map(amap), dot_only=True)]
    assert len({n.casefold() for n in names}) == len(names)
    assert f"{reserved}.thesis.md" in names and f"{reserved}.thesis.dot" in names
    assert "index.md" in names and "overview.dot" in names
    files = make_artifacts(plan_artifacts(amap, evaluate_map(amap), dot_only=True))
    index = files["index.md"].decode()
    assert f"]({reserved}.thesis.md)" in index and "](index.md)" not in index
    page = files[f"{reserved}.thesis.md"].decode()
    assert f"{reserved}.thesis.svg" in page


def test_two_files_of_one_name_refuse_the_build_and_write_nothing(tmp_path: Path) -> None:
    source = tmp_path / "m.json"
    source.write_text(
        '{"claims": [{"id": "A", "kind": "thesis", "text": "Upper."},'
        ' {"id": "a", "kind": "thesis", "text": "Lower."}]}',
        "utf-8",
    )
    out = tmp_path / "out"
    with pytest.raises(DataError, match=r"two files named 'a\.svg'"):
        build_paths([str(source)], out)
    assert not out.exists()


def test_a_parallel_build_starts_one_artifact_of_each_group_before_the_rest() -> None:
    from argmap.artifacts import _start_order

    groups = [object(), object(), object()]
    artifacts = [
        Artifact(f"{g}-{k}", lambda: b"", cost=10 * (g + 1), group=groups[g])
        for g in range(3)
        for k in range(4)
    ] + [Artifact("alone", lambda: b"", cost=15)]
    order = [artifacts[i].path for i in _start_order(artifacts)]
    # The costliest first, but no second map of a group before the first of every group.
    assert order[:4] == ["2-0", "1-0", "alone", "0-0"]
    assert sorted(order) == sorted(a.path for a in artifacts)
    assert order.index("2-1") > order.index("0-0")


def test_grouped_maps_of_a_parallel_build_are_laid_out_once_per_group(tmp_path: Path) -> None:
    amap = check_paths([TWO_THESES]).amap
    plan = plan_artifacts(amap, evaluate_map(amap), dot_only=True)
    grouped = [a for a in plan if a.group is not None]
    assert grouped and len({id(a.group) for a in grouped}) < len(grouped)
    assert make_artifacts(plan, jobs=2) == make_artifacts(
        plan_artifacts(amap, evaluate_map(amap), dot_only=True)
    )
