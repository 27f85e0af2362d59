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
