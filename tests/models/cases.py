"""Test-case templates every registered model passes (PyKEEN style): subclass one, set ``cls`` (and fast
``params``), and the model gets every check below. ``test_meta.py`` fails when a registered model has no
case. The planted snapshot has every modality, so one fixture serves every task."""

from __future__ import annotations

import dataclasses
import typing
from typing import Any, ClassVar

import numpy as np
import pandas as pd
import pytest

from tfkg import models
from tfkg.data.snapshot import REG, TF_DIS, TG_DIS, Expression, NodeFeatures, Perturbations, Prior, Snapshot
from tfkg.models.base import ParamError, ShowsTraining, expression_io


def planted_snapshot(seed: int = 0, n_tf: int = 8, n_gene: int = 30, n_dis: int = 10, n_samples: int = 24) -> Snapshot:
    """A small graph with structure in every modality: TF blocks regulate gene blocks, expression follows
    the regulation, knockouts change their targets, diseases follow blocks."""
    rng = np.random.default_rng(seed)
    genes = [f"G{i}" for i in range(n_gene)]
    tfs = genes[:n_tf]  # TFs are genes too (rows of the expression matrix)
    block_tf, block_g = np.arange(n_tf) % 2, np.arange(n_gene) % 2
    w = (block_tf[:, None] == block_g[None, :]) * rng.uniform(0.5, 1.5, (n_tf, n_gene))
    w[np.arange(n_tf), np.arange(n_tf)] = 0
    w *= rng.random((n_tf, n_gene)) < 0.6
    reg = np.argwhere(w > 0).T
    dis_block = np.arange(n_dis) % 2
    gd = (block_g[:, None] == dis_block[None, :]) & (rng.random((n_gene, n_dis)) < 0.5)
    x_tf = rng.normal(size=(n_tf, n_samples))
    x = np.vstack([x_tf, w[:, n_tf:].T @ x_tf + 0.3 * rng.normal(size=(n_gene - n_tf, n_samples))]) + 5
    samples = pd.DataFrame(
        {"group": [f"s{i // 2}" for i in range(n_samples)], "kind": "sample"}, index=[f"sample{i}" for i in range(n_samples)]
    )
    effect = np.zeros((n_tf, n_gene), dtype=np.float32)
    effect[:, :] = -w * 0.5 + 0.01 * rng.normal(size=(n_tf, n_gene))
    effect[np.arange(n_tf), np.arange(n_tf)] = -1.0
    pert = Perturbations(
        [f"ko:{g}" for g in tfs], np.arange(n_tf), effect, ["knockout"] * n_tf, np.full(n_gene, 5.0, dtype=np.float32), False, 0.1
    )
    feats = np.hstack([(np.arange(n_gene) < n_tf)[:, None], np.eye(2)[block_g]]).astype(np.float32)
    prior = np.argwhere(w > 0).T
    return Snapshot(
        "planted",
        {"tf": tfs, "target": genes, "disease": [f"D{i}" for i in range(n_dis)]},
        {
            REG: reg.astype(np.int64),
            TF_DIS: np.argwhere(gd[:n_tf]).T.astype(np.int64),
            TG_DIS: np.argwhere(gd).T.astype(np.int64),
        },
        {"dataset": "planted"},
        {"tf": NodeFeatures(feats[:n_tf], ["is_tf", "b0", "b1"]), "target": NodeFeatures(feats, ["is_tf", "b0", "b1"])},
        Expression(x.astype(np.float32), samples, "target"),
        {"motif": Prior(prior.astype(np.int64), np.ones(prior.shape[1], np.float32), np.zeros(prior.shape[1], np.int8))},
        pert,
    )


def hold_out_edges(snap: Snapshot, frac: float = 0.25, seed: int = 0) -> tuple[Snapshot, np.ndarray]:
    """The snapshot without a random ``frac`` of its TF->target edges (gone from REGULATES and from the motif prior,
    which the planted graph copies from the truth), and those held-out (tf, target) pairs."""
    import dataclasses

    ei = snap.edges[REG]
    held = np.random.default_rng(seed).random(ei.shape[1]) < frac
    codes = set((ei[0, held] * 10_000 + ei[1, held]).tolist())
    priors = {}
    for k, p in snap.priors.items():
        keep = ~np.isin(p.edge_index[0] * 10_000 + p.edge_index[1], list(codes))
        priors[k] = Prior(p.edge_index[:, keep], p.weight[keep], p.sign[keep])
    train = dataclasses.replace(snap, edges={**snap.edges, REG: ei[:, ~held]}, priors=priors, edge_signs={})
    return train, ei[:, held].T


