"""The model contract: one ``Model`` base that owns the lifecycle, and one subclass per task.

``Model`` owns typed, validated parameters (a ``Params`` dataclass per model, named ``PRESETS`` where a
model has them), the device, ``save``/``load`` and the paper ``citation``. The tasks:

* :class:`LinkPredictor`         ``score(pairs)`` -> one score per (tf index, target index); ``score_matrix``.
* :class:`ExpressionPredictor`   ``predict_expression(inputs)``: held-out samples' target-gene expression
                                 from their TF expression (rows given by :func:`expression_io`).
* :class:`PerturbationPredictor` ``predict_effects(perturbed)``: a held-out experiment's change from
                                 control for every gene, given the perturbed gene.

Capabilities beyond the tasks are declared mixins, not ``hasattr`` guesses: :class:`Explains` (``evidence``:
the reasons for a pair, in words), :class:`Signed` (``signs``: activates / represses), :class:`LearnsEdges`
(``learned_edges``: weights that are edges, written as a network) and :class:`ShowsTraining` (``plot_training``).
``Model.capabilities()`` names them; ``tfkg models NAME`` prints them.

A model may implement several tasks (subclass several). ``fit(snapshot, train_negatives, seed)`` is the one
training entry point for every task; it only ever sees a training snapshot (the harness checks that no
held-out edge, sample or experiment is in it), and the same scoring function serves evaluation and
write-back. ``requires`` names the snapshot modalities a model cannot work without (``tfkg.data.snapshot.MODALITIES``; a dataset
without one is an error naming the ingest that provides it), ``uses`` those it reads when the dataset has them.
"""

from __future__ import annotations

import dataclasses
import json
import re
import types
import typing
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from tfkg.data.snapshot import Snapshot
from tfkg.errors import InputError, ParamError


@dataclasses.dataclass(frozen=True)
class NoParams:
    pass


