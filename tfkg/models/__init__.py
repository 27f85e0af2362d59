"""Models: one registry from name to class (``MODELS``); every class implements ``tfkg.models.base``.

A new model is a module (or a sub-package for a family with internals, like ``ens/``) plus one line
here plus a three-line test case (``tests/models/test_cases.py``); the harness, ``tfkg evaluate`` and
``tfkg predict`` pick it up by name.
"""

from __future__ import annotations

from pathlib import Path

from tfkg.models.base import ExpressionPredictor, LinkPredictor, Model, ParamError, PerturbationPredictor, expression_io
from tfkg.registry import Registry

MODELS: Registry[type[Model]] = Registry(
    "model",
    {
        # link prediction
        "random": "tfkg.models.baselines:RandomScore",
        "degree": "tfkg.models.baselines:DegreeProduct",
        "prior": "tfkg.models.baselines:TrainingPrior",
        "edge-prior": "tfkg.models.baselines:EdgePrior",
        "pcc": "tfkg.models.coexpression:PearsonAbs",
        "genie3": "tfkg.models.coexpression:GENIE3",
        "mi": "tfkg.models.coexpression:MutualInfo",
        "ens": "tfkg.models.ens:ENS",
        "hetnet-lr": "tfkg.models.hetnet:HetnetLR",
        "hetnet-gbm": "tfkg.models.hetnet:HetnetGBM",
        # expression
        "mean": "tfkg.models.expression_baselines:GeneMean",
        "ridge": "tfkg.models.expression_baselines:TFRidge",
        "prior-ridge": "tfkg.models.expression_baselines:PriorRidge",
        "svr": "tfkg.models.expression_baselines:TFSVR",
        "prior-gat": "tfkg.models.prior_gat:PriorGAT",
        "motif-rnn": "tfkg.models.motif_rnn:MotifRNN",
        # multi-task (link + knockout + expression) and its ablations
        "mtlgrn": "tfkg.models.mtlgrn:MTLGRN",
        "gat": "tfkg.models.mtlgrn:GAT",
        "feature-mlp": "tfkg.models.mtlgrn:FeatureMLP",
        "ko-mlp": "tfkg.models.mtlgrn:KOMLP",
        # BEELINE: GNT and its supervised peer
        "gnt": "tfkg.models.gnt:GNT",
        "genelink": "tfkg.models.mtlgrn:GENELink",
        # perturbation
        "no-change": "tfkg.models.perturbation_baselines:NoChange",
        "mean-ko": "tfkg.models.perturbation_baselines:MeanEffect",
        "additive": "tfkg.models.perturbation_baselines:Additive",
        "linear": "tfkg.models.perturbation_baselines:LinearEffect",
        "linear-propagation": "tfkg.models.perturbation_baselines:LinearPropagation",
    },
)


def get(name: str) -> type[Model]:
    return MODELS.get(name)


def create(name: str, **params) -> Model:
    return MODELS.get(name)(**params)


def load(path: Path | str, device: str | None = "cpu") -> Model:
    """A model saved with ``Model.save`` (its class is looked up by the saved name)."""
    import json

    name = json.loads((Path(path) / "model.json").read_text())["name"]
    return MODELS.get(name).load(path, device=device)


__all__ = [
    "MODELS",
    "Model",
    "LinkPredictor",
    "ExpressionPredictor",
    "PerturbationPredictor",
    "ParamError",
    "expression_io",
    "get",
    "create",
    "load",
]
