#!/usr/bin/env python3
"""Groups the translation units clang-tidy must check into bundles, one clang-tidy run each.

Measured on 2026-12-07 (clang-tidy-14, --enable-check-profile): most of a unit's time goes to
the checks' matchers walking the whole AST, Boost.Beast's and Asio's template instantiations
included, not to the unit's own code. Units of one folder include nearly the same headers, so a
bundle (a file that #includes each unit's .cpp in turn) builds and walks those instantiations
once: the 20 units of src/api took 11.6 CPU-seconds as one bundle against about 8 each alone.
Findings still name the unit's own file and line (HeaderFilterRegex matches /src/). Two units
that define the same name in their anonymous namespaces (each page file has its `show` and
`create`) cannot share a bundle: the names each unit defines there are read from its text and
such units go to different bundles. A bundle that still does not compile as one is checked
unit by unit (tools/check_tidy.sh), so bundling never hides a finding nor invents one.

    tidy_bundles.py BUILD_DIR BUNDLE_DIR SIZE < lines of FILE<TAB>KEY

writes BUNDLE_DIR/*.cpp and BUNDLE_DIR/compile_commands.json (each bundle compiled as its
first unit is) and prints, for each bundle, `BUNDLE<TAB>KEY,KEY,...<TAB>FILE,FILE,...`.
"""

import json
import os
import re
import shutil
import sys
from collections import defaultdict

# A name defined at the start of a line (functions, constants) inside `namespace {`.
DEFINED = re.compile(r"^(?!namespace|using|template|struct|class|enum|#|//|}|\s)"
                     r"[^=(;]*?\b(\w+)\s*(?:\(|=|\{)")


def local_names(path):
    """The names a unit defines in its anonymous namespaces (clang-format closes each with
    `}  // namespace`), as far as a line-by-line reading finds them."""
    names, depth = set(), 0
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("namespace {"):
                depth += 1
            elif depth and line.startswith("}  // namespace"):
                depth -= 1
            elif depth:
                match = DEFINED.match(line)
                if match:
                    names.add(match.group(1))
    return names


def pack(units, size):
    """Bundles of at most `size` units, no two of which define the same local name."""
    bundles = []
    for path, key in units:
        names = local_names(path)
        for bundle in bundles:
            if len(bundle["units"]) < size and not bundle["names"] & names:
                bundle["units"].append((path, key))
                bundle["names"] |= names
                break
        else:
            bundles.append({"units": [(path, key)], "names": set(names)})
    return [bundle["units"] for bundle in bundles]


def main(argv):
    build_dir, bundle_dir, size = argv[1], argv[2], int(argv[3])
    with open(os.path.join(build_dir, "compile_commands.json"), encoding="utf-8") as handle:
        entries = {entry["file"]: entry for entry in json.load(handle)}
    by_folder = defaultdict(list)
    for line in sys.stdin.read().splitlines():
        path, key = line.split("\t")
        by_folder[(os.path.dirname(path), entries[path]["command"].split(" -o ")[0])].append(
            (path, key))
    os.makedirs(bundle_dir, exist_ok=True)
    for stale in os.listdir(bundle_dir):
        # Whatever an earlier run (or an earlier version of this tool) left, folders too.
        stale_path = os.path.join(bundle_dir, stale)
        if os.path.isdir(stale_path):
            shutil.rmtree(stale_path)
        else:
            os.remove(stale_path)
    database = []
    for index, units in enumerate(group for _, group in sorted(by_folder.items())):
        for number, chunk in enumerate(pack(sorted(units), size)):
            bundle = os.path.join(os.path.abspath(bundle_dir), f"bundle_{index:02}_{number:02}.cpp")
            with open(bundle, "w", encoding="utf-8") as handle:
                handle.writelines(f'#include "{path}"\n' for path, _ in chunk)
            first = dict(entries[chunk[0][0]])
            first["command"] = first["command"].replace(chunk[0][0], bundle)
            first["file"] = bundle
            database.append(first)
            keys = ",".join(key for _, key in chunk)
            files = ",".join(path for path, _ in chunk)
            print(f"{bundle}\t{keys}\t{files}")
    with open(os.path.join(bundle_dir, "compile_commands.json"), "w", encoding="utf-8") as handle:
        json.dump(database, handle)


if __name__ == "__main__":
    main(sys.argv)