def _coerce(model: str, name: str, hint: Any, value: Any) -> Any:
    """``value`` checked against the type hint ``hint`` (int->float and list->tuple are allowed)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        errors = []
        for a in args:
            if a is type(None):
                continue
            try:
                return _coerce(model, name, a, value)
            except ParamError as e:
                errors.append(str(e))
        raise ParamError(f"{model}: parameter {name}={value!r} must be {_hint_name(hint)}")
    if origin is typing.Literal:
        if value in args:
            return value
        raise ParamError(f"{model}: parameter {name}={value!r} must be one of {', '.join(map(repr, args))}")
    if origin is tuple:
        if isinstance(value, str):
            value = [v for v in value.split(",") if v]
        if not isinstance(value, (list, tuple)):
            raise ParamError(f"{model}: parameter {name}={value!r} must be a list")
        inner = args[0] if args else Any
        return tuple(_coerce(model, name, inner, v) for v in value)
    if hint is Any:
        return value
    if hint is bool:
        if isinstance(value, bool):
            return value
    elif hint is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif hint is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    elif hint is str:
        if isinstance(value, str):
            return value
    elif isinstance(value, hint):
        return value
    raise ParamError(f"{model}: parameter {name}={value!r} must be {_hint_name(hint)}")


def _hint_name(hint: Any) -> str:
    return getattr(hint, "__name__", None) or str(hint).replace("typing.", "")


def build_params(cls: type, given: dict[str, Any], model: str) -> Any:
    """An instance of the ``Params`` dataclass ``cls`` from ``given``, type-checked field by field."""
    fields = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(set(given) - set(fields))
    if unknown:
        raise ParamError(f"{model}: unknown parameter(s) {', '.join(unknown)}; known: {', '.join(fields) or 'none'}")
    hints = typing.get_type_hints(cls)
    values = {k: _coerce(model, k, hints[k], v) for k, v in given.items()}
    params = cls(**values)
    check = getattr(params, "check", None)
    if check:
        check()
    return params


def resolve_device(device: str | None) -> str:
    import torch

    if device in (None, "auto"):
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise ParamError(f"device {device!r} asked for, but no CUDA device is available")
    if not (device == "cpu" or device.startswith("cuda")):
        raise ParamError(f"device must be cpu, cuda[:N] or auto, not {device!r}")
    return device


def param_help(params_cls: type) -> dict[str, str]:
    """Each field's help text, from the ``Params`` docstrings (``    name: text`` lines; base classes first, so a
    subclass may redefine an entry)."""
    out: dict[str, str] = {}
    for k in reversed(params_cls.__mro__):
        if not dataclasses.is_dataclass(k):
            continue
        cur = None
        for line in (k.__dict__.get("__doc__") or "").splitlines():
            if m := re.match(r"^ {4}(\w+): (.+)$", line):
                cur = m.group(1)
                out[cur] = m.group(2).strip()
            elif cur and re.match(r"^ {8}\S", line):
                out[cur] += " " + line.strip()
            else:
                cur = None
    return out


class Model(ABC):
    """Base of every model: parameters, presets, device, save/load, citation."""

    name: ClassVar[str]
    citation: ClassVar[str]  # the paper (or "baseline: ..." for trivial baselines)
    requires: ClassVar[frozenset[str]] = frozenset({"edges"})
    # modalities the model reads when the dataset has them (exported for it whatever it is compared with)
    uses: ClassVar[frozenset[str]] = frozenset()
    Params: ClassVar[type] = NoParams
    PRESETS: ClassVar[dict[str, dict[str, Any]]] = {}
    primary_task: ClassVar[str | None] = None  # chosen when a dataset offers several of the model's tasks
    _not_state: ClassVar[tuple[str, ...]] = ("params", "preset", "device", "timings")

    def __init__(self, preset: str | None = None, device: str | None = "cpu", **params: Any):
        if preset is not None:
            if not self.PRESETS:
                raise ParamError(f"{self.name} has no presets")
            if preset not in self.PRESETS:
                raise ParamError(f"{self.name}: unknown preset {preset!r}; known: {', '.join(self.PRESETS)}")
            params = {**self.PRESETS[preset], **params}
        self.params = build_params(self.Params, params, self.name)
        self.preset = preset
        self.device = resolve_device(device)
        self.timings: dict[str, float] = {}

    @classmethod
    def tasks(cls) -> list[str]:
        return [t.task for t in (LinkPredictor, ExpressionPredictor, PerturbationPredictor) if issubclass(cls, t)]

    @classmethod
    def capabilities(cls) -> list[str]:
        """The declared capability mixins (``evidence``, ``signs``, ``learned_edges``, ``plot_training``)."""
        return [c.capability for c in CAPABILITIES if issubclass(cls, c)]

    @abstractmethod
    def fit(self, snapshot: Snapshot, train_negatives: np.ndarray | None = None, seed: int = 0) -> "Model":
        """Train on a training snapshot (and, for link predictors, optional (N, 2) training negatives)."""

    # ---------------------------------------------------------------- persistence
    def state(self) -> dict[str, Any]:
        """What ``save`` keeps: every attribute set by ``fit`` (arrays, tensors, plain values)."""
        return {k: v for k, v in vars(self).items() if k not in self._not_state and not k.startswith("_tmp")}

    def load_state(self, state: dict[str, Any]) -> None:
        vars(self).update(state)

    def save(self, path: Path | str) -> Path:
        """``model.json`` (name, parameters, preset) + ``state.pt`` (tensors only: loads with weights_only)."""
        import torch

        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        tensors, numpy_keys, plain = {}, [], {}
        for k, v in self.state().items():
            if isinstance(v, np.ndarray):
                tensors[k] = torch.from_numpy(np.ascontiguousarray(v))
                numpy_keys.append(k)
            elif isinstance(v, torch.Tensor):
                tensors[k] = v.detach().cpu()
            else:
                try:
                    json.dumps(v)
                except TypeError as e:
                    raise TypeError(f"{self.name}: attribute {k!r} cannot be saved; override state()") from e
                plain[k] = v
        torch.save(tensors, path / "state.pt")
        (path / "model.json").write_text(
            json.dumps(
                {
                    "name": self.name,
                    "class": f"{type(self).__module__}:{type(self).__qualname__}",
                    "params": dataclasses.asdict(self.params),
                    "preset": self.preset,
                    "numpy": numpy_keys,
                    "plain": plain,
                },
                indent=2,
            )
        )
        return path

    @classmethod
    def load(cls, path: Path | str, device: str | None = "cpu") -> "Model":
        import torch

        path = Path(path)
        info = json.loads((path / "model.json").read_text())
        if info["name"] != cls.name:
            raise InputError(f"{path} holds a {info['name']!r} model, not {cls.name!r}")
        model = cls(device=device, **info["params"])
        tensors = torch.load(path / "state.pt", weights_only=True, map_location=model.device)
        state = {k: (v.cpu().numpy() if k in info["numpy"] else v) for k, v in tensors.items()}
        model.load_state({**info["plain"], **state})
        return model


class LinkPredictor(Model):
    """Scores TF->target pairs of one snapshot; higher means more likely regulated."""

    task: ClassVar[str] = "link"

    @abstractmethod
    def score(self, pairs: np.ndarray) -> np.ndarray:
        """One float per row of the (N, 2) array of (tf index, target index)."""

    def score_matrix(self, tf_rows: np.ndarray, n_target: int) -> np.ndarray:
        """(len(tf_rows), n_target) scores of every target for the given TFs (same function as ``score``)."""
        tf_rows = np.asarray(tf_rows, dtype=np.int64)
        out = np.empty((len(tf_rows), n_target))
        step = max(1, (1 << 20) // max(n_target, 1))
        for s in range(0, len(tf_rows), step):
            rows = tf_rows[s : s + step]
            pairs = np.stack([np.repeat(rows, n_target), np.tile(np.arange(n_target), len(rows))], 1)
            out[s : s + len(rows)] = np.asarray(self.score(pairs), dtype=float).reshape(len(rows), n_target)
        return out


def expression_io(snapshot: Snapshot) -> tuple[np.ndarray, np.ndarray]:
    """(input rows, output rows) of ``snapshot.expression``: the TFs' rows are the inputs, every other
    gene's row an output. Models and the harness both use this, so they agree on what is predicted."""
    if snapshot.expression is None:
        raise InputError(f"{snapshot.dataset}: the snapshot has no expression matrix")
    tf_rows = snapshot.rows_in(snapshot.expression.ntype, "tf")
    inputs = np.unique(tf_rows[tf_rows >= 0])
    outputs = np.setdiff1d(np.arange(snapshot.expression.values.shape[0]), inputs)
    if not len(inputs) or not len(outputs):
        raise InputError(f"{snapshot.dataset}: expression needs both TF rows (inputs) and other genes (outputs)")
    return inputs, outputs


