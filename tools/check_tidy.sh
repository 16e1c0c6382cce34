#!/usr/bin/env bash
# clang-tidy with the root .clang-tidy on every translation unit of src/ (or of the folders
# given), as compiled in BUILD_DIR/compile_commands.json.
# Any finding fails (WarningsAsErrors). Registered with CTest as `check_tidy` (label lint).
#
#   tools/check_tidy.sh [BUILD_DIR [FOLDER...]]      BUILD_DIR defaults to build
set -euo pipefail

root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root_dir"

build_dir="${1:-build}"
[[ $# -gt 0 ]] && shift
folders=("$@")
[[ ${#folders[@]} -gt 0 ]] || folders=(src)

tidy="$(command -v clang-tidy-14 || command -v clang-tidy || true)"
[[ -n $tidy ]] || { echo "check_tidy: clang-tidy-14 is not installed (scripts/dev setup)" >&2; exit 1; }
database="$build_dir/compile_commands.json"
[[ -f $database ]] || { echo "check_tidy: no $database; build first (scripts/dev build)" >&2; exit 1; }

pattern="$(printf '%s/|' "${folders[@]}")"
mapfile -t files < <(sed -n 's/^ *"file": "\(.*\)",\{0,1\}$/\1/p' "$database" |
    grep -E "^$root_dir/(${pattern%|})" | sort -u)
[[ ${#files[@]} -gt 0 ]] || { echo "check_tidy: no translation units under ${folders[*]}" >&2; exit 1; }

# Clean results are kept by tools/tidy_cache.py under a key of everything they depend on, so
# only units whose inputs changed are checked again. BANK_TIDY_CACHE=off checks every unit.
cache_dir="${BANK_TIDY_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/bank/clang-tidy}"
pending=()
keys=()
if [[ ${BANK_TIDY_CACHE:-on} == off ]]; then
    pending=("${files[@]}")
    for _ in "${files[@]}"; do keys+=(none); done
else
    mkdir -p "$cache_dir"
    # Keys are empty files; those of code long gone are dropped (a unit found there again is
    # only checked once more).
    find "$cache_dir" -type f -mtime +60 -delete
    while IFS=$'\t' read -r file key; do
        pending+=("$file")
        keys+=("$key")
    done < <(python3 tools/tidy_cache.py "$root_dir" "$build_dir" "$cache_dir" "$tidy" "${files[@]}")
fi
echo "check_tidy: ${#pending[@]} of ${#files[@]} files to check (the others are clean under the same inputs)"

report="$(mktemp)"
trap 'rm -f "$report"' EXIT
status=0
# Two at a time: the machine's cores are shared with the build and the other tests. A unit
# found clean is remembered under its key.
check_unit() {
    "$tidy" -p "$build_dir" --quiet "$1" || return
    [[ $2 == none ]] || : >"$cache_dir/$2"
}
export -f check_unit
export tidy build_dir cache_dir
if [[ ${#pending[@]} -gt 0 ]]; then
    for index in "${!pending[@]}"; do printf '%s\0%s\0' "${pending[$index]}" "${keys[$index]}"; done |
        xargs -0 -n 2 -P "${BANK_JOBS:-2}" bash -c 'check_unit "$@"' _ >"$report" 2>&1 || status=$?
fi
grep -v -E '^[0-9]+ warnings? (and [0-9]+ errors? )?generated\.$|^Suppressed [0-9]+ warnings|^Use -header-filter' \
    "$report" || true
if [[ $status -ne 0 ]]; then
    echo "check_tidy: findings in ${folders[*]} (${#pending[@]} files checked)" >&2
    exit 1
fi
echo "check_tidy: ${#files[@]} files of ${folders[*]} are clean"
