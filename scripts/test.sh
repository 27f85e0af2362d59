#!/usr/bin/env bash
# Runs the test suite against a real, disposable Neo4j (the "test" profile: 127.0.0.1:17687/17474).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
bash scripts/lint.sh
export TFKG_PROFILE=test TFKG_REQUIRE_NEO4J=1
.venv/bin/tfkg db install >/dev/null
.venv/bin/tfkg db start
trap '.venv/bin/tfkg db stop >/dev/null 2>&1 || true' EXIT
.venv/bin/python -m pytest -q -p no:cacheprovider --durations=15 "$@"   # the slowest 15 listed at the end
