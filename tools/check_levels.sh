#!/usr/bin/env bash
# Levelization check: a file under src/<layer> must never include a header of a layer
# ranked higher (docs: DESIGN.md, "Layers"), nor one of another layer of the same rank (web
# and api are two translations of the same services, neither built on the other). Prints
# every offending include and exits 1.
#
#   tools/check_levels.sh [ROOT]     ROOT defaults to the repository root
#
# Includes are written from src/, as "core/money.hpp" or "storage/sqlite/sqlite_store.hpp";
# the first path component names the layer.
set -euo pipefail

root="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
src="$root/src"
[[ -d $src ]] || { echo "check_levels: no src folder under $root" >&2; exit 2; }

declare -A level=(
    [core]=0
    [ledger]=1
    [storage]=2
    [analytics]=2
    [service]=3
    [http]=4
    [web]=5
    [api]=5
    [app]=6
)

violations=0
checked=0

for layer_dir in "$src"/*/; do
    layer="$(basename "$layer_dir")"
    if [[ -z ${level[$layer]+set} ]]; then
        echo "src/$layer: folder without a level; add it to tools/check_levels.sh"
        violations=$((violations + 1))
        continue
    fi
    own_level=${level[$layer]}
    while IFS= read -r -d '' file; do
        checked=$((checked + 1))
        line_number=0
        while IFS= read -r line || [[ -n $line ]]; do
            line_number=$((line_number + 1))
            [[ $line =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*[\"\<]([^\"\>]+)[\"\>] ]] || continue
            header="${BASH_REMATCH[1]}"
            [[ $header == */* ]] || continue
            target="${header%%/*}"
            [[ -n ${level[$target]+set} ]] || continue
            if ((level[$target] > own_level)); then
                echo "${file#"$root"/}:$line_number: $layer (level $own_level) includes \"$header\" ($target, level ${level[$target]})"
                violations=$((violations + 1))
            elif ((level[$target] == own_level)) && [[ $target != "$layer" ]]; then
                echo "${file#"$root"/}:$line_number: $layer includes \"$header\" of $target, a layer of the same level ($own_level)"
                violations=$((violations + 1))
            fi
        done <"$file"
    done < <(find "$layer_dir" -type f \( -name '*.hpp' -o -name '*.cpp' -o -name '*.h' \
        -o -name '*.ipp' \) -print0 | sort -z)
done

if ((violations > 0)); then
    echo "check_levels: $violations violation(s) in $checked files" >&2
    exit 1
fi
echo "check_levels: $checked files, no include breaks the layers"
