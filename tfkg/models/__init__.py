"""Link-prediction models: a registry from name to class, all implementing :class:`LinkPredictor`.

A new model is one module here plus one line in ``MODELS``; the evaluation harness, ``tfkg train`` and
``tfkg predict`` pick it up by name.
"""
from __future__ import annotations

from importlib import import_module

from tfkg.models.base import LinkPredictor

MODELS: dict[str, str] = {
    "random": "tfkg.models.baselines:RandomScore",
    "degree": "tfkg.models.baselines:DegreeProduct",
    "ens": "tfkg.models.ens:ENS",
    "prior": "tfkg.models.prior:TrainingPrior",
}


def get(name: str) -> type[LinkPredictor]:
    if name not in MODELS:
        raise KeyError(f"unknown model {name!r}; known: {', '.join(MODELS)}")
    module, cls = MODELS[name].split(":")
    return getattr(import_module(module), cls)


def create(name: str, **params) -> LinkPredictor:
    return get(name)(**params)
