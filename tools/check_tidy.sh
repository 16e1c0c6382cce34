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
# Each bundle is checked as one unit (tools/tidy_bundles.py says why); a clean bundle marks
# every unit in it clean under its key. A bundle whose units do not compile together is checked
# unit by unit. Two at a time: the machine's cores are shared with the build and the other
# tests. The bundle file #includes .cpp files, which bugprone-suspicious-include would report
# on the bundle itself; the same rule for src/ is the grep below.
check_unit() {
    "$tidy" -p "$build_dir" --config-file="$root_dir/.clang-tidy" --quiet "$1" || return
    [[ $2 == none ]] || : >"$cache_dir/$2"
}
check_bundle() {
    local bundle="$1" output key
    local -a keys files
    IFS=, read -r -a keys <<<"$2"
    IFS=, read -r -a files <<<"$3"
    if output="$("$tidy" -p "$bundle_dir" --config-file="$root_dir/.clang-tidy" --quiet \
        --checks=-bugprone-suspicious-include "$bundle" 2>&1)"; then
        for key in "${keys[@]}"; do [[ $key == none ]] || : >"$cache_dir/$key"; done
        return 0
    fi
    if grep -q 'clang-diagnostic-error' <<<"$output"; then
        echo "check_tidy: the units of $bundle do not compile as one; checking them one by one"
        local failed=0
        for index in "${!files[@]}"; do check_unit "${files[$index]}" "${keys[$index]}" || failed=1; done
        return $failed
    fi
    printf '%s\n' "$output"
    return 1
}
export -f check_unit check_bundle
bundle_dir="$build_dir/tidy-bundles"
export tidy build_dir cache_dir bundle_dir root_dir
if grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"][^>"]*\.(c|cc|cpp|cxx)[>"]' src >"$report"; then
    cat "$report"
    echo "check_tidy: a file of src/ includes a .cpp file (bugprone-suspicious-include)" >&2
    exit 1
fi
if [[ ${#pending[@]} -gt 0 ]]; then
    for index in "${!pending[@]}"; do printf '%s\t%s\n' "${pending[$index]}" "${keys[$index]}"; done |
        python3 tools/tidy_bundles.py "$build_dir" "$bundle_dir" "${BANK_TIDY_BUNDLE_SIZE:-20}" |
        tr '\t\n' '\0\0' | xargs -0 -n 3 -P "${BANK_JOBS:-2}" bash -c 'check_bundle "$@"' _ \
        >"$report" 2>&1 || status=$?
fi
grep -v -E '^[0-9]+ warnings? (and [0-9]+ errors? )?generated\.$|^Suppressed [0-9]+ warnings|^Use -header-filter' \
    "$report" || true
if [[ $status -ne 0 ]]; then
    echo "check_tidy: findings in ${folders[*]} (${#pending[@]} files checked)" >&2
    exit 1
fi
echo "check_tidy: ${#files[@]} files of ${folders[*]} are clean"
