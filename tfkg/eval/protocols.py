"""Negative protocols: which pairs count as negatives when a model is evaluated (and trained).

The *candidate space* of a dataset is every (TF, target) pair of its members except a gene paired with
itself. A pair is *unobserved* when it is a candidate and not a positive. Evaluation negatives are
chosen by the protocol; training negatives are chosen separately (the kinds: ``tfkg.data.negatives.TRAINING_NEGATIVES``,
``TRAIN_NEGATIVES`` here) and both are recorded in every report.

Evaluation protocols (``PROTOCOLS``):

``all-unobserved``  k folds over the positives; the test negatives of every fold are ALL unobserved pairs
                    (pairs that are positive in no fold). HGETGI's protocol. Density = the network's.
``balanced-random`` k folds; as many test negatives as test positives, drawn uniformly from unobserved
                    pairs (1:1). Optimistic: most random pairs involve TFs with no edges at all.
``tf-matched``      k folds; negatives share the TF of a test positive, at the network's natural density:
                    every non-target of each labelled TF is assigned (seeded) to one fold, and a fold's
                    test negatives are its share of the non-targets of the TFs it tests. GENELink's
                    "hard negatives".
``heldout-tf``      k folds over TFs: every edge of a fold's TFs is held out (the model never sees one of
                    their edges), the negatives are all their non-targets (natural density). The strictest:
                    a TF's training degree is 0, so degree priors only know the target side.
``enhanced``        k folds; the test negatives are all unobserved pairs with no TF->disease->disease->
                    target path (``tfkg.graph.export.reachable_mask`` on the Cypher-exported associations).
``file``            the ready-made GENELink train/validation/test CSV split of a BEELINE dataset (one fold).

Thresholded metrics use a threshold chosen on validation pairs when the split has them (``file``, or
``val_fraction > 0``); otherwise on the training fold's held-in pairs (training positives vs training-view
negatives of the same protocol), and the report says which.

Training negatives (``tfkg.data.negatives.TRAINING_NEGATIVES``): ``random`` (uniform unobserved-in-training pairs, 1:1 with the
training positives), ``enhanced`` (every unreachable pair that is not a training positive), ``file`` (the
split file's training negatives; ``file`` protocol only), ``none``. Held-out positives are unobserved from
the trainer's view, so they may be drawn as training negatives; where a protocol samples its evaluation
pairs, training negatives avoid those pairs (positives and negatives alike, so no label leaks).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from tfkg.data import negatives
from tfkg.errors import InputError
from tfkg.eval.splits import Split, as_pairs, kfold, pair_codes, split_validation, tf_kfold
from tfkg.registry import Registry, UnknownName

# ------------------------------------------------------------------------------------------ data


@dataclass
class Universe:
    """Everything a protocol needs to know about one dataset (indices follow the full snapshot)."""

    dataset: str
    tfs: list[str]
    targets: list[str]
    positives: np.ndarray  # (E, 2) every positive of the dataset
    # bool (n_tf, n_target); default (empty): all but self-pairs
    candidates: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=bool))
    reachable: Callable[[], np.ndarray] | None = None  # bool (n_tf, n_target) for 'enhanced'
    split_dir: Path | None = None  # 'file': folder with Train/Validation/Test_set.csv(.gz)
    gene_symbols: dict[int, str] | None = None  # 'file': gene index used in the split files -> symbol
    _reach: np.ndarray | None = field(default=None, repr=False)

    def __post_init__(self):
        self.positives = np.unique(as_pairs(self.positives), axis=0)
        if not self.candidates.size:
            tgt = {g: j for j, g in enumerate(self.targets)}
            cand = np.ones((self.n_tf, self.n_target), dtype=bool)
            for i, t in enumerate(self.tfs):
                if t in tgt:
                    cand[i, tgt[t]] = False
            self.candidates = cand
        if not self.candidates[self.positives[:, 0], self.positives[:, 1]].all():
            raise InputError("a positive lies outside the candidate space (self-pair?)")

    @property
    def n_tf(self) -> int:
        return len(self.tfs)

    @property
    def n_target(self) -> int:
        return len(self.targets)

    def mask(self, pairs) -> np.ndarray:
        m = np.zeros((self.n_tf, self.n_target), dtype=bool)
        p = as_pairs(pairs)
        m[p[:, 0], p[:, 1]] = True
        return m

    def unreachable(self) -> np.ndarray:
        if self._reach is None:
            if self.reachable is None:
                raise InputError(
                    f"dataset {self.dataset!r} has no TF-disease-disease-target reachability "
                    "(enhanced negatives need gene-disease associations)"
                )
            self._reach = np.asarray(self.reachable(), dtype=bool)
            if self._reach.shape != (self.n_tf, self.n_target):
                raise InputError(f"reachability matrix {self._reach.shape} does not match ({self.n_tf}, {self.n_target})")
        return self.candidates & ~self._reach

    def unreachable_shares(self) -> dict[str, float] | None:
        """Once reachability was needed (enhanced negatives): the share of candidate pairs and of positives with no
        TF->Disease->Disease->Target path (the second is why enhanced negatives are not free of positives)."""
        if self._reach is None:
            return None
        unreach = self.candidates & ~self._reach
        return {
            "unreachable_candidates": float(unreach.sum() / self.candidates.sum()),
            "unreachable_positives": float(unreach[self.positives[:, 0], self.positives[:, 1]].mean()),
        }

    def keys(self, pairs) -> list[str]:
        return [f"{self.tfs[a]}|{self.targets[b]}" for a, b in as_pairs(pairs)]


@dataclass
class EvalSet:
    """Labelled pairs: positives first, then negatives."""

    pairs: np.ndarray
    labels: np.ndarray

    @classmethod
    def of(cls, pos, neg) -> "EvalSet":
        pos, neg = as_pairs(pos), as_pairs(neg)
        return cls(np.vstack([pos, neg]), np.r_[np.ones(len(pos), bool), np.zeros(len(neg), bool)])

    @property
    def positives(self) -> np.ndarray:
        return self.pairs[self.labels]

    @property
    def negatives(self) -> np.ndarray:
        return self.pairs[~self.labels]

    def __len__(self) -> int:
        return len(self.labels)


@dataclass
class Fold:
    name: str
    split: Split  # positives: train reaches the trainer; val/test never do
    test: EvalSet
    val: EvalSet | None = None  # threshold chosen here when present
    heldin: EvalSet | None = None  # else here: training positives vs training-view negatives
    file_train_negatives: np.ndarray | None = None

    @property
    def threshold_on(self) -> str:
        return "validation" if self.val is not None else "held-in training pairs (no validation split)"

    def threshold_set(self) -> EvalSet:
        """The pairs the F1 threshold is chosen on: validation when the split has it, else held-in training pairs."""
        got = self.val if self.val is not None else self.heldin
        if got is None:
            raise InputError(f"{self.name}: neither validation nor held-in pairs to choose a threshold on")
        return got

    def eval_pairs(self) -> np.ndarray:
        return self.test.pairs if self.val is None else np.vstack([self.test.pairs, self.val.pairs])


# ------------------------------------------------------------------------------------------ sampling


_sample, _all = negatives.sample, negatives.all_of


class Protocol:
    name: str = ""
    summary: str = ""
    sampled: bool = True  # evaluation negatives are a sample (training negatives can avoid them)

    def negatives(
        self, u: Universe, eval_pos: np.ndarray, known: np.ndarray, region: np.ndarray | None, rng: np.random.Generator
    ) -> np.ndarray:
        raise NotImplementedError

    def regions(self, u: Universe, k: int, seed: int) -> Callable[[int, str], np.ndarray | None]:
        return lambda fold, part: None

    def folds(
        self, u: Universe, k: int = 5, seed: int = 0, val_fraction: float = 0.0, splits: list[Split] | None = None
    ) -> list[Fold]:
        """Seeded k folds over the positives, each with its test (and validation or held-in) pairs.

        ``splits`` replaces the k folds (e.g. one ``holdout_tfs`` split for a case study)."""
        if splits is None:
            splits = kfold(u.positives, k, seed)
        else:
            k = len(splits)
        region = self.regions(u, k, seed)
        out = []
        known_all = u.mask(u.positives)
        for i, split in enumerate(splits):
            split = split_validation(split, val_fraction, seed + i)
            rng = np.random.default_rng([seed, i, 1])
            test = EvalSet.of(split.test, self.negatives(u, split.test, known_all, region(i, "test"), rng))
            avoid = u.mask(test.pairs) if self.sampled else None
            train_view = u.mask(split.train)
            val = heldin = None
            if split.val is not None:
                known = train_view | u.mask(split.val)
                val = EvalSet.of(split.val, self.negatives(u, split.val, known | _or(avoid), region(i, "val"), rng))
            else:
                heldin = EvalSet.of(
                    split.train, self.negatives(u, split.train, train_view | _or(avoid), region(i, "heldin"), rng)
                )
            out.append(Fold(split.name, split, test, val, heldin))
        return out


def _or(mask):
    return False if mask is None else mask


class AllUnobserved(Protocol):
    name = "all-unobserved"
    summary = "every unobserved TF x target pair of the candidate space (the same for all folds)"
    sampled = False

    def negatives(self, u, eval_pos, known, region, rng):
        return _all(u.candidates & ~known)


class BalancedRandom(Protocol):
    name = "balanced-random"
    summary = "1:1 uniform random unobserved pairs (optimistic)"

    def negatives(self, u, eval_pos, known, region, rng):
        return _sample(u.candidates & ~known, len(eval_pos), rng, self.name)


class TFMatched(Protocol):
    name = "tf-matched"
    summary = "every non-target of the tested TFs, split over folds (network density; hard negatives)"

    def __init__(self):
        self.val_share = 0.0

    def regions(self, u, k, seed):
        if k == 1:  # one split (held-out TFs): test and training TFs differ, nothing to partition
            return lambda fold, part: None
        r = np.random.default_rng([seed, 2])
        fold_of = r.integers(0, k, size=(u.n_tf, u.n_target))
        v = r.random((u.n_tf, u.n_target))

        def region(fold: int, part: str):
            if part == "test":
                return fold_of == fold
            rest = fold_of != fold
            if part == "val":
                return rest & (v < self.val_share)
            return rest & (v >= self.val_share)

        return region

    def folds(self, u, k=5, seed=0, val_fraction=0.0, splits=None):
        self.val_share = val_fraction
        return super().folds(u, k, seed, val_fraction, splits)

    def negatives(self, u, eval_pos, known, region, rng):
        tf_rows = np.zeros(u.n_tf, dtype=bool)
        tf_rows[as_pairs(eval_pos)[:, 0]] = True
        allowed = u.candidates & ~known & tf_rows[:, None]
        if region is not None:
            allowed &= region
        return _all(allowed)


class HeldOutTF(TFMatched):
    name = "heldout-tf"
    summary = "k folds over TFs: all edges of the tested TFs held out; negatives all their non-targets"

    def regions(self, u, k, seed):
        return lambda fold, part: None  # each TF is tested in one fold: all its non-targets are there

    def folds(self, u, k=5, seed=0, val_fraction=0.0, splits=None):
        return super().folds(u, k, seed, val_fraction, splits if splits is not None else tf_kfold(u.positives, k, seed))


class DegreeMatched(Protocol):
    name = "degree-matched"
    summary = (
        "1:1 negatives whose TF- and target-degree distributions match the tested positives' (each negative "
        "joins the TF of one tested edge to the target of another; Aiyappa et al., ICML 2025)"
    )

    def negatives(self, u, eval_pos, known, region, rng):
        pos = as_pairs(eval_pos)
        allowed = u.candidates & ~known
        out = np.empty((0, 2), dtype=np.int64)
        # A configuration-model pairing of the positives' endpoints: every TF and every target appears among the
        # negatives as often as among the positives (in expectation), so degree alone cannot separate them.
        for _ in range(200):
            need = len(pos) - len(out)
            if need <= 0:
                break
            a = pos[rng.integers(0, len(pos), 2 * need), 0]
            b = pos[rng.integers(0, len(pos), 2 * need), 1]
            ok = allowed[a, b]
            cand = np.unique(np.c_[a[ok], b[ok]], axis=0)
            if len(out):
                cand = cand[~np.isin(cand[:, 0] * u.n_target + cand[:, 1], out[:, 0] * u.n_target + out[:, 1])]
            out = np.vstack([out, cand[rng.permutation(len(cand))[:need]]])
        if len(out) < len(pos):
            raise InputError(
                f"degree-matched: only {len(out)} negatives for {len(pos)} positives (the tested TFs "
                "and targets are almost fully connected)"
            )
        return out


class Enhanced(Protocol):
    name = "enhanced"
    summary = "all unobserved pairs with no TF->disease->disease->target path (Cypher)"
    sampled = False

    def negatives(self, u, eval_pos, known, region, rng):
        return _all(u.unreachable() & ~known)


class FileSplit(Protocol):
    name = "file"
    summary = "the published GENELink train/validation/test split (TF-matched hard negatives)"

    def folds(self, u, k=1, seed=0, val_fraction=0.0, splits=None):
        if splits is not None:
            raise InputError("the 'file' protocol uses the published split; it cannot hold out chosen TFs")
        if u.split_dir is None or u.gene_symbols is None:
            raise InputError(
                f"the 'file' protocol needs a published split for {u.dataset!r} (GENELink Train_validation_test folder)"
            )
        parts = {name: self._read(u, u.split_dir, u.gene_symbols, name) for name in ("Train", "Validation", "Test")}
        codes = {n: pair_codes(e.pairs, u.n_target) for n, e in parts.items()}
        for a, b in (("Train", "Validation"), ("Train", "Test"), ("Validation", "Test")):
            if np.intersect1d(codes[a], codes[b]).size:
                raise InputError(f"split files overlap: {a} and {b} share pairs")
        known = pair_codes(u.positives, u.n_target)
        for n, e in parts.items():
            neg_codes = pair_codes(e.negatives, u.n_target)
            if np.isin(neg_codes, known).any():
                raise InputError(f"{n}_set lists as negative a pair that is a positive of {u.dataset!r}")
            pos_codes = pair_codes(e.positives, u.n_target)
            if not np.isin(pos_codes, known).all():
                raise InputError(f"{n}_set has a positive that is not an edge of {u.dataset!r} in the graph")
        tr, va, te = parts["Train"], parts["Validation"], parts["Test"]
        # Training sees every edge of the graph that the split does not hold out (the file's training
        # positives, plus any graph edge the files do not list).
        held = np.r_[pair_codes(va.positives, u.n_target), pair_codes(te.positives, u.n_target)]
        train = u.positives[~np.isin(known, held)]
        split = Split("published", train, te.positives, va.positives)
        return [Fold("published", split, te, va, None, tr.negatives)]

    def _read(self, u: Universe, split_dir: Path, symbols: dict[int, str], name: str) -> EvalSet:
        path = _find(split_dir, f"{name}_set.csv")
        df = pd.read_csv(path, index_col=0)
        if list(df.columns[:3]) != ["TF", "Target", "Label"]:
            raise InputError(f"{path}: expected columns ,TF,Target,Label; got {list(df.columns)}")
        tf_index = {s: i for i, s in enumerate(u.tfs)}
        tg_index = {s: i for i, s in enumerate(u.targets)}
        try:
            a = np.array([tf_index[symbols[int(g)]] for g in df["TF"]], dtype=np.int64)
            b = np.array([tg_index[symbols[int(g)]] for g in df["Target"]], dtype=np.int64)
        except KeyError as e:
            raise InputError(f"{path}: gene {e} is not a TF/target member of {u.dataset!r}") from e
        y = df["Label"].to_numpy().astype(int)
        if not set(np.unique(y)) <= {0, 1}:
            raise InputError(f"{path}: labels must be 0/1")
        pairs = np.stack([a, b], axis=1)
        return EvalSet.of(pairs[y == 1], pairs[y == 0])


def _find(folder: Path, stem: str) -> Path:
    for p in (folder / stem, folder / f"{stem}.gz"):
        if p.exists():
            return p
    raise FileNotFoundError(f"{folder} has no {stem}(.gz)")


PROTOCOLS: Registry[type[Protocol]] = Registry(
    "protocol",
    {
        "all-unobserved": "tfkg.eval.protocols:AllUnobserved",
        "balanced-random": "tfkg.eval.protocols:BalancedRandom",
        "tf-matched": "tfkg.eval.protocols:TFMatched",
        "heldout-tf": "tfkg.eval.protocols:HeldOutTF",
        "enhanced": "tfkg.eval.protocols:Enhanced",
        "degree-matched": "tfkg.eval.protocols:DegreeMatched",
        "file": "tfkg.eval.protocols:FileSplit",
    },
)


def get(name: str) -> Protocol:
    return PROTOCOLS.get(name)()


def genelink_split_dir(dataset: str, root: Path) -> Path | None:
    """GENELink's published split folder for ``beeline:Specific:<cell>:<n>`` (hESC/mESC 500/1000 only)."""
    m = re.fullmatch(r"beeline:Specific:([^:]+):(\d+)", dataset)
    if not m:
        return None
    d = root / "beeline_genelink" / "Train_validation_test" / f"{m.group(1)} {m.group(2)}"
    return d if d.is_dir() else None


# ------------------------------------------------------------------------------------------ training negatives

TRAIN_NEGATIVES = negatives.TRAINING_NEGATIVES  # the one registry of kinds (tfkg.data.negatives); the old name


def training_negatives(kind: str, u: Universe, fold: Fold, protocol: Protocol, seed: int = 0) -> np.ndarray | None:
    """Training negatives for one fold, chosen independently of the evaluation negatives."""
    if kind not in TRAIN_NEGATIVES:
        raise UnknownName(f"unknown training negatives {kind!r}; known: {', '.join(TRAIN_NEGATIVES)}")
    if kind == "none":
        return None
    if kind == "file":
        if fold.file_train_negatives is None:
            raise InputError("training negatives 'file' need the 'file' protocol")
        return fold.file_train_negatives
    allowed = u.candidates & ~u.mask(fold.split.train)
    if protocol.sampled:  # label-blind: avoid every evaluation pair, positive or negative
        allowed &= ~u.mask(fold.eval_pairs())
    if kind == "enhanced":
        return _all(allowed & u.unreachable())
    rng = np.random.default_rng([seed, 3])
    return _sample(allowed, min(len(fold.split.train), int(allowed.sum())), rng, "random training negatives")
