"""`ConfigError`: a configuration file that cannot be read, or that names what does not exist."""

from __future__ import annotations

from .._errors import BetterStackError


class ConfigError(BetterStackError, ValueError):
    """A configuration file (or `Config`) the SDK cannot use, caught before any write.

    The message starts with where: the file and line (`monitors.yaml:14: ...`) when the
    configuration was loaded from text, the source alone otherwise. Also a `ValueError`.
    """
