#!/usr/bin/env bash
# Fails when an engine crate depends, even indirectly, on a web framework, an async
# runtime, an HTTP client or a database driver. The engines must stay usable from any shell.
set -euo pipefail
cd "$(dirname "$0")/.."

engines=(tableschema validate scdl i18n dcat)
for optional in privacy totem; do
    if [ -f "crates/$optional/Cargo.toml" ]; then engines+=("$optional"); fi
done
forbidden=(axum tokio hyper reqwest ureq sqlx rusqlite postgres async-std)

status=0
for engine in "${engines[@]}"; do
    for crate in "${forbidden[@]}"; do
        if cargo tree -p "$engine" -e normal -i "$crate" >/dev/null 2>&1; then
            echo "engine crate '$engine' depends on '$crate'" >&2
            status=1
        fi
    done
done
if [ "$status" -eq 0 ]; then
    echo "ok: ${engines[*]} depend on none of: ${forbidden[*]}"
fi
exit "$status"
