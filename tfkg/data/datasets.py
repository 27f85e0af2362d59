"""The dataset registry: which graph members, edges and modalities make up each training dataset.

A dataset key is ``family`` or ``family:args``; the family names a factory in ``FAMILIES`` that returns a
:class:`DatasetSpec`. Each spec states its node roles (which ``INCLUDES.role`` becomes which snapshot node
type), where its positive edges and gene-disease links come from, and which modalities it has:

=============================  ==============  =============================================================
key                            roles           modalities
=============================  ==============  =============================================================
``hgetgi``                     tf, target,     edges (HGETGI REGULATES), TF/target–disease associations,
                               disease         node features, motif priors, hetnet links (TRRUST mouse
                                               orthologs, bulk co-expression)
``trrust:human|mouse``         tf, target      edges (TRRUST), node features, motif priors; human: DisGeNET
                               (+ disease)     gene–disease links (every associated disease a node) and hetnet
                                               links (TRRUST mouse orthologs, bulk co-expression)
``collectri:human``            tf, target      edges (CollecTRI, signed), as trrust:human otherwise; hetnet
                               (+ disease)     links also ARCHS4 co-expression and ENCODE ChIP where ingested
``human``                      tf, target      genome-wide: every Lambert 2018 TF x every protein-coding gene
                               (+ disease)     (``tfkg ingest genome``); edges CollecTRI + TRRUST (signed), as
                                               collectri:human otherwise, plus GO, Pathway Commons evidence
``beeline:<net>:<cell>:<n>``   tf, gene        edges (the net's ground truth), scRNA expression, features,
                                               motif priors
``dream4:<size>-<n>``          tf, gene        edges (gold standard), expression (wild type +
                                               multifactorial), knockout/knockdown effects
``morphic``                    tf, gene        knockout effects (DESeq2 log2FC, padj <= 0.05)
``bulk:flu|geuvadis``          tf, gene        bulk expression (human), node features, motif priors
=============================  ==============  =============================================================
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tfkg.registry import Registry, UnknownName


def key_form(form: str):
    """Declare the key form a family factory parses (``trrust:human|mouse``): ``--dataset``'s help lists them."""

    def mark(factory):
        factory.key_form = form
        return factory

    return mark


@dataclass(frozen=True)
class DatasetSpec:
    key: str  # Dataset.key whose INCLUDES edges name the members
    tf_role: str = "tf"  # INCLUDES.role of candidate regulators -> node type "tf"
    target_role: str = "target"  # INCLUDES.role of candidate targets   -> node type "target"
    regulates_source: str | None = None  # REGULATES.source of the positive edges, '+' between several
    # (a pair is an edge when any of them lists it); None: no edges
    association_source: str | None = None  # ASSOCIATED_WITH.source of gene-disease links
    modalities: frozenset[str] = field(default_factory=frozenset)
    species: str = "human"
    changed_threshold: float = 0.0  # perturbations: |effect| above this counts as changed
    split_dir_hint: str | None = None  # BEELINE: GENELink's published split folder name
    diseases_from_associations: bool = False  # disease nodes = every disease associated with a member gene
    ortholog_source: str | None = None  # hetnet: mouse REGULATES source whose ortholog pairs are evidence
    # curated REGULATES sources exported as signed priors (Snapshot.priors[source.lower()], never in the default union)
    signed_prior_sources: tuple[str, ...] = ()

    @property
    def regulates_sources(self) -> list[str]:
        return self.regulates_source.split("+") if self.regulates_source else []

    @property
    def roles(self) -> dict[str, str]:
        """INCLUDES role -> snapshot node type."""
        return {self.tf_role: "tf", self.target_role: "target", "disease": "disease", "experiment": "experiment"}


@key_form("hgetgi")
def hgetgi(arg: str | None = None) -> DatasetSpec:
    _no_arg("hgetgi", arg)
    return DatasetSpec(
        "hgetgi",
        regulates_source="HGETGI",
        association_source="HGETGI",
        modalities=frozenset({"edges", "features", "priors", "hetnet"}),
        ortholog_source="TRRUST",
    )


@key_form("trrust:human|mouse")
def trrust(arg: str | None) -> DatasetSpec:
    if arg not in ("human", "mouse"):
        raise UnknownName(f"dataset trrust:{arg}: expected trrust:human or trrust:mouse")
    if arg == "human":  # TF -> target -> disease meta-paths for ENS and every link model: DisGeNET's diseases
        return DatasetSpec(
            "trrust:human",
            regulates_source="TRRUST",
            species=arg,
            association_source="DisGeNET",
            diseases_from_associations=True,
            ortholog_source="TRRUST",
            modalities=frozenset({"edges", "features", "priors", "hetnet"}),
        )
    return DatasetSpec(
        f"trrust:{arg}", regulates_source="TRRUST", species=arg, modalities=frozenset({"edges", "features", "priors"})
    )


