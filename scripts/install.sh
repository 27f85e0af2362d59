#!/usr/bin/env bash
# Installs tfkg into ./.venv (Python packages from PyPI, the exact versions and hashes of requirements.lock) and
# Neo4j 5.26 + GDS + APOC + Browser from Maven Central (into ~/.cache/tfkg). Safe to run again: everything is cached.
# TFKG_UNLOCKED=1: the newest versions pyproject.toml allows instead of the lock (to try an upgrade: scripts/lock.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
if [ "${TFKG_UNLOCKED:-}" = 1 ]; then
  .venv/bin/python -m pip install -q --upgrade --upgrade-strategy eager -e '.[test,docs,fast]'
else
  .venv/bin/python -m pip install -q --require-hashes -r requirements.lock
  .venv/bin/python -m pip install -q --no-deps -e .   # tfkg itself: its dependencies are the lock's
fi
.venv/bin/tfkg db install
