"""``tfkg explain TF TARGET``: the evidence for one pair, read from the graph, in sentences.

A service module (the CLI prints it): curated edges, each run's prediction with its per-TF rank and
percentile, shared diseases by name, motif-prior hits, similar TFs that regulate the target, and knockouts
of the TF (measured or simulated) with their effect on the target.
"""

from __future__ import annotations

from tfkg.errors import NotFoundError
from tfkg.graph.db import Graph

WORDS = {1: "activation", -1: "repression"}


def explain(graph: Graph, tf: str, target: str, *, species: str = "human") -> list[str]:
    r = graph.run("explain_pair", tf=tf, target=target, species=species)[0]
    missing = [s for s, found in ((tf, r["tf_found"]), (target, r["target_found"])) if not found]
    if missing:
        raise NotFoundError(
            f"no {species} gene {' or '.join(repr(m) for m in missing)} in the graph "
            "(symbols match in any case; is the species right? --species mouse for Stat3)"
        )
    name = f"{r['tf']} -> {r['target']}"
    out = [f"Evidence for {name} ({species}):"]
    known = r["known"]
    signs = {k.get("sign") for k in known} - {None, 0}
    curated_sign = signs.pop() if len(signs) == 1 else None
    out.append(
        "- curated: "
        + ("; ".join(_curated(k) for k in known) if known else "not a known edge in any curated source (a novel pair)")
    )
    if r["predictions"]:
        for p in sorted(r["predictions"], key=lambda p: p["rank"] or 0):
            where = (
                f"#{p['tf_rank']} of {r['tf']}'s predicted targets, above {p['percentile']:.1f}% of its candidates"
                if p.get("tf_rank") is not None
                else f"global rank {p['rank']}"
            )
            mode = {1: "; predicted to activate", -1: "; predicted to repress"}.get(p.get("sign"), "")
            out.append(f"- predicted by run {p['run_id']} ({p['model']}): {where}; score {p['score']:.3g}{mode}")
            if p.get("evidence"):
                out.append(f"  model's reasons: {'; '.join(p['evidence'])}")
    else:
        out.append("- predicted by no run")
    d = r["shared_diseases"]
    out.append(f"- shared diseases: {len(d)}" + (": " + ", ".join(d[:8]) + (" …" if len(d) > 8 else "") if d else ""))
    out.append("- motif prior: " + (", ".join(r["motif_prior"]) if r["motif_prior"] else "no motif-prior hit"))
    if r["similar_tfs"]:
        out.append(
            f"- TFs sharing targets with {r['tf']} that regulate {r['target']}: "
            + ", ".join(f"{s['tf']} ({s['shared_targets']} shared)" for s in r["similar_tfs"])
        )
    for k in r["knockouts"]:
        kind = "simulated" if k["simulated"] else "measured"
        padj = f", padj {k['padj']:.2g}" if k.get("padj") is not None else ""
        effect = (
            "knocked out, no significant change"
            if k["effect"] is None
            else f"log2FC knockout vs control {k['effect']:+.3g}"
            if not k["simulated"]
            else f"change {k['effect']:+.3g}"
        )
        ctx = f" ({k['context']})" if k.get("context") else ""
        if k["effect"] and not k["simulated"] and curated_sign:
            # losing an activator should lower its target, losing a repressor raise it
            agrees = (k["effect"] < 0) == (curated_sign > 0)
            padj += (
                f"; agrees with the curated {WORDS[curated_sign]}"
                if agrees
                else f"; DISAGREES with the curated {WORDS[curated_sign]}"
            )
        out.append(f"- {kind} knockout {k['experiment']}{ctx}: {effect} in {r['target']}{padj}")
    if not r["knockouts"]:
        out.append(f"- no knockout of {r['tf']} in the graph")
    return out


def _curated(k: dict) -> str:
    """'TRRUST (activation ×8, repression ×3; 20 PMIDs)': every mode the records give, with its PubMed count."""
    modes, counts = k.get("modes") or [], k.get("mode_pmids")
    if len(modes) > 1:
        mode = ", ".join(f"{m} ×{n}" for m, n in zip(modes, counts)) if counts else ", ".join(modes)
    else:
        mode = WORDS.get(k.get("sign") or 0) or k.get("mode") or ""
        mode = mode if mode and mode != "unknown" else ""
    n = k.get("n_pmids") or 0
    pmids = f"{n} PMID{'s' if n != 1 else ''}" if n else ""
    inner = "; ".join(x for x in (mode, pmids) if x)
    return k["source"] + (f" ({inner})" if inner else "")
