"""Contrasts from an expression matrix and a sample sheet (PyDESeq2 for counts, SciPy t-tests for log-expression)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from tfkg.activity.expression import contrasts_from_expression
from tfkg.errors import InputError

GENES = [f"GENE{i}" for i in range(40)]


def _files(tmp_path, x: pd.DataFrame, sheet: pd.DataFrame):
    m, s = tmp_path / "expr.tsv", tmp_path / "samples.tsv"
    x.rename_axis("gene").reset_index().to_csv(m, sep="\t", index=False)
    sheet.rename_axis("sample").reset_index().to_csv(s, sep="\t", index=False)
    return m, s


def _log_data(seed=0):
    rng = np.random.default_rng(seed)
    subjects = [f"s{i}" for i in range(6)]
    cols, rows = [], []
    base = rng.normal(8, 1, (40, 6))
    for h in (0, 60, 69):
        for j, sub in enumerate(subjects):
            cols.append(f"{sub}_h{h}")
            rows.append({"Subject": sub, "Hours": str(h), "Condition": "sx" if j < 5 else "asx"})
    x = np.concatenate(
        [base + rng.normal(0, 0.2, (40, 6)) + (1.5 if h else 0) * (np.arange(40) < 5)[:, None] for h in (0, 60, 69)], axis=1
    )
    return pd.DataFrame(x, index=GENES, columns=cols), pd.DataFrame(rows, index=cols)


def test_log_expression_paired_t_test_over_subjects(tmp_path):
    x, sheet = _log_data()
    m, s = _files(tmp_path, x, sheet)
    con = contrasts_from_expression(m, s, ["Hours:60|69-0"], pair="Subject", where=["Condition=sx"])
    t = con.stat.loc["Hours:60|69-0"]
    sx = sheet.index[sheet["Condition"] == "sx"]
    late = (
        x[[c for c in sx if not c.endswith("_h0")]]
        .T.groupby(sheet.loc[[c for c in sx if not c.endswith("_h0")], "Subject"])
        .mean()
        .T
    )
    early = x[[c for c in sx if c.endswith("_h0")]].T.groupby(sheet.loc[[c for c in sx if c.endswith("_h0")], "Subject"]).mean().T
    want = stats.ttest_rel(late.to_numpy(), early[late.columns].to_numpy(), axis=1).statistic
    np.testing.assert_allclose(t.to_numpy(), want, rtol=1e-9)
    assert (t.iloc[:5] > 5).all() and (t.iloc[5:].abs() < t.iloc[:5].min()).all()  # the five genes that rose
    assert "t-test" in con.source


def test_counts_go_through_pydeseq2(tmp_path):
    rng = np.random.default_rng(1)
    mu = rng.uniform(50, 500, 40)
    groups = ["a"] * 4 + ["b"] * 4
    lam = np.outer(mu, np.ones(8)) * np.where((np.arange(40) < 4)[:, None] & (np.array(groups) == "a")[None, :], 4.0, 1.0)
    x = pd.DataFrame(rng.poisson(lam), index=GENES, columns=[f"c{i}" for i in range(8)])
    sheet = pd.DataFrame({"group": groups}, index=x.columns)
    m, s = _files(tmp_path, x, sheet)
    con = contrasts_from_expression(m, s, ["group:a-b"])
    t = con.stat.loc["group:a-b"]
    assert "PyDESeq2" in con.source
    assert (t.iloc[:4] > 4).all() and t.iloc[4:].abs().max() < t.iloc[:4].min()


@pytest.mark.parametrize(
    "contrast,kw,why",
    [
        ("Hours:999-0", {}, "samples.tsv:1: column Hours has no sample with value '999'"),
        ("Nope:1-0", {}, "samples.tsv:1: contrast 'Nope:1-0': expected COLUMN:A-B with a column"),
        ("Hours:60-0", {"pair": "Donor"}, "--pair 'Donor' is not a column"),
        ("Hours:60-60", {}, "a sample is in both groups"),
    ],
)
def test_bad_contrasts(tmp_path, contrast, kw, why):
    x, sheet = _log_data()
    m, s = _files(tmp_path, x, sheet)
    with pytest.raises(InputError, match=why.replace("(", "\\(").replace(")", "\\)").replace("|", "\\|")):
        contrasts_from_expression(m, s, [contrast], **kw)


def test_bad_matrices(tmp_path):
    x, sheet = _log_data()
    bad = x.astype(object)
    bad.iloc[3, 2] = "high"
    m, s = _files(tmp_path, bad, sheet)
    with pytest.raises(InputError, match="expr.tsv:5: sample s2_h0: 'high' is not a number"):
        contrasts_from_expression(m, s, ["Hours:60-0"])
    x, sheet = _log_data()
    m, s = _files(tmp_path, x.rename(index={"GENE7": "Gene7"}), sheet)
    with pytest.raises(InputError, match="expr.tsv:9: .*mouse"):
        contrasts_from_expression(m, s, ["Hours:60-0"])
    m, s = _files(tmp_path, x, sheet.drop(index="s1_h60"))
    with pytest.raises(InputError, match="sample s1_h60 of .*expr.tsv is not in the sheet"):
        contrasts_from_expression(m, s, ["Hours:60-0"])
