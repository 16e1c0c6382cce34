#!/usr/bin/env bash
# STYLE.md keeps files focused: no C++ file under src/ longer than 500 lines. (Function
# length, about 70 lines at most, is clang-tidy's readability-function-size in .clang-tidy.)
# Prints every file over the limit and exits 1. Registered with CTest as `check_file_sizes`
# (label lint).
#
#   tools/check_file_sizes.sh [ROOT]     ROOT defaults to the repository root
set -euo pipefail

root="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
lines_max=500
[[ -d $root/src ]] || { echo "check_file_sizes: no src folder under $root" >&2; exit 2; }

too_long=0
checked=0
while IFS= read -r -d '' file; do
    checked=$((checked + 1))
    lines=$(wc -l <"$file")
    if ((lines > lines_max)); then
        echo "${file#"$root"/}: $lines lines (at most $lines_max)"
        too_long=$((too_long + 1))
    fi
done < <(find "$root/src" -type f \( -name '*.cpp' -o -name '*.hpp' \) -print0)

if ((too_long > 0)); then
    echo "check_file_sizes: $too_long of $checked files are longer than $lines_max lines" >&2
    exit 1
fi
echo "check_file_sizes: all $checked files of src/ are at most $lines_max lines"
