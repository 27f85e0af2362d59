#!/usr/bin/env bash
# Runs the test suite against real, disposable Neo4j servers: two pytest-xdist workers, each with its own managed
# server (profiles "test", 127.0.0.1:17687/17474, and "test2", 17787/17574): one worker keeps the 2 cores about half
# busy (it waits on its server), two took 345-467 s where one took 489-493 s (2026-12-04, the same machine).
# A plain `pytest` (no `-n`) runs everything in one process against the "test" server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
export TFKG_PROFILE=test TFKG_REQUIRE_NEO4J=1
.venv/bin/tfkg db install >/dev/null
PROFILES=(test test2)
logs=$(mktemp -d)
pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for p in "${PROFILES[@]}"; do TFKG_PROFILE=$p .venv/bin/tfkg db stop >/dev/null 2>&1 || true; done
  rm -rf "$logs"
}
trap stop_all EXIT
for p in "${PROFILES[@]}"; do  # the servers boot while the lint runs
  TFKG_PROFILE=$p .venv/bin/tfkg db start >"$logs/$p" 2>&1 &
  pids+=($!)
done
bash scripts/lint.sh
for i in "${!PROFILES[@]}"; do
  wait "${pids[$i]}" || { cat "$logs/${PROFILES[$i]}"; exit 1; }
done
pids=()
cat "$logs/test"
# --dist loadfile: a file's tests share a worker (module fixtures such as the Browser test's demo graph build once);
# --no-loadscope-reorder: files go out in collection order, the tests marked slow first (tests/conftest.py)
.venv/bin/python -m pytest -q -p no:cacheprovider -n 2 --dist loadfile --no-loadscope-reorder --durations=15 "$@"   # the slowest 15 listed at the end
