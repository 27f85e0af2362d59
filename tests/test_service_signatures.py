"""Service functions (what the CLI, notebooks and benchmarks call) take at most three positional parameters; the
rest are keyword-only, so a call reads ``predict_top_k(g, "ens", params, per_tf=100)`` and a new parameter cannot
shift an old call's meaning (scanpy's rule).

The services are the functions in each service module's ``__all__`` (a new service: add it there; a new service
module: add it to ``SERVICE_MODULES``)."""

from __future__ import annotations

import importlib
import inspect

import pytest

SERVICE_MODULES = [
    "tfkg.predict",
    "tfkg.explain",
    "tfkg.analysis.network",
    "tfkg.analysis.simulate",
    "tfkg.analysis.validate",
    "tfkg.eval.beeline",
    "tfkg.eval.edges",
    "tfkg.eval.knockouts",
    "tfkg.eval.harness",
    "tfkg.activity",
]


def _services(module: str) -> list[str]:
    mod = importlib.import_module(module)
    names = getattr(mod, "__all__", None)
    assert names, f"{module}: list its services in __all__"
    return [n for n in names if inspect.isfunction(getattr(mod, n))]


SERVICES = [(m, n) for m in SERVICE_MODULES for n in _services(m)]


def test_every_service_module_lists_services():
    assert {m for m, _ in SERVICES} == set(SERVICE_MODULES)
    assert ("tfkg.eval.knockouts", "run_benchmark") in SERVICES


@pytest.mark.parametrize("module,name", SERVICES)
def test_at_most_three_positional_parameters(module, name):
    fn = getattr(importlib.import_module(module), name)
    positional = [
        p.name for p in inspect.signature(fn).parameters.values() if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    assert len(positional) <= 3, f"{module}.{name}: make {positional[3:]} keyword-only (add `*,`)"