def held_out_auroc(model, train: Snapshot, held: np.ndarray) -> float:
    """AUROC of the model's scores for the held-out edges against every pair that is neither a training edge nor a
    held-out one (self pairs excluded): what it says about edges it never saw."""
    from tfkg.eval.metrics import auroc

    n_tf, n_tg = train.num_nodes("tf"), train.num_nodes("target")
    s = np.asarray(model.score_matrix(np.arange(n_tf), n_tg))
    label = np.zeros((n_tf, n_tg), bool)
    label[held[:, 0], held[:, 1]] = True
    cand = np.ones((n_tf, n_tg), bool)
    cand[train.edges[REG][0], train.edges[REG][1]] = False
    tgt = {g: j for j, g in enumerate(train.nodes["target"])}
    for i, t in enumerate(train.nodes["tf"]):
        if t in tgt:
            cand[i, tgt[t]] = False
    return auroc(label[cand], s[cand])


@pytest.fixture(scope="module")
def snapshot() -> Snapshot:
    return planted_snapshot()


class ModelCase:
    """Checks every model passes, whatever its task."""

    cls: ClassVar[type[models.Model]]
    params: ClassVar[dict[str, Any]] = {}
    task: ClassVar[str | None] = None  # the task the harness check runs (default: the model's first)
    harness_params: ClassVar[dict[str, Any]] = {}  # extra parameters for the harness check (e.g. a prior)

    def make(self, **extra) -> models.Model:
        return self.cls(**{**self.params, **extra})

    def fitted(self, snapshot, seed: int = 0) -> models.Model:
        return self.make().fit(snapshot, None, seed=seed)

    def outputs(self, model, snapshot) -> np.ndarray:
        raise NotImplementedError

    def test_documented(self):
        assert self.cls.name and self.cls.citation and self.cls.citation.strip()
        assert self.cls.tasks(), "a model implements at least one task"
        assert models.MODELS.get(self.cls.name) is self.cls

    def test_outputs_are_finite_with_the_right_shape(self, snapshot):
        out = self.outputs(self.fitted(snapshot), snapshot)
        assert np.isfinite(out).all()

    def test_deterministic_under_seed(self, snapshot):
        a = self.outputs(self.fitted(snapshot, seed=3), snapshot)
        b = self.outputs(self.fitted(snapshot, seed=3), snapshot)
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-8)

    def test_save_load_round_trip(self, snapshot, tmp_path):
        m = self.fitted(snapshot)
        m.save(tmp_path / "m")
        back = models.load(tmp_path / "m")
        assert type(back) is self.cls and back.params == m.params
        np.testing.assert_allclose(self.outputs(back, snapshot), self.outputs(m, snapshot), rtol=1e-6, atol=1e-8)

    def test_bad_parameters_are_refused(self):
        with pytest.raises(ParamError, match="unknown parameter"):
            self.make(no_such_parameter=1)
        fields = dataclasses.fields(self.cls.Params)
        if fields:
            hints = typing.get_type_hints(self.cls.Params)
            hint = hints[fields[0].name]
            takes_text = hint is str or str in typing.get_args(hint) or typing.get_origin(hint) is typing.Literal
            bad = [] if takes_text else "not-a-number"
            with pytest.raises(ParamError):
                self.make(**{fields[0].name: bad})

    def test_presets_or_a_clean_refusal(self):
        if self.cls.PRESETS:
            for name in self.cls.PRESETS:
                assert self.make(preset=name).preset == name
            with pytest.raises(ParamError, match="unknown preset"):
                self.make(preset="no-such-preset")
        else:
            with pytest.raises(ParamError, match="no presets"):
                self.make(preset="demo")

    @pytest.mark.neo4j
    def test_no_held_out_data_reaches_fit(self, template_graph, tmp_path, monkeypatch):
        """Through the harness on a real graph: what ``fit`` receives never holds the fold's held-out part."""
        from tfkg.eval import harness

        task = self.task or self.cls.tasks()[0]
        from tfkg.data.datasets import dataset_spec

        hgetgi = dataset_spec("hgetgi").modalities
        dataset = "hgetgi" if task == "link" and self.cls.requires <= hgetgi else "dream4:10-1"
        exports, fits = [], []
        real_export, real_create = harness.export_snapshot, models.create

        def export(graph, dataset, **kw):
            snap = real_export(graph, dataset, **kw)
            exports.append(kw)
            return snap

        def create(name, **kw):
            m = real_create(name, **kw)
            fit = m.fit
            m.fit = lambda snap, neg=None, seed=0: (fits.append((snap, neg)), fit(snap, neg, seed=seed))[1]
            return m

        monkeypatch.setattr(harness, "export_snapshot", export)
        monkeypatch.setattr(models, "create", create)
        res = harness.evaluate(
            template_graph,
            self.cls.name,
            params={**self.params, **self.harness_params},
            dataset=dataset,
            task=task,
            folds=3,
            baselines=(),
            record=False,
            out_dir=tmp_path / "run",
        )
        held = [kw for kw in exports if any(kw.get(k) for k in ("exclude", "exclude_samples", "exclude_experiments"))]
        assert len(held) == len(fits) == 3 == res.info["folds"]
        for kw, (snap, neg) in zip(held, fits):
            if task == "link":
                tf, tg = np.asarray(snap.nodes["tf"]), np.asarray(snap.nodes["target"])
                seen = {f"{a}|{b}" for a, b in zip(tf[snap.edges[REG][0]], tg[snap.edges[REG][1]])}
                assert kw["exclude"] and not seen & set(kw["exclude"])
                if neg is not None:
                    assert not {f"{a}|{b}" for a, b in zip(tf[neg[:, 0]], tg[neg[:, 1]])} & seen
            elif task == "expression":
                assert kw["exclude_samples"] and not set(snap.expression.sample_ids) & set(kw["exclude_samples"])
            else:
                assert kw["exclude_experiments"]
                assert not set(snap.perturbations.experiments) & set(kw["exclude_experiments"])
        assert np.isfinite(res.summary["mean"].dropna()).all()
        if issubclass(self.cls, ShowsTraining):  # its fit diagnostics ride beside the held-out numbers, per fold
            fit = res.per_fold[(res.per_fold.model == self.cls.name) & res.per_fold.metric.str.startswith("fit_")]
            assert "fit_train_r2_gene_median" in set(fit.metric) and len(fit) % 3 == 0