@key_form("collectri:human")
def collectri(arg: str | None) -> DatasetSpec:
    if arg not in (None, "human"):
        raise UnknownName(f"dataset collectri:{arg}: only collectri:human")
    return DatasetSpec(
        "collectri:human",
        regulates_source="CollecTRI",
        species="human",
        association_source="DisGeNET",
        diseases_from_associations=True,
        ortholog_source="TRRUST",
        modalities=frozenset({"edges", "features", "priors", "hetnet"}),
    )


@key_form("human (genome-wide)")
def human(arg: str | None = None) -> DatasetSpec:
    _no_arg("human", arg)
    return DatasetSpec(
        "human",
        regulates_source="CollecTRI+TRRUST",
        species="human",
        association_source="DisGeNET",
        diseases_from_associations=True,
        ortholog_source="TRRUST",
        modalities=frozenset({"edges", "features", "priors", "hetnet"}),
    )


@key_form("beeline:<Net>:<cell>:<size>")
def beeline(arg: str | None) -> DatasetSpec:
    m = re.fullmatch(r"([A-Za-z-]+):([A-Za-z0-9-]+):(\d+)", arg or "")
    if not m:
        raise UnknownName(f"dataset beeline:{arg}: expected beeline:<Net>:<cell>:<size>, e.g. beeline:Specific:hHEP:500")
    species = "human" if m[2].startswith("h") else "mouse"
    return DatasetSpec(
        f"beeline:{arg}",
        target_role="gene",
        regulates_source=f"BEELINE:{arg}",
        species=species,
        modalities=frozenset({"edges", "expression", "features", "priors"}),
        split_dir_hint=f"{m[2]} {m[3]}" if m[1] == "Specific" else None,
    )


@key_form("dream4:<10|100>-<n>")
def dream4(arg: str | None) -> DatasetSpec:
    m = re.fullmatch(r"(10|100)-([1-5])", arg or "")
    if not m:
        raise UnknownName(f"dataset dream4:{arg}: expected dream4:<10|100>-<1..5>, e.g. dream4:100-1")
    # Values are normalised so the network's maximum is 1; a change of 0.1 is well above the noise.
    return DatasetSpec(
        f"dream4:{arg}",
        target_role="gene",
        regulates_source="DREAM4",
        species="insilico",
        modalities=frozenset({"edges", "expression", "perturbations"}),
        changed_threshold=0.1,
    )


@key_form("morphic")
def morphic(arg: str | None = None) -> DatasetSpec:
    _no_arg("morphic", arg)
    return DatasetSpec("morphic", target_role="gene", modalities=frozenset({"perturbations", "features"}))


@key_form("bulk:flu|geuvadis")
def bulk(arg: str | None) -> DatasetSpec:
    if arg not in ("flu", "geuvadis"):
        raise UnknownName(f"dataset bulk:{arg}: expected bulk:flu or bulk:geuvadis (tfkg ingest expression)")
    return DatasetSpec(
        f"bulk:{arg}",
        target_role="gene",
        modalities=frozenset({"expression", "features", "priors"}),
        signed_prior_sources=("CollecTRI", "DoRothEA"),
    )


def _no_arg(family: str, arg: str | None) -> None:
    if arg:
        raise UnknownName(f"dataset {family} takes no ':{arg}'")


FAMILIES: Registry = Registry(
    "dataset family",
    {
        "hgetgi": "tfkg.data.datasets:hgetgi",
        "trrust": "tfkg.data.datasets:trrust",
        "collectri": "tfkg.data.datasets:collectri",
        "human": "tfkg.data.datasets:human",
        "beeline": "tfkg.data.datasets:beeline",
        "dream4": "tfkg.data.datasets:dream4",
        "morphic": "tfkg.data.datasets:morphic",
        "bulk": "tfkg.data.datasets:bulk",
    },
)


def key_forms() -> list[str]:
    """Every family's key form, in registry order (the ``--dataset`` help of the model commands)."""
    return [getattr(FAMILIES.get(f), "key_form", f) for f in FAMILIES.names()]


def dataset_spec(key: str) -> DatasetSpec:
    """The spec of a dataset key such as ``hgetgi``, ``trrust:mouse``, ``beeline:Specific:hHEP:500``,
    ``dream4:100-1``, ``morphic`` or ``bulk:flu``."""
    family, _, arg = key.partition(":")
    return FAMILIES.get(family)(arg or None)
