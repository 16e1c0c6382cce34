#!/usr/bin/env bash
# clang-format check (the root .clang-format, clang-format-14) of every C++ file of the tree.
# Files under a path listed in tools/format_pending.txt are reported but do not fail the
# check: they are being reworked and get formatted once that work has landed. Registered
# with CTest as `check_format` (label lint).
#
#   tools/check_format.sh          report; fail when a file outside the pending list differs
#   tools/check_format.sh --fix    format, in place, every file outside the pending list
set -euo pipefail

root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root_dir"

fix=false
[[ ${1:-} == --fix ]] && fix=true

format="$(command -v clang-format-14 || command -v clang-format || true)"
[[ -n $format ]] || { echo "check_format: clang-format-14 is not installed (scripts/dev setup)" >&2; exit 1; }

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    mapfile -t files < <(git ls-files --cached --others --exclude-standard -- \
        '*.cpp' '*.hpp' '*.h' | sort -u)
else
    mapfile -t files < <(find src tests fuzz bench -name '*.cpp' -o -name '*.hpp' -o -name '*.h' 2>/dev/null | sort)
fi

pending_paths=()
if [[ -f tools/format_pending.txt ]]; then
    mapfile -t pending_paths < <(sed -e 's/#.*//' -e 's/[[:space:]]*$//' tools/format_pending.txt | grep -v '^$')
fi
is_pending() {
    local path
    for path in "${pending_paths[@]}"; do
        [[ $1 == "$path" || $1 == "${path%/}/"* ]] && return 0
    done
    return 1
}

failing=() pending=() formatted=()
for file in "${files[@]}"; do
    [[ -f $file ]] || continue
    if is_pending "$file"; then
        cmp -s "$file" <("$format" --style=file "$file") || pending+=("$file")
    else
        formatted+=("$file")
    fi
done
checked=$((${#formatted[@]} + ${#pending[@]}))

# One clang-format for all the other files (a process per file took a minute and a half of
# CI); --dry-run names each file that differs in a "<file>:<line>:<col>: error:" line.
if [[ ${#formatted[@]} -gt 0 ]]; then
    if $fix; then
        printf '%s\0' "${formatted[@]}" | xargs -0 "$format" --style=file -i
    else
        mapfile -t failing < <(printf '%s\0' "${formatted[@]}" |
            xargs -0 "$format" --style=file --dry-run 2>&1 |
            sed -n 's/^\(.*\):[0-9]*:[0-9]*: \(error\|warning\): .*/\1/p' | sort -u)
    fi
fi

if [[ ${#pending[@]} -gt 0 ]]; then
    echo "check_format: ${#pending[@]} file(s) on the pending list differ (reported only):"
    printf '  %s\n' "${pending[@]}"
fi
if [[ ${#failing[@]} -gt 0 ]]; then
    echo "check_format: ${#failing[@]} file(s) are not clang-formatted (fix: tools/check_format.sh --fix):" >&2
    printf '  %s\n' "${failing[@]}" >&2
    for file in "${failing[@]:0:5}"; do
        diff -u "$file" <("$format" --style=file "$file") | head -n 20 >&2 || true
    done
    exit 1
fi
echo "check_format: $checked files checked, all outside the pending list are formatted"