class LinkPredictorCase(ModelCase):
    def outputs(self, model, snapshot):
        pairs = np.argwhere(np.ones((snapshot.num_nodes("tf"), snapshot.num_nodes("target")), bool))
        s = model.score(pairs)
        assert s.shape == (len(pairs),)
        return s

    def test_score_matrix_is_score(self, snapshot):
        m = self.fitted(snapshot)
        rows = np.array([0, 3, 5])
        mat = m.score_matrix(rows, snapshot.num_nodes("target"))
        pairs = np.stack(
            [np.repeat(rows, snapshot.num_nodes("target")), np.tile(np.arange(snapshot.num_nodes("target")), len(rows))], 1
        )
        np.testing.assert_allclose(mat.ravel(), m.score(pairs), rtol=1e-5, atol=1e-5)


class ExpressionPredictorCase(ModelCase):
    def outputs(self, model, snapshot):
        inp, out = expression_io(snapshot)
        x = snapshot.expression.values[inp][:, :5]
        pred = model.predict_expression(x)
        assert pred.shape == (len(out), 5)
        return pred


class PerturbationPredictorCase(ModelCase):
    def outputs(self, model, snapshot):
        genes = np.array([0, 2, 4])
        pred = model.predict_effects(genes)
        assert pred.shape == (3, snapshot.perturbations.effect.shape[1])
        return pred
