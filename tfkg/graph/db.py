"""A thin layer over the official driver: named queries, batched writes, one transaction per batch."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
from neo4j import Driver, GraphDatabase, RoutingControl

from tfkg import cypher
from tfkg.config import Connection, resolve_connection
from tfkg.errors import UnknownParameter


class Graph:
    """An open connection to one Neo4j database."""

    def __init__(self, conn: Connection | None = None):
        self.conn = conn or resolve_connection()
        # "property key does not exist" notices (optional properties read through coalesce) are not news
        # a managed transaction retries a lost server for TFKG_NEO4J_RETRY_S seconds (driver default 30) first
        self.driver: Driver = GraphDatabase.driver(
            self.conn.uri,
            auth=(self.conn.user, self.conn.password),
            notifications_disabled_classifications=["UNRECOGNIZED"],
            max_transaction_retry_time=float(os.environ.get("TFKG_NEO4J_RETRY_S", 30)),
        )
        self.database = self.conn.database

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> "Graph":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def run(self, name: str, **params: Any) -> list[dict]:
        """Run a named query (read or write) in one transaction and return its rows as dicts.

        Parameters the query names but the caller leaves out are sent as null, so queries can declare
        defaults with ``coalesce($p, default)``; a parameter the query does not use is refused."""
        # a read-only query is routed to a reader: with a neo4j:// URI on a cluster (or Aura) reads spread over
        # the secondaries; on one server (bolt://) routing changes nothing
        routing = RoutingControl.WRITE if cypher.writes(name) else RoutingControl.READ
        records, _, _ = self.driver.execute_query(
            cypher.load(name), self._parameters(name, params), database_=self.database, routing_=routing
        )
        return [r.data() for r in records]

    def _parameters(self, name: str, params: dict) -> dict:
        """``params`` checked against the query's, with the ones left out sent as null."""
        self.check_parameters(name, params)
        return {**{p: None for p in cypher.parameters(name)}, **params}

    @staticmethod
    def check_parameters(name: str, params: dict) -> None:
        known = cypher.parameters(name)
        unknown = sorted(set(params) - set(known))
        if unknown:
            raise UnknownParameter(
                f"query {name!r} has no parameter(s) {', '.join(unknown)}; it takes: {', '.join(known) or 'none'}"
            )

    def columns(self, name: str, **params: Any) -> list[dict]:
        """Like ``run`` for queries that return plain lists (columnar exports): the values are taken as the
        driver decoded them, without ``Record.data()``'s per-element walk (a third of an export's time)."""
        records, _, _ = self.driver.execute_query(cypher.load(name), self._parameters(name, params), database_=self.database)
        return [dict(zip(r.keys(), r.values())) for r in records]

    def frame(self, name: str, **params: Any) -> pd.DataFrame:
        rows = self.run(name, **params)
        return pd.DataFrame(rows)

    def cypher(self, text: str, **params: Any) -> list[dict]:
        """Run literal Cypher (tests and one-off maintenance; the package itself uses named queries)."""
        records, _, _ = self.driver.execute_query(text, params, database_=self.database)
        return [r.data() for r in records]

    def db_hits(self, name: str, **params: Any) -> int:
        """The named query's total db hits from ``PROFILE`` (what the serving budget test holds each guide query to)."""
        with self.driver.session(database=self.database) as session:
            result = session.run("PROFILE " + cypher.load(name), self._parameters(name, params))
            list(result)  # the profile is complete once the rows were read
            plan = result.consume().profile or {}

        def total(p: dict) -> int:
            return int(p.get("dbHits", 0)) + sum(total(c) for c in p.get("children", []))

        return total(plan)

    def run_autocommit(self, name: str, **params: Any) -> None:
        """Run a named query that manages its own transactions (``CALL … IN TRANSACTIONS``)."""
        with self.driver.session(database=self.database) as session:
            session.run(cypher.load(name), params).consume()

    def wipe(self) -> None:
        """Delete everything (disposable databases only): relationships first, then nodes, in batches."""
        self.run_autocommit("wipe_relationships")
        self.run_autocommit("wipe")

    def apply_schema(self) -> int:
        n = 0
        for stmt in cypher.statements("drop_legacy_indexes"):
            self.cypher(stmt)
        for stmt in cypher.statements("schema"):
            self.cypher(stmt)
            n += 1
        self.run_autocommit("migrate_symbol_upper")
        self.run("migrate_run_edges")
        self.run("await_indexes")
        return n

    def write_transaction(self, work: Callable[[Any], Any]) -> Any:
        """Run ``work(tx)`` in one managed write transaction (retried on transient errors)."""
        with self.driver.session(database=self.database) as session:
            return session.execute_write(work)

    def versions(self) -> dict:
        """Neo4j version and edition, and the GDS and APOC versions (None when a plugin is absent)."""
        v = self.run("versions")[0]
        present = self.run("plugin_functions")[0]["present"]
        v["gds"] = self.run("gds_version")[0]["version"] if "gds.version" in present else None
        v["apoc"] = self.run("apoc_version")[0]["version"] if "apoc.version" in present else None
        return v

    def write_rows(self, name: str, rows: Sequence[dict], **params: Any) -> None:
        """Run a named ``UNWIND $rows`` query over a few dict rows in one transaction."""
        query = cypher.load(name)
        self.check_parameters(name, {"rows": None, **params})
        self.write_transaction(lambda tx: tx.run(query, rows=list(rows), **params).consume())

    def write_batches(
        self,
        name: str,
        frame: pd.DataFrame,
        batch_size: int = 10_000,
        on_batch: Callable[[int], None] | None = None,
        **params: Any,
    ) -> int:
        """Run a named columnar query over ``frame``, one write transaction per batch.

        The batch travels as one map of columns ``$c`` (``{col: [values…]}``) and the query walks it with
        ``UNWIND range(0, size($c.col) - 1) AS i``: a quarter faster than a list of row maps, because
        each row's keys are not encoded and decoded again.
        """
        query = cypher.load(name)
        self.check_parameters(name, {"c": None, **params})
        done = 0
        with self.driver.session(database=self.database) as session:
            for start in range(0, len(frame), batch_size):
                part = frame.iloc[start : start + batch_size]
                cols = {c: _column(part[c]) for c in part.columns}

                def write(tx, cols: dict = cols) -> None:
                    tx.run(query, c=cols, **params).consume()

                session.execute_write(write)
                done += len(part)
                if on_batch:
                    on_batch(len(part))
        return done


def _column(s: pd.Series) -> list:
    """A column as plain Python values, with NaN/NA turned into null."""
    if s.dtype.kind in "biu":
        return s.tolist()
    if s.dtype.kind == "f":
        return s.astype(object).where(s.notna(), None).tolist()
    return [None if (v is None or (isinstance(v, float) and v != v) or v is pd.NA) else v for v in s.tolist()]


def connect(**kwargs: Any) -> Graph:
    return Graph(resolve_connection(**kwargs))
