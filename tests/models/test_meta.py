"""Meta-tests: every registered model has a test case and a citation (PyKEEN's MetaTestCase idea)."""

from __future__ import annotations

import inspect

from tests.models import cases, test_cases
from tfkg import models


def test_every_registered_model_has_a_case():
    covered = {
        obj.cls
        for _, obj in inspect.getmembers(test_cases, inspect.isclass)
        if issubclass(obj, cases.ModelCase) and hasattr(obj, "cls")
    }
    missing = [n for n in models.MODELS if models.get(n) not in covered]
    assert not missing, f"registered models without a test case in tests/models/test_cases.py: {missing}"


def test_every_model_cites_its_paper_and_has_a_docstring():
    for n in models.MODELS:
        cls = models.get(n)
        assert cls.citation.strip(), f"{n} has no citation"
        assert (cls.__doc__ or "").strip(), f"{n} has no docstring"


def test_a_new_model_gets_the_template_by_subclassing(tmp_path):
    """A dummy model outside the registry runs the whole link template by subclassing the case."""
    import numpy as np

    from tfkg.data.snapshot import REG

    class Dummy(models.LinkPredictor):
        """Scores a pair by its TF's training out-degree."""

        name = "dummy"
        citation = "test dummy"

        def fit(self, snapshot, train_negatives=None, seed=0):
            self.deg = np.bincount(snapshot.edges[REG][0], minlength=snapshot.num_nodes("tf")).astype(float)
            return self

        def score(self, pairs):
            return self.deg[np.asarray(pairs)[:, 0]]

    class DummyCase(cases.LinkPredictorCase):
        cls = Dummy

    case, snap = DummyCase(), cases.planted_snapshot()
    case.test_outputs_are_finite_with_the_right_shape(snap)
    case.test_deterministic_under_seed(snap)
    case.test_score_matrix_is_score(snap)
    case.test_bad_parameters_are_refused()
    case.test_presets_or_a_clean_refusal()
    m = case.fitted(snap).save(tmp_path / "d")
    assert (m / "state.pt").exists()  # models.load needs a registered name; the class loads itself:
    back = Dummy.load(tmp_path / "d")
    np.testing.assert_array_equal(back.deg, case.fitted(snap).deg)


def test_every_parameter_says_what_it_does():
    """`tfkg models NAME` prints each field's help, read from the Params docstring."""
    import dataclasses

    from tfkg.models.base import param_help

    missing = [
        f"{n}.{f.name}"
        for n in models.MODELS
        for f in dataclasses.fields(models.get(n).Params)
        if not param_help(models.get(n).Params).get(f.name, "").strip()
    ]
    assert not missing, f"parameters without help text in their Params docstring: {missing}"


def test_capabilities_are_declared_not_guessed():
    """A model that has a capability's method declares the mixin (the CLI and predict check the mixin only)."""
    from tfkg.models.base import CAPABILITIES

    for n in models.MODELS:
        cls = models.get(n)
        for cap in CAPABILITIES:
            has_method = callable(getattr(cls, cap.capability, None))
            assert has_method == issubclass(cls, cap), f"{n}: {cap.capability} without {cap.__name__} (or the reverse)"
    assert models.get("hetnet-gbm").capabilities() == ["evidence", "signs"]
    assert models.get("motif-rnn").capabilities() == ["learned_edges", "plot_training"]


def test_requires_and_uses_are_modalities_and_a_missing_one_names_its_ingest():
    """``requires`` (cannot work without) and ``uses`` (read when there) are disjoint sets of known modalities; a
    snapshot without a required one is an error that says which ingest provides it."""
    import pytest

    from tests.models.cases import planted_snapshot
    from tfkg.data.snapshot import MODALITIES
    from tfkg.errors import InputError

    for name in models.MODELS.names():
        cls = models.get(name)
        assert cls.requires and cls.requires <= set(MODALITIES), name
        assert cls.uses <= set(MODALITIES) and not (cls.requires & cls.uses), name
    snap = planted_snapshot()
    snap.check_has(models.get("motif-rnn").requires, "model 'motif-rnn'")  # it has expression
    no_expression = snap.view(snap.modalities - {"expression"})
    with pytest.raises(
        InputError, match=r"model 'motif-rnn' needs expression, which .* \(expression: an expression data set \(tfkg ingest"
    ):
        no_expression.check_has(models.get("motif-rnn").requires, "model 'motif-rnn'")
    snap.view(snap.modalities - {"priors"}).check_has(models.get("mtlgrn").requires, "model 'mtlgrn'")  # optional to it
