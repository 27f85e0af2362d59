"""Split and negative-protocol invariants on a synthetic universe (no database)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tfkg.eval import protocols as P
from tfkg.eval import splits as S
from tfkg.eval.splits import pair_codes


def universe(n_tf=12, n_target=40, n_pos=90, seed=1, shared=3, reach=True) -> P.Universe:
    """TFs T0.. and targets G0..; the first ``shared`` TFs are also targets (self-pairs excluded)."""
    rng = np.random.default_rng(seed)
    tfs = [f"T{i}" for i in range(n_tf)]
    targets = tfs[:shared] + [f"G{j}" for j in range(n_target - shared)]
    pos = set()
    while len(pos) < n_pos:
        a = int(rng.integers(0, n_tf // 2)) if rng.random() < 0.8 else int(rng.integers(0, n_tf))  # skewed
        b = int(rng.integers(0, n_target))
        if not (b < shared and a == b):
            pos.add((a, b))
    reach_m = rng.random((n_tf, n_target)) < 0.5
    return P.Universe("synthetic", tfs, targets, np.array(sorted(pos)), reachable=(lambda: reach_m) if reach else None)


def codes(u, pairs):
    return set(pair_codes(pairs, u.n_target).tolist())


def test_kfold_is_a_seeded_partition():
    pos = universe().positives
    folds = S.kfold(pos, 5, seed=3)
    tests = np.vstack([f.test for f in folds])
    assert len(tests) == len(pos) and len(np.unique(tests, axis=0)) == len(pos)
    for f in folds:
        assert not codes_of(f.train) & codes_of(f.test)
        assert len(f.train) + len(f.test) == len(pos)
    again = S.kfold(pos, 5, seed=3)
    assert all(np.array_equal(a.test, b.test) for a, b in zip(folds, again))
    other = S.kfold(pos, 5, seed=4)
    assert not all(np.array_equal(a.test, b.test) for a, b in zip(folds, other))


def codes_of(p):
    return set(map(tuple, np.asarray(p).tolist()))


def test_train_val_test_and_holdout_tfs():
    pos = universe().positives
    sp = S.train_val_test(pos, val=0.1, test=0.2, seed=0)
    parts = [codes_of(sp.train), codes_of(sp.val), codes_of(sp.test)]
    assert sum(map(len, parts)) == len(pos) and not (parts[0] & parts[1] or parts[0] & parts[2] or parts[1] & parts[2])
    assert np.array_equal(S.train_val_test(pos, seed=0).test, S.train_val_test(pos, seed=0).test)
    ho = S.holdout_tfs(pos, [0, 2])
    assert set(ho.test[:, 0]) == {0, 2} and not np.isin(ho.train[:, 0], [0, 2]).any()
    assert len(ho.train) + len(ho.test) == len(pos)


@pytest.mark.parametrize("name", ["all-unobserved", "balanced-random", "tf-matched", "enhanced", "degree-matched"])
@pytest.mark.parametrize("val_fraction", [0.0, 0.2])
def test_protocol_invariants(name, val_fraction):
    u = universe()
    proto = P.get(name)
    folds = proto.folds(u, k=4, seed=7, val_fraction=val_fraction)
    all_pos = codes(u, u.positives)
    cand = codes(u, np.argwhere(u.candidates))
    tested = set()
    for f in folds:
        train, test = codes(u, f.split.train), codes(u, f.test.positives)
        held = codes(u, f.split.held_out)
        assert not train & held, "train/test overlap"
        assert train | held == all_pos
        tested |= test
        neg = codes(u, f.test.negatives)
        assert neg and not neg & all_pos, "a test negative is a positive"
        assert neg <= cand, "negatives outside the candidate space"
        assert len(neg) == len(f.test.negatives), "duplicate negatives"
        thr = f.val if val_fraction else f.heldin
        assert thr is not None and thr.labels.any() and (~thr.labels).any()
        if val_fraction:
            assert f.heldin is None and codes(u, f.val.positives) == codes(u, f.split.val)
            # validation negatives are unobserved from the training view (train + val known)
            assert not codes(u, f.val.negatives) & (train | codes(u, f.split.val))
        else:
            assert codes(u, f.heldin.positives) == train
            assert not codes(u, f.heldin.negatives) & train
        if name == "all-unobserved":
            assert neg == cand - all_pos
        if name == "balanced-random":
            assert len(neg) == len(test)
        if name == "tf-matched":
            assert set(f.test.negatives[:, 0]) <= set(f.test.positives[:, 0]), "tf-matched negative with another TF"
        if name == "enhanced":
            assert not u.mask(f.test.negatives)[~u.unreachable()].any()
            assert neg == codes(u, np.argwhere(u.unreachable())) - all_pos
        for kind in ("random", "enhanced", "none"):
            tn = P.training_negatives(kind, u, f, proto, seed=7)
            if kind == "none":
                assert tn is None
                continue
            assert not codes(u, tn) & train, "training negative is a training positive"
            assert codes(u, tn) <= cand
            if proto.sampled:
                assert not codes(u, tn) & codes(u, f.eval_pairs()), "training negative is an evaluation pair"
            if kind == "random":
                assert len(tn) == len(f.split.train)
            else:
                assert not u.mask(tn)[~u.unreachable()].any()
    assert tested == all_pos, "folds do not cover every positive"
    # seeds reproduce
    again = proto.folds(u, k=4, seed=7, val_fraction=val_fraction)
    for a, b in zip(folds, again):
        assert np.array_equal(a.test.pairs, b.test.pairs) and np.array_equal(a.test.labels, b.test.labels)


def test_tf_matched_keeps_network_density():
    u = universe(n_tf=10, n_target=200, n_pos=300, seed=5)
    folds = P.get("tf-matched").folds(u, k=5, seed=0)
    labelled = np.unique(u.positives[:, 0])
    natural = len(u.positives) / u.candidates[labelled].sum()
    test_density = np.mean([f.test.labels.mean() for f in folds])
    assert test_density == pytest.approx(natural, rel=0.25)
    # every non-target of a labelled TF is a test negative in at most one fold
    all_neg = np.vstack([f.test.negatives for f in folds])
    assert len(np.unique(all_neg, axis=0)) == len(all_neg)


def test_balanced_density_is_half_and_all_unobserved_is_natural():
    u = universe()
    for f in P.get("balanced-random").folds(u, k=3, seed=0):
        assert f.test.labels.mean() == pytest.approx(0.5)
    for f in P.get("all-unobserved").folds(u, k=3, seed=0):
        assert len(f.test.negatives) == u.candidates.sum() - len(u.positives)


def test_enhanced_without_diseases_fails_clearly():
    u = universe(reach=False)
    with pytest.raises(ValueError, match="reachability"):
        P.get("enhanced").folds(u, k=3)


def test_file_protocol(tmp_path):
    # genes: 0..5; TFs are genes 0 and 1; gene index -> symbol
    genes = ["A", "B", "C", "D", "E", "F"]
    u = P.Universe(
        "beeline:Specific:X:5",
        ["A", "B"],
        genes,
        np.array([[0, 1], [0, 2], [0, 3], [1, 4], [1, 5], [1, 0]]),
        split_dir=tmp_path,
        gene_symbols=dict(enumerate(genes)),
    )
    rows = {
        "Train": [(0, 1, 1), (0, 4, 0), (1, 4, 1), (1, 2, 0)],
        "Validation": [(0, 2, 1), (0, 5, 0)],
        "Test": [(0, 3, 1), (1, 5, 1), (1, 0, 1), (1, 3, 0)],
    }
    for name, r in rows.items():
        pd.DataFrame(r, columns=["TF", "Target", "Label"]).to_csv(tmp_path / f"{name}_set.csv")
    (fold,) = P.get("file").folds(u)
    assert codes(u, fold.split.train) == {(0 * 6 + 1), (1 * 6 + 4)}
    assert codes(u, fold.test.positives) == {3, 11, 6}
    assert fold.val is not None and fold.threshold_on == "validation"
    tn = P.training_negatives("file", u, fold, P.get("file"))
    assert codes(u, tn) == {4, 8}
    # a listed negative that is a positive in the graph is refused
    pd.DataFrame([(0, 3, 1), (1, 5, 0)], columns=["TF", "Target", "Label"]).to_csv(tmp_path / "Test_set.csv")
    with pytest.raises(ValueError, match="positive"):
        P.get("file").folds(u)
    pd.DataFrame([(0, 2, 0)], columns=["TF", "Target", "Label"]).to_csv(tmp_path / "Test_set.csv")
    with pytest.raises(ValueError, match="overlap"):
        P.get("file").folds(u)


@pytest.mark.parametrize("name", ["all-unobserved", "balanced-random", "tf-matched"])
def test_holdout_tfs_protocols(name):
    u = universe()
    (f,) = P.get(name).folds(u, seed=0, splits=[S.holdout_tfs(u.positives, [0, 1])])
    assert set(f.test.positives[:, 0]) == {0, 1} and not np.isin(f.split.train[:, 0], [0, 1]).any()
    assert not codes(u, f.test.negatives) & codes(u, u.positives)
    assert len(f.heldin.negatives) and not codes(u, f.heldin.negatives) & codes(u, f.split.train)
    if name == "tf-matched":
        assert set(f.test.negatives[:, 0]) <= {0, 1}
        assert len(f.test.negatives) == u.candidates[[0, 1]].sum() - len(f.test.positives)


def test_heldout_tf_folds_partition_the_tfs():
    u = universe(n_tf=12, n_target=60, n_pos=150, seed=4)
    folds = P.get("heldout-tf").folds(u, k=4, seed=1)
    tested = [set(f.test.positives[:, 0]) for f in folds]
    assert set().union(*tested) == set(np.unique(u.positives[:, 0]))
    assert sum(map(len, tested)) == len(set().union(*tested)), "a TF is tested in one fold only"
    for f, tfs in zip(folds, tested):
        assert not np.isin(f.split.train[:, 0], list(tfs)).any(), "a held-out TF has a training edge"
        assert set(f.test.negatives[:, 0]) <= tfs
        # every non-target of the tested TFs is a negative (natural density)
        rows = sorted(tfs)
        assert len(f.test.negatives) == u.candidates[rows].sum() - len(f.test.positives)
    again = P.get("heldout-tf").folds(u, k=4, seed=1)
    assert all(np.array_equal(a.test.pairs, b.test.pairs) for a, b in zip(folds, again))
    with pytest.raises(ValueError, match="folds by TF"):
        S.tf_kfold(u.positives[:3], k=5)


@pytest.mark.parametrize("by_tf", [False, True])
def test_split_811(by_tf):
    u = universe(n_tf=30, n_target=80, n_pos=400, seed=6)
    sp = S.split_811(u.positives, seed=2, by_tf=by_tf)
    parts = [codes_of(sp.train), codes_of(sp.val), codes_of(sp.test)]
    assert sum(map(len, parts)) == len(u.positives) and not (parts[0] & parts[1] or parts[0] & parts[2] or parts[1] & parts[2])
    if by_tf:  # test and validation TFs have no training edge at all
        assert not set(sp.train[:, 0]) & (set(sp.test[:, 0]) | set(sp.val[:, 0]))
        assert not set(sp.test[:, 0]) & set(sp.val[:, 0])
    else:
        assert len(sp.test) == pytest.approx(0.1 * len(u.positives), abs=1)
    assert np.array_equal(S.split_811(u.positives, seed=2, by_tf=by_tf).test, sp.test)


def test_degree_matched_negatives_defeat_the_degree_prior():
    """Negatives that reuse the tested positives' TFs and targets as often as the positives do: the degree product
    (which separates balanced random negatives well on this skewed universe) falls to about chance."""
    from sklearn.metrics import roc_auc_score

    u = universe(n_tf=30, n_target=400, n_pos=1500, seed=3)
    deg_tf = np.bincount(u.positives[:, 0], minlength=u.n_tf).astype(float)
    deg_tg = np.bincount(u.positives[:, 1], minlength=u.n_target).astype(float)
    auc = {}
    for name in ("balanced-random", "degree-matched"):
        f = P.get(name).folds(u, k=5, seed=0)[0]
        s = deg_tf[f.test.pairs[:, 0]] * deg_tg[f.test.pairs[:, 1]]
        auc[name] = roc_auc_score(f.test.labels, s)
        assert f.test.labels.mean() == pytest.approx(0.5)
    neg, pos = f.test.negatives, f.test.positives
    assert np.bincount(neg[:, 0], minlength=u.n_tf).sum() == np.bincount(pos[:, 0], minlength=u.n_tf).sum()
    assert auc["balanced-random"] > 0.7 and abs(auc["degree-matched"] - 0.5) < auc["balanced-random"] - 0.5
