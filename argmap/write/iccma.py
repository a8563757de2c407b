"""Writers for ICCMA frameworks (``apx`` and the 2023 numeric format) of a map's attack graph.

Supports have no place in these formats, so the map is flattened first (see
``argmap.semantics.bipolar``) and a comment line names the support reading used. Claim
text is not written: ICCMA frameworks carry names only.
"""

from __future__ import annotations

from argmap.evaluate import DEFAULT_SUPPORT, attack_framework
from argmap.model import ArgumentMap

__all__ = ["render_apx", "render_i23"]


def _header(amap: ArgumentMap, support: str) -> str:
    supports = sum(len(c.supports) for c in amap.claims)
    if support == "none":
        how = "supports ignored"
    else:
        how = f"supports flattened into attacks, {support} reading"
    return f"{how} ({supports} support{'s' if supports != 1 else ''} in the map)"


def render_apx(amap: ArgumentMap, support: str = DEFAULT_SUPPORT) -> str:
    """The map's attack graph as ``apx``: ``arg(id).`` per claim, ``att(a,b).`` per attack.

    Raises:
        UsageError: for an unknown support reading.
    """
    fw = attack_framework(amap, support)
    lines = [f"% argmap attack graph: {_header(amap, support)}"]
    lines += [f"arg({name})." for name in fw.names]
    lines += [f"att({fw.names[a]},{fw.names[b]})." for a, b in fw.edges()]
    return "\n".join(lines) + "\n"


def render_i23(amap: ArgumentMap, support: str = DEFAULT_SUPPORT) -> str:
    """The map's attack graph in the ICCMA 2023 format, claims numbered in id order.

    A ``#`` comment line per claim maps its number to its id.

    Raises:
        UsageError: for an unknown support reading.
    """
    fw = attack_framework(amap, support)
    lines = [f"p af {fw.n}", f"# argmap attack graph: {_header(amap, support)}"]
    lines += [f"# {i} {name}" for i, name in enumerate(fw.names, start=1)]
    lines += [f"{a + 1} {b + 1}" for a, b in fw.edges()]
    return "\n".join(lines) + "\n"
