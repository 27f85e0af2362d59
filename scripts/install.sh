#!/usr/bin/env bash
# Installs tfkg into ./.venv (Python packages from PyPI) and Neo4j 5.26 + GDS + APOC + Browser from
# Maven Central (into ~/.cache/tfkg). Safe to run again: everything is cached.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test,docs]' neo4j-rust-ext
.venv/bin/tfkg db install
