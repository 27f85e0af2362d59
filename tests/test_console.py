"""Console helpers: the driver's retry warnings are counted and summarised, not dumped."""

from __future__ import annotations

import logging

from tfkg.console import quiet_driver_retries


def test_driver_retry_warnings_are_counted_not_printed(capsys):
    log = logging.getLogger("neo4j.work")
    with quiet_driver_retries() as retries:
        for _ in range(3):
            log.warning("Transaction failed and will be retried in 1.1s (DeadlockDetected)")
        log.warning("something else")
    captured = capsys.readouterr()
    assert retries.count == 3
    assert "retried" not in captured.err and "something else" in captured.err
    assert logging.getLogger("neo4j").propagate is True and not logging.getLogger("neo4j").handlers


def test_tables_fit_80_columns_without_cutting_short_values():
    import io

    import pandas as pd
    from rich.console import Console

    from tfkg.console import print_frame

    df = pd.DataFrame(
        {
            "target": ["IL6", "VEGFA"],
            "tf_rank": [1, 2],
            "score": [3.14159, 2.5],
            "known_sources": [["TRRUST", "HGETGI", "BEELINE:Specific:hHEP:500"], []],
            "example_diseases": [["Malignant neoplasm of prostate", "Rheumatoid arthritis", "Asthma"], []],
            "runs": [["ens-demo-20261126T101010"], ["ens-demo-20261126T101010"]],
        }
    )
    buf = io.StringIO()
    print_frame(df, title="STAT3", out=Console(file=buf, width=80))
    text = buf.getvalue()
    assert all(len(line) <= 80 for line in text.splitlines())
    for value in ("VEGFA", "tf_rank", "3.142", "target"):  # short values and headers whole
        assert value in text
    assert "ens-demo-20261126T101010" in "".join(text.split()).replace("│", "")  # long ones wrapped, not cut
    # far too many columns for 80: one block of `column value` lines per row, nothing cut
    wide = pd.DataFrame({f"column_{i}": [f"value_{i}_long_text"] for i in range(12)})
    buf = io.StringIO()
    print_frame(wide, out=Console(file=buf, width=80))
    assert "row 1" in buf.getvalue() and all(f"value_{i}_long_text" in buf.getvalue() for i in range(12))
