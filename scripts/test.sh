#!/usr/bin/env bash
# The test command: installs the reference tools the cross-checks use, then runs every test.
#
# Validata (PyPI validata-table 0.12.5) goes into a virtual environment under target/ so
# the differential test can compare socle's findings with it. Without network access to
# PyPI the differential test is skipped with a message; every other test still runs.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=target/reference-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import validata_core" >/dev/null 2>&1; then
    echo "== installing validata-table 0.12.5 into $venv"
    mkdir -p target
    if python3 -m venv "$venv" && "$venv/bin/pip" install --quiet --disable-pip-version-check validata-table==0.12.5; then
        echo "validata-table installed"
    else
        echo "warning: could not install validata-table; the differential test will be skipped" >&2
    fi
fi
if [ -x "$venv/bin/python" ]; then
    export SOCLE_VALIDATA_PYTHON="$PWD/$venv/bin/python"
fi

if cargo nextest --version >/dev/null 2>&1; then
    cargo nextest run --workspace --profile ci "$@"
    # nextest does not run doctests.
    cargo test --workspace --doc --quiet
else
    echo "cargo-nextest not found; running cargo test" >&2
    cargo test --workspace "$@"
fi
