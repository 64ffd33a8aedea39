"""The SDK as users get it: the built wheel in a fresh venv, used from a folder outside the repo.

The session fixture `installed` (registered in conftest.py) makes it once per pytest run and
shares it between tests/test_typing.py, tests/test_completion.py and tests/test_cli_terminal.py:

1. `pip wheel --no-deps --no-build-isolation` builds the wheel from the working tree, with the
   dev venv's hatchling (pinned in the `dev` extra);
2. `python -m venv` makes a fresh venv, and `pip install -c constraints.txt "<wheel>[testing,cli]"`
   installs the wheel with its runtime dependencies, the fake's and the command line's, at the
   repository's pins (from the pip cache, or PyPI);
3. the user code of tests/typing/ is copied to a folder beside that venv, with a mypy.ini and a
   pyrightconfig.json that point the checkers at the venv.

Everything lives under pytest's temporary directory, outside the repository, and the commands
run with an environment in which the venv is the active one and nothing points back at the
repository (no PYTHONPATH, no MYPYPATH). Nothing is written into the repository.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TYPING = ROOT / "tests" / "typing"
PYRIGHT = ROOT / "node_modules" / ".bin" / "pyright"
# Variables that would let a tool find the repository's sources instead of the wheel.
_LEAKY_VARIABLES = ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "MYPYPATH", "VIRTUAL_ENV", "PYTHONSAFEPATH")


class InstallError(RuntimeError):
    """A step of building or installing the wheel failed; the message holds its output."""


def _environment(venv: Path) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name not in _LEAKY_VARIABLES}
    env["VIRTUAL_ENV"] = str(venv)
    env["PATH"] = os.pathsep.join([str(venv / "bin"), env.get("PATH", "")])
    return env


def _run(command: Sequence[str | Path], *, cwd: Path, venv: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command], cwd=cwd, env=_environment(venv), capture_output=True, text=True, check=False
    )


@dataclass(frozen=True)
class Installation:
    """Where the installed SDK and the user code are, and how to run tools against them.

    Attributes:
        root: The temporary folder holding everything below.
        wheel: The built wheel.
        venv: The fresh venv the wheel is installed in.
        python: The venv's interpreter.
        site_packages: The venv's site-packages, where `betterstack` and `betterstack_sdk` are.
        user_code: The folder with the copied user code, mypy.ini and pyrightconfig.json.
        seconds: How long each step of the installation took, by step name.
    """

    root: Path
    wheel: Path
    venv: Path
    python: Path
    site_packages: Path
    user_code: Path
    seconds: dict[str, float]

    def environment(self) -> dict[str, str]:
        """The process environment of a user with the venv activated and no path into the repository."""
        return _environment(self.venv)

    def run(self, command: Sequence[str | Path], *, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        """Run a command in the user folder (or `cwd`) with `environment()`; output is captured."""
        return _run(command, cwd=cwd or self.user_code, venv=self.venv)

    def holds(self, path: str | Path) -> bool:
        """Whether `path` is inside the venv's site-packages."""
        return Path(path).resolve().is_relative_to(self.site_packages.resolve())


class _Steps:
    """Runs the installation's commands, timing each and failing with its output."""

    def __init__(self, venv: Path) -> None:
        self.venv = venv
        self.seconds: dict[str, float] = {}

    def __call__(self, name: str, command: Sequence[str | Path], *, cwd: Path) -> str:
        started = time.perf_counter()
        result = _run(command, cwd=cwd, venv=self.venv)
        self.seconds[name] = round(time.perf_counter() - started, 2)
        if result.returncode != 0:
            shown = " ".join(str(part) for part in command)
            raise InstallError(f"{name} failed ({result.returncode}): {shown}\n{result.stdout}\n{result.stderr}")
        return result.stdout


def _configure_checkers(user_code: Path, python: Path, venv: Path, mypy_cache: Path) -> None:
    """Write the checkers' configuration into the user folder: strict, and reading only the venv."""
    user_code.joinpath("mypy.ini").write_text(
        "[mypy]\n"
        "strict = True\n"
        "python_version = 3.11\n"
        f"python_executable = {python}\n"
        f"cache_dir = {mypy_cache}\n"
        "show_error_codes = True\n"
        "pretty = False\n"
        "error_summary = False\n"
    )
    pyright_config = {
        "typeCheckingMode": "strict",
        "pythonVersion": "3.11",
        "venvPath": str(venv.parent),
        "venv": venv.name,
    }
    user_code.joinpath("pyrightconfig.json").write_text(json.dumps(pyright_config, indent=2) + "\n")


_WHERE = "import betterstack.uptime, betterstack_sdk; print(betterstack.uptime.__file__, betterstack_sdk.__file__)"


def install(root: Path) -> Installation:
    """Build the wheel, install it into a fresh venv and lay out the user code, all under `root`.

    Raises:
        InstallError: A step failed, or the venv imports the SDK from anywhere but its own
            site-packages.
    """
    if root.resolve().is_relative_to(ROOT):
        raise InstallError(f"{root} is inside the repository; the installed SDK must be used from outside it")
    venv, dist, user_code = root / "venv", root / "dist", root / "user"
    python = venv / "bin" / "python"
    step = _Steps(venv)
    pip_wheel: list[str | Path] = [
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--quiet",
        "--no-deps",
        "--no-build-isolation",
        "-w",
        dist,
    ]
    step("build wheel", [*pip_wheel, ROOT], cwd=root)
    wheels = sorted(dist.glob("*.whl"))
    if len(wheels) != 1:
        raise InstallError(f"expected one wheel in {dist}, found {[wheel.name for wheel in wheels]}")
    step("create venv", [sys.executable, "-m", "venv", venv], cwd=root)
    pip_install: list[str | Path] = [
        python,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--no-input",
    ]
    step("install wheel", [*pip_install, "-c", ROOT / "constraints.txt", f"{wheels[0]}[testing,cli]"], cwd=root)
    purelib = step(
        "locate site-packages", [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], cwd=root
    )
    user_code.mkdir()
    for source in sorted(TYPING.glob("*.py")):
        shutil.copy2(source, user_code / source.name)
    _configure_checkers(user_code, python, venv, root / "mypy-cache")
    installation = Installation(
        root=root,
        wheel=wheels[0],
        venv=venv,
        python=python,
        site_packages=Path(purelib.strip()),
        user_code=user_code,
        seconds=step.seconds,
    )
    # The venv must import the SDK from its own site-packages: no editable install, no stray path.
    strays = [
        path
        for path in step("import check", [python, "-c", _WHERE], cwd=user_code).split()
        if not installation.holds(path)
    ]
    if strays:
        raise InstallError(f"the fresh venv imports the SDK from outside {installation.site_packages}: {strays}")
    return installation


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installation:
    """The SDK installed from its wheel into a fresh venv, with the user code beside it; one per session."""
    return install(tmp_path_factory.mktemp("installed"))
