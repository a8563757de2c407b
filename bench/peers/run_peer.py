"""Runs one semantics task of a peer library on an apx file; prints one JSON line.

Run with the peer's own interpreter: bench/.peers/<peer>/bin/python run_peer.py PEER TASK FILE
TASK is grounded, preferred-first, preferred-all or stable-all. The time covers building
the peer's framework object and the task, not importing the peer or reading the file.
afsolver is installed by setup.sh when the Python allows (it needs 3.13) but has no adapter
here: bench_semantics.py reports it as not run, with the reason. Output:
{"seconds": float, "count": number of extensions, "size": size of the first one}
or {"error": "..."} when the peer cannot do the task.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def read_apx(path):
    args, atts = [], []
    with Path(path).open() as handle:
        for line in handle:
            line = line.strip()
            if line.startswith("arg("):
                args.append(line[4:-2])
            elif line.startswith("att("):
                a, b = line[4:-2].split(",")
                atts.append((a, b))
    return args, atts


def formal_argumentation(task):
    from argumentation.core import dung

    def run(args, atts):
        af = dung.ArgumentationFramework(arguments=frozenset(args), defeats=frozenset(atts))
        if task == "grounded":
            return [dung.grounded_extension(af)]
        if task == "preferred-first":
            return dung.preferred_extensions(af)[:1]
        if task == "preferred-all":
            return dung.preferred_extensions(af)
        return dung.stable_extensions(af)

    return run


def python_argumentation(task):
    from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import (
        AbstractArgumentationFramework,
    )
    from py_arg.abstract_argumentation_classes.argument import Argument
    from py_arg.abstract_argumentation_classes.defeat import Defeat
    from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension
    from py_arg.algorithms.semantics.get_preferred_extensions import get_preferred_extensions
    from py_arg.algorithms.semantics.get_stable_extensions import get_stable_extensions

    def run(args, atts):
        objs = {name: Argument(name) for name in args}
        defeats = [Defeat(objs[a], objs[b]) for a, b in atts]
        af = AbstractArgumentationFramework("bench", list(objs.values()), defeats)
        if task == "grounded":
            return [get_grounded_extension(af)]
        if task == "preferred-first":
            return list(get_preferred_extensions(af))[:1]
        if task == "preferred-all":
            return list(get_preferred_extensions(af))
        return list(get_stable_extensions(af))

    return run


def pygarg(task):
    from pygarg.dung import solver

    def run(args, atts):
        pairs = [[a, b] for a, b in atts]
        if task == "grounded":
            return [solver.compute_grounded_extension(args, pairs)]
        if task == "preferred-first":
            return [solver.compute_some_extension(args, pairs, "PR")]
        if task == "preferred-all":
            return solver.extension_enumeration(args, pairs, "PR")
        return solver.extension_enumeration(args, pairs, "ST")

    return run


PEERS = {
    "formal-argumentation": formal_argumentation,
    "python-argumentation": python_argumentation,
    "pygarg": pygarg,
}


def main():
    peer, task, path = sys.argv[1:4]
    args, atts = read_apx(path)
    try:
        run = PEERS[peer](task)
        start = time.perf_counter()
        found = run(args, atts)
        seconds = time.perf_counter() - start
    except Exception as exc:  # a peer's failure is a result to report, not a crash
        print(json.dumps({"error": f"{type(exc).__name__}: {exc}"[:200]}))
        return
    first = len(found[0]) if found else 0
    print(json.dumps({"seconds": seconds, "count": len(found), "size": first}))


if __name__ == "__main__":
    main()
