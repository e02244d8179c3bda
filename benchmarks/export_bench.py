"""Time the graph-file writers on the Ocean projection against the best peer for each file.

Each writer gets the actor projection (igraph) of the real Ocean registry and
is timed against a peer measured in the same run, on the same content:

* GraphML: igraph's C writer (``Graph.write_graphml``; its node ids are
  ``n0``, ``n1``... and its integers doubles, so it is the speed to meet, not
  the format we write);
* GEXF: ``networkx.write_gexf`` on a networkx graph built beforehand (not
  timed) from the same edge list and attributes;
* Kumu JSON: ``orjson.dumps`` of the very blueprint dict we write, plus the
  file write (our time also builds the dict);
* reading the graph into columns (:func:`ecosystem.export.graph_columns`),
  against building the networkx graph that the writers used before.

The best of ``--repeat`` runs is kept. Results go to ``benchmarks/results/``
(git-ignored): JSON and the table as Markdown.

    python -m benchmarks.export_bench            # needs ECOSYSTEM_DATA (default ../shared/data)
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

RESULTS = Path(__file__).parent / "results"


def best(fn: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` runs of ``fn``, in seconds."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def nx_graph(cols):
    """A networkx graph with the same nodes, edges and attributes as ``cols`` (the peer's input)."""
    import networkx as nx

    h = nx.DiGraph() if cols.directed else nx.Graph()
    h.add_nodes_from((n, {k: c.values[i] for k, c in cols.nodes.items() if c.present[i]})
                     for i, n in enumerate(cols.ids))
    h.add_edges_from((cols.ids[a], cols.ids[b],
                      {k: c.values[j] for k, c in cols.edges.items() if c.present[j]})
                     for j, (a, b) in enumerate(zip(cols.source.tolist(), cols.target.tolist())))
    return h


def main(argv: list[str] | None = None) -> int:
    import networkx as nx
    import orjson

    from benchmarks.stages import load_ocean
    from ecosystem.export import (
        graph_columns,
        graph_for_export,
        write_gexf,
        write_graphml,
        write_kumu,
    )
    from ecosystem.export.kumu import kumu_blueprint
    from ecosystem.graphs import actor_projection

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    g = actor_projection(load_ocean(), weight="newman")
    cols = graph_columns(g)
    h = nx_graph(cols)
    blueprint = kumu_blueprint(cols)
    out = Path(tempfile.mkdtemp(prefix="export-bench-"))
    rows = [
        ("read into columns", "graph_columns",
         lambda: graph_columns(g),
         "networkx graph (graph_for_export)", lambda: graph_for_export(g)),
        ("GEXF", "write_gexf",
         lambda: write_gexf(cols, out / "a.gexf"),
         "networkx.write_gexf", lambda: nx.write_gexf(h, out / "p.gexf", version="1.2draft")),
        ("GraphML", "write_graphml",
         lambda: write_graphml(cols, out / "a.graphml"),
         "igraph Graph.write_graphml (C)", lambda: g.write_graphml(str(out / "p.graphml"))),
        ("Kumu JSON", "write_kumu",
         lambda: write_kumu(cols, out / "a.json"),
         "orjson.dumps of the same dict", lambda: (out / "p.json").write_bytes(
             orjson.dumps(blueprint))),
    ]
    head = f"Ocean actor projection: {g.vcount():,} nodes, {g.ecount():,} edges; best of " \
           f"{args.repeat}"
    lines = [head, "", "| file | ours | s | peer | s | ours / peer |", "|---|---|---|---|---|---|"]
    results = {"nodes": g.vcount(), "edges": g.ecount(), "repeat": args.repeat, "rows": []}
    total = peer_total = 0.0
    for what, ours, fn, peer, peer_fn in rows:
        t, tp = best(fn, args.repeat), best(peer_fn, args.repeat)
        total, peer_total = total + t, peer_total + tp
        lines.append(f"| {what} | {ours} | {t:.3f} | {peer} | {tp:.3f} | {t / tp:.2f} |")
        results["rows"].append({"file": what, "ours": t, "peer": peer, "peer_seconds": tp})
    lines.append(f"| all | | {total:.3f} | | {peer_total:.3f} | {total / peer_total:.2f} |")
    print("\n".join(lines))
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"export-{stamp}.json").write_text(json.dumps(results, indent=1))
    (RESULTS / f"export-{stamp}.md").write_text("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
