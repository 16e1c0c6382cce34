#!/usr/bin/env python3
"""Which translation units clang-tidy must still check, and the keys of their clean results.

clang-tidy took 1,040 s of CI's 1,500 s of CTest, almost all of it on files nobody changed.
A clean result depends only on the tool, the configuration, the compile command and the text
of every file the unit includes, so it is kept under a key made of exactly those: the same
inputs give the same findings. Only clean results are kept (a finding is always shown again),
in the spirit of ccache's direct mode. The included files come from Ninja's dependency log of
the build that compile_commands.json describes (`ninja -t deps`, written by the compiler as it
built each object), so a unit with no recorded dependencies is never taken from the cache.
Nothing in Debian does this (ctcache on PyPI is the nearest); ours is this page of Python.

    tidy_cache.py ROOT BUILD_DIR CACHE_DIR TIDY FILE...

prints, for each FILE that has no clean result under its key, one line `FILE<TAB>KEY`; the
caller runs clang-tidy on it and, when it is clean, creates CACHE_DIR/KEY.
"""

import hashlib
import json
import os
import shlex
import subprocess
import sys


def file_digest(path, memo):
    """The SHA-256 of a file's bytes (memoised: units share most of their headers)."""
    if path not in memo:
        try:
            with open(path, "rb") as handle:
                memo[path] = hashlib.sha256(handle.read()).hexdigest()
        except OSError:
            memo[path] = "missing"
    return memo[path]


def ninja_dependencies(build_dir):
    """{object path relative to BUILD_DIR: [dependency paths as Ninja recorded them]}."""
    listing = subprocess.run(["ninja", "-C", build_dir, "-t", "deps"], check=True,
                             capture_output=True, text=True).stdout
    dependencies, current = {}, None
    for line in listing.splitlines():
        if not line.strip():
            current = None
        elif not line.startswith(" "):
            target, _, status = line.partition(": ")
            # A STALE entry describes an older build of the object: not to be trusted.
            current = target if "(VALID)" in status else None
            if current:
                dependencies[current] = []
        elif current:
            dependencies[current].append(line.strip())
    return dependencies


def object_of(command):
    """The -o argument of a compile command."""
    words = shlex.split(command)
    return words[words.index("-o") + 1] if "-o" in words else None


def relative(path, root):
    """Paths inside the clone without the clone's own folder, so two clones share keys."""
    return os.path.relpath(path, root) if path.startswith(root + os.sep) else path


def built_after(object_path, paths):
    """Whether the object is newer than every input: if not, its recorded dependencies may
    miss an #include added since, whose text the key would then leave out."""
    try:
        built = os.path.getmtime(object_path)
        return all(os.path.getmtime(path) <= built for path in paths)
    except OSError:
        return False


def unit_key(entry, dependencies, root, base_digest, memo):
    """The key of one unit's clean result, or None when its inputs are not all known."""
    build_dir = entry["directory"]
    recorded = dependencies.get(object_of(entry["command"]))
    if not recorded:
        return None
    paths = sorted(os.path.normpath(os.path.join(build_dir, d)) for d in recorded)
    if not built_after(os.path.join(build_dir, object_of(entry["command"])), paths):
        return None
    digest = hashlib.sha256(base_digest.encode())
    digest.update(entry["command"].replace(root, "<root>").encode())
    digest.update(relative(entry["file"], root).encode())
    for dependency in paths:
        digest.update(f"\n{relative(dependency, root)} {file_digest(dependency, memo)}".encode())
    return digest.hexdigest()


def main(argv):
    root, build_dir, cache_dir = (os.path.abspath(a) for a in argv[1:4])
    tidy = argv[4]
    wanted = set(argv[5:])
    version = subprocess.run([tidy, "--version"], check=True, capture_output=True,
                             text=True).stdout
    memo = {}
    base_digest = version + file_digest(os.path.join(root, ".clang-tidy"), memo)
    with open(os.path.join(build_dir, "compile_commands.json"), encoding="utf-8") as handle:
        entries = {entry["file"]: entry for entry in json.load(handle)}
    dependencies = ninja_dependencies(build_dir)
    for path in sorted(wanted):
        key = unit_key(entries[path], dependencies, root, base_digest, memo)
        if key is None or not os.path.exists(os.path.join(cache_dir, key)):
            print(f"{path}\t{key or 'none'}")


if __name__ == "__main__":
    main(sys.argv)
