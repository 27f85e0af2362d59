"""The tfkg Browser guide: one slide per step, each step one shipped named query that runs in one click.

The guide is generated from the named queries themselves (their first comment line explains the step), so a
query and its guide step cannot drift apart. Browser needs every ``$parameter`` of a query set, so the first
step sets all of them (:data:`GUIDE_PARAMS`); optional ones are null and the queries fill in their defaults.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from importlib import resources

from tfkg import cypher
from tfkg.errors import UnknownNameError

# Every parameter a guide step uses. Browser sends numbers from `:params {…}` as floats: the queries take
# integers through toInteger. Optional parameters are null (the query's default applies).
GUIDE_PARAMS: dict[str, object] = {
    "tf": "STAT3",
    "species": "human",
    "run_id": None,
    "target": None,
    "limit": 10,
    "walks": 3,
    "length": 9,
    "dataset": None,
    "source": None,
    "module": None,
    "gene": None,
    "model": None,
    "experiment": None,
    "regulons": None,
    "contrast_id": None,
}


@dataclass(frozen=True)
class Step:
    title: str
    text: str
    query: str  # a named query


STEPS = [
    Step(
        "The TF's predicted and known targets",
        "One run's predictions (<code>run</code> names it: the pinned default run, <code>tfkg runs default RUN</code>, "
        "else the newest covering the TF; <code>run_about</code> says what it is; set <code>run_id</code> for another), "
        "best per-TF rank first, each <code>predicted, novel</code>, <code>predicted, known</code> (literature-curated: "
        "TRRUST, CollecTRI, OmniPath, DoRothEA A-C) or <code>predicted, known in mouse</code> (one mouse gene maps to one "
        "human gene: a paralog family is never fanned out), then the TF's known targets not predicted, most cited first. "
        "<code>predicted_mode</code>: the model's sign only where its sign head is confident, flagged where it CONFLICTS "
        "with <code>curated_mode</code>; <code>knockout</code>: in the TF's measured knockouts, how many agree, disagree "
        "or left the target unchanged, then the changes; <code>other_sources</code>: edges that are not literature "
        "(benchmark ground truths, data-derived DoRothEA D/E), never counted as known.",
        "tf_predictions",
    ),
    Step(
        "The same as a graph",
        "Predicted edges (orange, captioned with the per-TF rank) beside literature-curated edges (grey, captioned with "
        "their source). Switch to the Graph view if Browser opens the table.",
        "tf_prediction_graph",
    ),
    Step(
        "Why does a model predict this edge?",
        "The evidence for the run's best prediction for the TF (set <code>target</code> to ask about another), from the "
        "same run as step 1: what the run is, curated sources (and, apart, edges that are not literature), the mouse "
        "claim, the prediction with its stated sign, how many other runs predict it, ENCODE ChIP peaks (cell lines), "
        "ARCHS4 co-expression (rank), shared diseases, motif-prior hits and the TF's knockouts.",
        "explain_pair_rows",
    ),
    Step(
        "Which TFs regulate this gene?",
        "Start from a target (<code>:param gene =&gt; 'VEGFA'</code>; null: the TF's most cited curated target): its "
        "literature-curated regulators, "
        "most cited first, then the TFs the run predicts for it, each with the gene's rank among that TF's predictions "
        "and how many of the run's TFs predict the gene at all (a hub target that every TF 'regulates' says so).",
        "gene_regulators",
    ),
    Step(
        "Measured knockouts of the TF",
        "Every measured knockout of the TF, flags first: how many of its known targets changed with the curated sign, "
        "against it (DISAGREES) or not at all; then the known and predicted targets that changed (log2FC knockout vs "
        "control), the strongest changes and the experiment. The knocked-out gene itself is never counted as a target. "
        "A TF without a knockout gets one row that says so.",
        "tf_knockouts",
    ),
    Step(
        "Which TFs changed in this knockout?",
        "One measured knockout (a knockout of the TF when the graph has one; set <code>experiment</code> for another): "
        "the TFs whose own expression changed most, each with its number of curated targets and, where "
        "<code>tfkg benchmark knockouts</code> wrote them, its inferred activity rank. The knocked-out gene is named "
        "apart, never listed as a change.",
        "knockout_changed_tfs",
    ),
    Step("Curated targets", "The TF's known targets with their source, mode and PubMed ids.", "tf_targets"),
    Step("Diseases shared with its targets", "DisGeNET diseases the TF shares with its known targets.", "shared_diseases"),
    Step(
        "ENS: meta-path walks",
        "Random walks TF - Target - Disease - Target - TF from the TF, in Cypher: the sentences ENS learns its embeddings from.",
        "sample_walks",
    ),
    Step(
        "ENS: enhanced negatives",
        "Which unobserved targets the TF reaches along the meta-path, and the rest, "
        "from which ENS samples its training negatives.",
        "ens_negatives",
    ),
    Step(
        "A module of a learned network",
        "The largest Louvain module of the newest analysed run "
        "(<code>tfkg analyze network</code>), drawn with its strongest predicted edges.",
        "module_hubs",
    ),
    Step(
        "A simulated knockout beside the measured one",
        "The newest in-silico knockout "
        "(<code>tfkg simulate knockout</code>), gene by gene, beside the measured change of the same gene.",
        "simulated_vs_measured",
    ),
    Step(
        "Which TF lost activity in a knockout?",
        "For one knockout (a knockout of the TF if the graph has one), "
        "the TFs whose regulons say they lost most activity, per regulon set, from <code>tfkg benchmark knockouts"
        "</code>. A regulon set that knows the TF's own targets puts the knocked-out TF (<code>perturbed</code>) "
        "at rank 1; hub-only regulons put it anywhere. Set <code>experiment</code> to pick another knockout.",
        "knockout_tf_activities",
    ),
    Step(
        "The TF's activity across all knockouts",
        "The TF's inferred loss of activity in every knockout, its own "
        "knockouts first: a TF-specific regulon ranks it near 1 there and low elsewhere. Set <code>regulons</code> "
        "(e.g. <code>'collectri'</code>) to see one set.",
        "tf_knockout_activity",
    ),
    Step(
        "Which TFs drive this contrast?",
        "Your experiment's TFs (<code>tfkg activity … --write</code>; the newest contrast unless "
        "<code>contrast_id</code> names another): the top TFs by consensus across the evidence layers, each with its "
        "rank in every layer (curated sources, ENCODE ChIP, ARCHS4 co-expression, model runs).",
        "contrast_activities",
    ),
    Step(
        "Why this TF?",
        "The targets that drive the TF's score in the contrast (<code>tf</code> when tfkg activity explained it, "
        "else the contrast's top TF): each gene's statistic, the edge's sign, whether the gene moved that way, the "
        "layers that hold the edge and the evidence in words.",
        "contrast_drivers",
    ),
    Step(
        "Model runs",
        "Every run, newest first, with the predicted edges it wrote; "
        "<code>tfkg validate knockouts --run RUN</code> checks a run's novel predictions against measured knockouts.",
        "list_runs",
    ),
    Step("What is in the graph", "Nodes per label: genes and TFs, diseases, motifs, knockouts, model runs.", "stats_labels"),
]


def params_command(params: dict[str, object] | None = None) -> str:
    """Browser's ``:params {…}`` command for the guide's parameters."""
    items = (params or GUIDE_PARAMS).items()
    return ":params {" + ", ".join(f"{k}: {json.dumps(v)}" for k, v in items) + "}"


def query_body(name: str) -> str:
    """The named query without its comment lines (its header becomes the step's text)."""
    return "\n".join(line for line in cypher.load(name).splitlines() if not line.strip().startswith("//")).strip()


def cypher_literal(value: object) -> str:
    """A Cypher literal for a string, number, boolean or null (strings single-quoted, \\ and ' escaped)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    raise TypeError(f"no Cypher literal for {type(value).__name__}")


def with_values(name: str, params: dict[str, object]) -> str:
    """A named query with its parameters written in as literals (null where not given): one statement a person
    pastes into Browser and sees the table of. Display text for people; tfkg itself always sends parameters."""
    unknown = set(params) - set(cypher.parameters(name))
    if unknown:
        raise UnknownNameError(f"query {name!r} has no parameter(s) {', '.join(sorted(unknown))}")
    return re.sub(r"\$([A-Za-z_][A-Za-z0-9_]*)", lambda m: cypher_literal(params.get(m.group(1))), query_body(name))


def _runnable(text: str) -> str:
    return f'<pre class="pre-scrollable code runnable">{html.escape(text)}</pre>'


def render() -> str:
    """The guide as HTML in Browser's format (one ``<slide>`` per step)."""
    slides = [
        "<slide><h3>tfkg: transcription-factor regulation in one graph</h3>"
        "<p>Each step below runs with one click on its play icon. The parameters every step uses were set when "
        "you logged in (optional ones are null; the queries fill in defaults); this resets them:</p>"
        + _runnable(params_command())
        + "<p>Then go to the next slide. Ask about another TF with "
        "<code>:param tf =&gt; 'FOXP3'</code> (any case: <code>foxp3</code> works).</p></slide>"
    ]
    for i, s in enumerate(STEPS, 1):
        slides.append(
            f"<slide><h3>{i}. {html.escape(s.title)}</h3><p>{s.text}</p>"
            f"{_runnable(query_body(s.query))}"
            f"<p><small>named query <code>{s.query}</code>: <code>tfkg query {s.query}</code> "
            f"on the command line</small></p></slide>"
        )
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>tfkg</title></head><body>'
        '<article class="guide"><carousel class="deck container-fluid">' + "".join(slides) + "</carousel></article></body></html>"
    )


def stylesheet() -> str:
    """The tfkg Browser stylesheet (GraSS)."""
    return resources.files(__package__).joinpath("tfkg.grass").read_text()
