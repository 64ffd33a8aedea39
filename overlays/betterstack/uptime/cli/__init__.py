"""`betterstack`: the command line for the on-call chores, built on the SDK.

Installed with the `cli` extra (`pip install 'betterstack-sdk[cli]'`); the SDK itself never
imports this package. `main()` is the entry point of the `betterstack` script and of
`python -m betterstack.uptime`.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Run the command line with the process's arguments, and exit with its code."""
    try:
        from ._app import app
    except ImportError as error:
        sys.stderr.write(
            f"betterstack: the command line needs the `cli` extra ({error.name} is missing): "
            "pip install 'betterstack-sdk[cli]'\n"
        )
        raise SystemExit(2) from None
    app(prog_name="betterstack")