class ExpressionPredictor(Model):
    """Predicts target genes' expression in unseen samples from the TFs' expression in those samples."""

    task: ClassVar[str] = "expression"
    requires: ClassVar[frozenset[str]] = frozenset({"expression"})

    @abstractmethod
    def predict_expression(self, inputs: np.ndarray) -> np.ndarray:
        """``inputs`` (n_inputs, n_samples) TF expression -> (n_outputs, n_samples) (``expression_io`` rows)."""


class PerturbationPredictor(Model):
    """Predicts an unseen perturbation's change from control for every gene."""

    task: ClassVar[str] = "perturbation"
    requires: ClassVar[frozenset[str]] = frozenset({"perturbations"})

    @abstractmethod
    def predict_effects(self, perturbed: np.ndarray) -> np.ndarray:
        """``perturbed`` (n,) gene indices (of ``perturbations.ntype``) -> (n, n_genes) change from control."""

    def predict_combinations(self, genes: np.ndarray) -> np.ndarray:
        """``genes`` (n, k) perturbed together (-1 pads fewer) -> (n, n_genes) change from control.

        Default: the sum of the model's single-gene predictions (additivity). Models with a native notion
        of a combined perturbation (``mtlgrn``'s multi-hot knockout) override it."""
        genes = np.asarray(genes, dtype=np.int64)
        if genes.ndim == 1:
            return self.predict_effects(genes)
        parts = []
        for j in range(genes.shape[1]):
            col = genes[:, j]
            part = np.asarray(self.predict_effects(np.clip(col, 0, None)), dtype=np.float64)
            part[col < 0] = 0.0
            parts.append(part)
        return np.sum(parts, axis=0)


# ---------------------------------------------------------------------------------------------- capabilities
class Explains(ABC):
    """Capability: says why it scores a pair (hetnet: the meta-paths a pair stands out on)."""

    capability: ClassVar[str] = "evidence"

    @abstractmethod
    def evidence(self, pairs: np.ndarray, top: int = 3) -> list[list[str]]:
        """For each (tf index, target index) row, up to ``top`` reasons in words."""


class Signed(ABC):
    """Capability: predicts the sign of a pair (activates +1 / represses -1)."""

    capability: ClassVar[str] = "signs"

    @abstractmethod
    def signs(self, pairs: np.ndarray) -> np.ndarray | None:
        """+1 / -1 per (tf index, target index) row where the model is confident, 0 where it is not, or None where
        the training edges carried no sign."""

    def sign_calibration(self) -> dict[str, float]:
        """How often the stated signs were right on edges the sign head did not train on (empty if unknown)."""
        return {}


class LearnsEdges(ABC):
    """Capability: its fitted weights are a network (motif-rnn's signed prior-edge weights)."""

    capability: ClassVar[str] = "learned_edges"

    @abstractmethod
    def learned_edges(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(tf index, target index, weight) of every edge the model can weight."""


class ShowsTraining(ABC):
    """Capability: records fit diagnostics (``self.diagnostics``) and plots its training curves."""

    capability: ClassVar[str] = "plot_training"
    diagnostics: dict[str, float]  # set by fit: numbers the harness reports per fold as fit_<name>
    # set by fit where settings were chosen on inner folds of the training data: one row per (setting, inner fold)
    # with its validation loss; the harness writes them to inner_search.csv in the run folder
    search_results: list[dict] | None = None

    @abstractmethod
    def plot_training(self, path) -> None:
        """Write the training curves as a PNG at ``path``."""


CAPABILITIES = (Explains, Signed, LearnsEdges, ShowsTraining)
