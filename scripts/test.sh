#!/usr/bin/env bash
# The test command: installs the reference tools the cross-checks use, then runs every test.
#
# The reference tools come from PyPI into one virtual environment under target/: Validata
# (validata-table) for the differential validation test, the ckanapi client for the CKAN
# API test, rdflib and pyshacl for the DCAT-AP checks. Without network access to PyPI the
# tests that need them are skipped with a message; every other test still runs.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=target/reference-venv
packages=(validata-table==0.12.5 ckanapi==4.8 rdflib==7.6.0 pyshacl==0.40.1)
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import validata_core, ckanapi, rdflib, pyshacl" >/dev/null 2>&1; then
    echo "== installing ${packages[*]} into $venv"
    mkdir -p target
    if python3 -m venv "$venv" && "$venv/bin/pip" install --quiet --disable-pip-version-check "${packages[@]}"; then
        echo "reference tools installed"
    else
        echo "warning: could not install the reference tools; the tests that need them will be skipped" >&2
    fi
fi
if [ -x "$venv/bin/python" ]; then
    # The differential validation test reads the first name, the API and DCAT tests the second.
    export SOCLE_VALIDATA_PYTHON="$PWD/$venv/bin/python"
    export SOCLE_REFERENCE_PYTHON="$PWD/$venv/bin/python"
fi

if cargo nextest --version >/dev/null 2>&1; then
    cargo nextest run --workspace --profile ci "$@"
    # nextest does not run doctests.
    cargo test --workspace --doc --quiet
else
    echo "cargo-nextest not found; running cargo test" >&2
    cargo test --workspace "$@"
fi
