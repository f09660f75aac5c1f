"""Fails when the running environment differs from a lock file: a package missing or at another version.

Run by scripts/setup after installing, so that a test run always uses the versions of the lock.
"""

import re
import sys
from importlib import metadata
from pathlib import Path

PIN = re.compile(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==([^\s;]+)")


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lock: Path) -> dict[str, str]:
    found = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line.strip())
        if match:
            found[normalise(match.group(1))] = match.group(2)
    return found


def mismatches(wanted: dict[str, str]) -> list[str]:
    installed = {normalise(dist.metadata["Name"]): dist.version for dist in metadata.distributions()}
    problems = []
    for name, version in sorted(wanted.items()):
        have = installed.get(name)
        if have != version:
            problems.append(f"{name}: lock {version}, installed {have or 'nothing'}")
    return problems


def main() -> int:
    lock = Path(sys.argv[1])
    problems = mismatches(pins(lock))
    for problem in problems:
        print(f"check_lock: {lock}: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
