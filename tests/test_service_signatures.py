"""Service functions (what the CLI, notebooks and benchmarks call) take at most three positional parameters; the
rest are keyword-only, so a call reads ``predict_top_k(g, "ens", params, per_tf=100)`` and a new parameter cannot
shift an old call's meaning (scanpy's rule)."""

from __future__ import annotations

import importlib
import inspect

import pytest

SERVICES = {
    "tfkg.predict": ["predict_top_k", "predict_learned_edges", "case_study"],
    "tfkg.explain": ["explain"],
    "tfkg.analysis.network": ["analyze"],
    "tfkg.analysis.simulate": ["simulate_knockout"],
    "tfkg.analysis.validate": ["validate_knockouts"],
    "tfkg.eval.beeline": ["run_benchmark"],
    "tfkg.eval.edges": ["edge_recovery"],
    "tfkg.eval.knockouts": ["benchmark"],
    "tfkg.eval.harness": ["evaluate"],
    "tfkg.activity": ["run"],
}


@pytest.mark.parametrize("module,name", [(m, n) for m, names in SERVICES.items() for n in names])
def test_at_most_three_positional_parameters(module, name):
    fn = getattr(importlib.import_module(module), name)
    positional = [
        p.name for p in inspect.signature(fn).parameters.values() if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    assert len(positional) <= 3, f"{module}.{name}: make {positional[3:]} keyword-only (add `*,`)"
