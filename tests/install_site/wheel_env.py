"""A Python environment that has the plugin only from its built wheel.

A venv whose own site-packages holds the wheel, with the running interpreter's site-packages
appended (a ``.pth`` line) for the dependencies: no network, and the checkout is not
importable (no PYTHONPATH; an editable install there is not activated, since ``.pth`` files
inside a path added by a ``.pth`` line are not read).
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

from .readme import REPO


def build_wheel(out_dir: Path) -> Path:
    """``make wheel``'s builder: from a clean copy of the tracked files, nothing in REPO."""
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "build_wheel.py"), str(out_dir)],
        check=True,
        capture_output=True,
        text=True,
    )
    return Path(result.stdout.strip().splitlines()[-1])


def clean_env(**extra: str) -> dict[str, str]:
    """The environment for the project's commands: nothing points at the checkout."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.update(extra)
    return env


def wheel_environment(folder: Path, wheel: Path) -> Path:
    """Create the venv in ``folder``, install ``wheel`` there; return its python."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    python = folder / "bin" / "python"
    site_packages = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    shared = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    (Path(site_packages) / "shared_dependencies.pth").write_text("\n".join(shared) + "\n")
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index"]
        + ["--ignore-installed", "--disable-pip-version-check", str(wheel)],
        check=True,
        env=clean_env(),
    )
    return python
