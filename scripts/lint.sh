#!/usr/bin/env bash
# The checks CI holds every change to, before the tests: ruff lint + format, mypy on tfkg/, generated docs
# current, and the docs site built strict (a broken link fails). Run after scripts/install.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1
t0=$SECONDS
.venv/bin/ruff check tfkg tests benchmarks scripts
.venv/bin/ruff format --check tfkg tests benchmarks scripts || { echo "run: .venv/bin/ruff format tfkg tests benchmarks scripts"; exit 1; }
.venv/bin/mypy
.venv/bin/python scripts/gen_docs.py --check
site=$(mktemp -d)
trap 'rm -rf "$site"' EXIT
.venv/bin/mkdocs build --strict --quiet --site-dir "$site"
grep -q "tfkg ingest" "$site/cli/index.html" || { echo "the CLI reference page lacks the commands"; exit 1; }
echo "lint: ruff, ruff format, mypy, generated docs, mkdocs --strict passed in $((SECONDS - t0)) s"
