#!/usr/bin/env bash
# Runs the test suite against a real, disposable Neo4j (the "test" profile: 127.0.0.1:17687/17474).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
export TFKG_PROFILE=test TFKG_REQUIRE_NEO4J=1
.venv/bin/tfkg db install >/dev/null
# the server boots (~30 s, mostly waiting on the JVM) while the lint runs
start_log=$(mktemp)
start_pid=
trap '[ -n "$start_pid" ] && kill "$start_pid" 2>/dev/null; .venv/bin/tfkg db stop >/dev/null 2>&1 || true; rm -f "$start_log"' EXIT
.venv/bin/tfkg db start >"$start_log" 2>&1 &
start_pid=$!
bash scripts/lint.sh
wait "$start_pid" || { cat "$start_log"; exit 1; }
start_pid=
cat "$start_log"
.venv/bin/python -m pytest -q -p no:cacheprovider --durations=15 "$@"   # the slowest 15 listed at the end
