"""tfkg activity's inputs: DE tables and gene lists, and every bad input as one line with file and line."""

from __future__ import annotations

import numpy as np
import pytest

from tfkg.activity.inputs import read_de_table, read_gene_list
from tfkg.errors import InputError

HEAD = "contrast\tgene\tstat\n"


def _write(tmp_path, text, name="de.tsv"):
    p = tmp_path / name
    p.write_text(text)
    return p


def test_a_de_table_becomes_contrasts_by_genes(tmp_path):
    p = _write(tmp_path, HEAD + "a\tSTAT1\t2.5\na\tIRF1\t-1\nb\tSTAT1\t0.5\n")
    con = read_de_table(p)
    assert list(con.stat.index) == ["a", "b"] and set(con.stat.columns) == {"STAT1", "IRF1"}
    assert con.stat.at["a", "STAT1"] == 2.5 and np.isnan(con.stat.at["b", "IRF1"])  # not measured in b
    assert con.kind == "statistic" and con.design.at["a", "perturbed"] == []


def test_log2fc_and_pvalue_make_the_statistic_and_a_knockout_flips_it(tmp_path):
    p = _write(
        tmp_path,
        "experiment\tgene\tlog2fc\tpvalue\tperturbed\tperturbation\n"
        "ko\tSTAT1\t-2\t0.001\tSTAT1\tknockout\nko\tIRF1\t1\t0.05\tSTAT1\tknockout\n",
        "de.csv.tsv",
    )
    con = read_de_table(p)
    # z of p = 0.001 two-sided is 3.29; a knockout's statistics are flipped so the lost TF's targets read positive
    assert con.stat.at["ko", "STAT1"] == pytest.approx(3.29, abs=0.01)
    assert con.stat.at["ko", "IRF1"] == pytest.approx(-1.96, abs=0.01)
    assert con.design.at["ko", "perturbed"] == ["STAT1"]


def test_without_a_contrast_column_the_file_is_one_contrast(tmp_path):
    con = read_de_table(_write(tmp_path, "gene\tstat\nSTAT1\t1\n", "flu_late.tsv"))
    assert list(con.stat.index) == ["flu_late"]


@pytest.mark.parametrize(
    "text,line,why",
    [
        (HEAD + "a\tSTAT1\t1\na\tSTAT1\t2\n", 3, "appears twice in contrast 'a' \\(first on line 2\\)"),
        (HEAD + "a\tSTAT1\tNaN\n", 2, "no statistic"),
        (HEAD + "a\tSTAT1\t1\na\tIRF1\tup\n", 3, "stat 'up' is not a number"),
        (HEAD + "a\tStat1\t1\n", 2, "mouse \\(MGI\\) case but the species is human"),
        (HEAD + "a\t7-Sep\t1\n", 2, "Excel-mangled"),
        ("gene\tlog2fc\nSTAT1\t1\n", 1, "needs a gene column and stat, or log2fc and pvalue"),
        ("gene\tstat\tfoo\nSTAT1\t1\tx\n", 1, "unknown column\\(s\\) foo"),
        (HEAD, 2, "no rows under the header"),
        ("", 1, "empty file"),
        ("gene\tlog2fc\tpvalue\nSTAT1\t1\t1.5\n", 2, "pvalue 1.5 is not in \\[0, 1\\]"),
        (
            "contrast\tgene\tstat\tperturbation\na\tSTAT1\t1\tknockout\na\tIRF1\t1\tknockdown\n",
            3,
            "another perturbation",
        ),
    ],
)
def test_bad_tables_say_file_line_and_reason(tmp_path, text, line, why):
    p = _write(tmp_path, text)
    with pytest.raises(InputError, match=f"^{p}:{line}: .*{why}"):
        read_de_table(p)


def test_a_gene_list(tmp_path):
    con = read_gene_list(_write(tmp_path, "# interferon genes\nSTAT1\nIRF1  # a comment\n\nMX1\n", "ifn.txt"))
    assert list(con.stat.index) == ["ifn"] and list(con.stat.columns) == ["STAT1", "IRF1", "MX1"]
    assert con.kind == "gene list"
    with pytest.raises(InputError, match=":3: gene STAT1 is listed twice"):
        read_gene_list(_write(tmp_path, "STAT1\nIRF1\nSTAT1\n", "dup.txt"))
    with pytest.raises(InputError, match="no gene in the list"):
        read_gene_list(_write(tmp_path, "# nothing\n", "empty.txt"))
    with pytest.raises(InputError, match=":2: .*mouse"):
        read_gene_list(_write(tmp_path, "STAT1\nIrf1\n", "mouse.txt"))
