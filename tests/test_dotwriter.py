"""argmap's DOT writer writes what the graphviz Python package writes for the same calls.

The package is a development dependency only, kept for this comparison: the views build
their DOT text with ``argmap.render.dotwriter``, and the golden files hold that text.
"""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import graphviz
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.render.dotwriter import Digraph, attr_list, nohtml, quote

from .conftest import ROOT

#: Text full of what DOT quoting cares about: quotes, backslashes, brackets, keywords, digits.
PIECES = st.sampled_from(
    [
        '"',
        "\\",
        "\\\\",
        '\\"',
        "<",
        ">",
        "<b>x</b>",
        " ",
        "\n",
        "-",
        ".",
        "0",
        "42",
        "4.2",
        "node",
        "Graph",
        "strict",
        "a",
        "Z_9",
        "é",
        "&amp;",
        ":",
        "{",
        "}",
        "=",
        ";",
        "",
    ]
)
TEXT = st.one_of(st.text(max_size=12), st.lists(PIECES, max_size=6).map("".join))
NAME = st.from_regex(r"[a-z][a-z0-9_-]{0,8}", fullmatch=True)


def theirs(text: str) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # their warning on a final odd backslash
        return str(graphviz.quoting.quote(text))


@settings(max_examples=500)
@given(TEXT)
def test_quoting_is_the_graphviz_packages(text: str) -> None:
    assert quote(text) == theirs(text)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert quote(nohtml(text)) == str(graphviz.quoting.quote(graphviz.nohtml(text)))


@settings(max_examples=200)
@given(st.one_of(st.none(), TEXT), st.dictionaries(NAME, st.one_of(TEXT, st.none()), max_size=4))
def test_attribute_lists_are_the_graphviz_packages(
    label: str | None, attrs: dict[str, str | None]
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert attr_list(label, attrs) == graphviz.quoting.attr_list(label, kwargs=attrs)


#: Attribute names that can be passed as keywords: not the names of the graphviz package's
#: own parameters (``attr(kw, ...)``, ``node(name, label, _attributes, ...)``).
KEYWORD = NAME.filter(lambda k: k not in {"kw", "name", "label", "_attributes"})


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(st.none(), NAME),
    st.one_of(st.none(), TEXT.filter(lambda t: "\n" not in t)),
    st.lists(st.dictionaries(KEYWORD, TEXT, max_size=3), min_size=3, max_size=3),
    st.lists(
        st.tuples(NAME, st.one_of(st.none(), TEXT), st.dictionaries(KEYWORD, TEXT, max_size=2)),
        max_size=4,
    ),
    st.dictionaries(KEYWORD, TEXT, max_size=3),
    st.one_of(st.none(), NAME),
)
def test_a_graph_is_the_graphviz_packages(
    name: str | None,
    comment: str | None,
    defaults: list[dict[str, str]],
    nodes: list[tuple[str, str | None, dict[str, str]]],
    plain: dict[str, str],
    sub_name: str | None,
) -> None:
    graph_attr, node_attr, edge_attr = defaults
    ours = Digraph(
        name, comment=comment, graph_attr=graph_attr, node_attr=node_attr, edge_attr=edge_attr
    )
    them = graphviz.Digraph(
        name=name, comment=comment, graph_attr=graph_attr, node_attr=node_attr, edge_attr=edge_attr
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for graph in (ours, them):
            graph.attr(**plain)
            graph.attr("node", **node_attr)
            for node, label, attrs in nodes:
                graph.node(node, label=label, **attrs)
            graph.body.append('\t"a" -> "b" [style=invis]\n')
        with ours.subgraph(name=sub_name) as inner:
            inner.attr(rank="sink")
            for node, _, _ in nodes:
                inner.node(node)
        with them.subgraph(name=sub_name) as other:
            other.attr(rank="sink")
            for node, _, _ in nodes:
                other.node(node)
        cluster, their_cluster = Digraph("cluster_x"), graphviz.Digraph(name="cluster_x")
        for graph in (cluster, their_cluster):
            graph.attr(label=nohtml("a <b> c") if graph is cluster else graphviz.nohtml("a <b> c"))
        ours.add_subgraph(cluster)
        them.subgraph(their_cluster)
        assert ours.source == them.source  # theirs quotes the defaults here, and may warn


def test_an_attribute_statement_names_graph_node_or_edge() -> None:
    with pytest.raises(ValueError, match="must target graph, node, or edge: 'nodes'"):
        Digraph().attr("nodes", color="red")
    graph = Digraph()
    graph.attr("edge")
    assert graph.body == []  # no attributes, no statement


@pytest.mark.dot
def test_a_render_or_a_build_loads_no_graphviz_package(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from argmap.cli import main\n"
        "try:\n    main(sys.argv[1:])\n"
        "except SystemExit:\n    pass\n"
        "print('graphviz' in sys.modules)\n"
    )
    out = tmp_path / "map.dot"
    done = subprocess.run(
        [sys.executable, "-c", code, "render", str(ROOT / "claims"), "-f", "dot", "-o", str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "False"
    assert out.read_text("utf-8").startswith("// ")
    built = subprocess.run(
        [sys.executable, "-c", code, "build", str(ROOT / "claims"), "-o", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert built.stdout.strip().splitlines()[-1] == "False"
    assert (tmp_path / "site" / "index.md").is_file()
