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

report="$(mktemp)"
trap 'rm -f "$report"' EXIT
status=0
# Two at a time: the machine's cores are shared with the build and the other tests.
printf '%s\0' "${files[@]}" |
    xargs -0 -n 1 -P "${BANK_JOBS:-2}" "$tidy" -p "$build_dir" --quiet >"$report" 2>&1 || status=$?
grep -v -E '^[0-9]+ warnings? (and [0-9]+ errors? )?generated\.$|^Suppressed [0-9]+ warnings|^Use -header-filter' \
    "$report" || true
if [[ $status -ne 0 ]]; then
    echo "check_tidy: findings in ${folders[*]} (${#files[@]} files checked)" >&2
    exit 1
fi
echo "check_tidy: ${#files[@]} files of ${folders[*]} are clean"
