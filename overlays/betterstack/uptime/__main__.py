"""`python -m betterstack.uptime`: the `betterstack` command line (the `cli` extra)."""

from .cli import main

if __name__ == "__main__":
    main()
