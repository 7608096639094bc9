"""Build the plugin's wheel from a clean copy of the checkout (``make wheel``).

``pip wheel .`` in the checkout leaves ``build/`` and ``*.egg-info`` behind, and would pack
whatever untracked files lie around. This copies the files git tracks (as they are in the work
tree, uncommitted edits included) to a temporary folder and builds there, with the current
interpreter's setuptools (``--no-build-isolation``: no network needed). Prints the wheel's path.

    python scripts/build_wheel.py [OUT_DIR]     # default: dist/
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def tracked_files(repo: Path) -> list[Path]:
    listing = subprocess.run(
        ["git", "ls-files", "-z"], cwd=repo, check=True, capture_output=True
    ).stdout.decode()
    # A tracked file deleted in the work tree is not part of the copy.
    return [Path(name) for name in listing.split("\0") if name and (repo / name).is_file()]


def copy_tree(repo: Path, target: Path) -> None:
    for relative in tracked_files(repo):
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(repo / relative, destination)


def build_wheel(out_dir: Path, repo: Path = REPO) -> Path:
    """Build the wheel into ``out_dir`` and return its path; nothing is written into ``repo``."""
    out_dir = out_dir.resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="gov-review-wheel-") as tmp:
        source = Path(tmp) / "src"
        copy_tree(repo, source)
        built = Path(tmp) / "wheels"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "wheel",
                "--quiet",
                "--no-deps",
                "--no-build-isolation",
                "--wheel-dir",
                str(built),
                str(source),
            ],
            check=True,
        )
        (wheel,) = built.glob("wagtail_gov_review-*.whl")
        target = out_dir / wheel.name
        shutil.copy2(wheel, target)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", nargs="?", default=str(REPO / "dist"), type=Path)
    print(build_wheel(parser.parse_args().out_dir))


if __name__ == "__main__":
    main()
