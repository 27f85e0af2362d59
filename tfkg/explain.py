"""``tfkg explain TF TARGET``: the evidence for one pair, read from the graph, in sentences.

A service module (the CLI prints it) over the Browser's own ``explain_pair_rows`` query, so the command line and the
guide say the same: the run it follows, curated edges (and, apart, edges that are not literature), the mouse claim,
the run's prediction with its stated sign, ChIP, co-expression, shared diseases, motif-prior hits and knockouts.
"""

from __future__ import annotations

from neo4j.exceptions import ClientError

from tfkg.errors import NotFoundError
from tfkg.graph.db import Graph

HINT = " (symbols match in any case; is the species right? --species mouse for Stat3)"

# the services this module offers (keyword-only beyond three parameters: tests/test_service_signatures.py)
__all__ = ["explain"]


def explain(graph: Graph, tf: str, target: str, *, species: str = "human", run_id: str | None = None) -> list[str]:
    try:
        rows = graph.run("explain_pair_rows", tf=tf, target=target, species=species, run_id=run_id)
    except ClientError as e:
        if "tfkg: no gene" in str(e) or "tfkg: no run" in str(e):
            raise NotFoundError(_said(e) + HINT) from None
        raise
    if any(r["evidence"] == "nothing to explain" for r in rows):
        raise NotFoundError(f"no {species} gene {target!r} in the graph" + HINT)
    out = [f"Evidence for {rows[0]['tf']} -> {rows[0]['target']} ({species}):"]
    for r in rows:
        out.append(f"- {r['evidence']}" + (f" ({r['source']})" if r["source"] else "") + f": {r['detail']}")
    return out


def _said(e: ClientError) -> str:
    msg = str(e.message or e)
    return msg[msg.index("tfkg: ") + 6 :].split("\n")[0] if "tfkg: " in msg else msg
