"""TF families: AnimalTFDB TF lists (human, mouse; Hu et al., NAR 2019) and the Lambert 2018 Human TFs (Cell 2018).

Attributes only, on Gene nodes already in the graph: ``tf_family_animaltfdb`` (AnimalTFDB ``Family``) or
``tf_family_lambert`` (Lambert ``DBD``, rows with ``Is TF? == Yes``), plus the TF label. The file kind is told by
its header; the species of an AnimalTFDB file by its ``Species`` column.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tfkg.ingest._common import drop_bad_symbols, first_line
from tfkg.ingest.base import Plan, Problem, dataset_row, normalize_species, read_rows

SOURCE = "TF-families"
DEFAULT_PATHS = [
    "animaltfdb/v3/Homo_sapiens_TF.txt",
    "animaltfdb/v3/Mus_musculus_TF.txt",
    "humantfs_lambert2018/DatabaseExtract_v_1.01.csv.gz",
]
ANIMALTFDB = "AnimalTFDB"
LAMBERT = "Lambert2018"
PROPERTY = {ANIMALTFDB: "tf_family_animaltfdb", LAMBERT: "tf_family_lambert"}


def _animaltfdb(path: Path, header: list[str], p: Plan) -> pd.DataFrame:
    rows = []
    for lineno, f in read_rows(path, len(header), p.problems, header=("Species", "Symbol", "Ensembl", "Family")):
        p.rows_read += 1
        rows.append((str(path), lineno, f[0], f[1], f[3]))
    df = pd.DataFrame(rows, columns=["file", "line", "species_raw", "symbol", "family"])
    species: dict[str, str | None] = {}
    for raw in pd.unique(df["species_raw"]):
        try:
            species[raw] = normalize_species(raw.replace("_", " "))
        except ValueError:
            species[raw] = None
    df["species"] = df["species_raw"].map(species)
    for r in df[df["species"].isna()].itertuples():
        p.problems.append(Problem(r.file, r.line, f"unknown species {r.species_raw[:40]!r} (Homo_sapiens/Mus_musculus)"))
    df = df[df["species"].notna()]
    for r in df[(df["family"] == "") & (df["symbol"] != "")].itertuples():
        p.problems.append(Problem(r.file, r.line, f"{r.symbol}: empty Family"))
    # AnimalTFDB v4 lists some TFs by Ensembl id only (empty Symbol): they cannot be matched to a gene node.
    no_symbol = int((df["symbol"] == "").sum())
    df = df[(df["symbol"] != "") & (df["family"] != "")]
    df = drop_bad_symbols(df, ["symbol"], df["species"], p.problems)
    sp = sorted(set(df["species"]))
    p.datasets.append(
        dataset_row(
            f"animaltfdb:{path.parent.name}:{'+'.join(sp)}",
            ANIMALTFDB,
            path.parent.name,
            [path],
            sp[0] if len(sp) == 1 else None,
            rows_without_symbol=no_symbol,
        )
    )
    return df[["symbol", "species", "family"]].assign(db=ANIMALTFDB)


def read_lambert(path: Path, header: list[str], p: Plan) -> pd.DataFrame:
    need = ("HGNC symbol", "DBD", "Is TF?")
    missing = [c for c in need if c not in header]
    if missing:
        p.problems.append(Problem(str(path), 1, f"header lacks column(s) {', '.join(missing)}"))
        return pd.DataFrame(columns=["symbol", "species", "family", "db"])
    col = {c: header.index(c) for c in need}
    rows = []
    for lineno, f in read_rows(path, len(header), p.problems, sep=",", header=tuple(header[:3])):
        p.rows_read += 1
        rows.append((str(path), lineno, f[col["HGNC symbol"]], f[col["DBD"]], f[col["Is TF?"]]))
    df = pd.DataFrame(rows, columns=["file", "line", "symbol", "family", "is_tf"])
    for r in df[~df["is_tf"].isin(["Yes", "No"])].itertuples():
        p.problems.append(Problem(r.file, r.line, f"'Is TF?' is {r.is_tf[:20]!r}, not Yes/No"))
    df = df[df["is_tf"] == "Yes"]
    for r in df[df["family"] == ""].itertuples():
        p.problems.append(Problem(r.file, r.line, f"{r.symbol}: empty DBD"))
    df = drop_bad_symbols(df[df["family"] != ""], ["symbol"], "human", p.problems)
    p.datasets.append(dataset_row("humantfs:lambert2018", LAMBERT, "DatabaseExtract v1.01", [path], "human", n_tfs=int(len(df))))
    return df[["symbol", "family"]].assign(species="human", db=LAMBERT)


def plan(paths: list[Path]) -> Plan:
    p = Plan(SOURCE)
    frames = []
    for path in paths:
        tab = first_line(path)
        if tab[:2] == ["Species", "Symbol"]:
            frames.append(_animaltfdb(path, tab, p))
            continue
        comma = first_line(path, sep=",")
        if "Is TF?" in comma:
            frames.append(read_lambert(path, comma, p))
            continue
        p.problems.append(
            Problem(
                str(path),
                1,
                "neither an AnimalTFDB TF list (Species, Symbol, …) nor the Lambert Human TFs extract (…, Is TF?, …)",
                "\t".join(tab)[:200],
            )
        )
    if not frames:
        return p
    df = pd.concat(frames, ignore_index=True)
    # A symbol listed twice (AnimalTFDB mouse: one per Ensembl gene) keeps every family it was given, joined by '|'.
    fam = (
        df.drop_duplicates()
        .groupby(["db", "species", "symbol"], sort=True)["family"]
        .agg(lambda s: "|".join(sorted(set(s))))
        .reset_index()
    )
    for db, part in fam.groupby("db", sort=True):
        props = [{PROPERTY[db]: f} for f in part["family"]]
        p.add(
            "merge_gene_attributes",
            pd.DataFrame(
                {"symbol": part["symbol"].to_numpy(), "species": part["species"].to_numpy(), "props": props, "tf": True}
            ),
            "node",
            f"TF family ({db}, existing genes)",
            source=db,
        )
    return p
