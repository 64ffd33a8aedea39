"""Exit codes, and every error as one clear line (after its traceback with `--debug`)."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import typer

OK = 0
"""Everything asked for was done."""
API_ERROR = 1
"""The API answered with an error (the message is the API's own, with the request)."""
USAGE_ERROR = 2
"""The command line was wrong: an unknown option or field, a value the spec rules out."""
CONFIGURATION_ERROR = 3
"""No token, or a config file or profile that cannot be used."""
CONNECTION_ERROR = 4
"""No answer from the API: it could not be reached, or it timed out."""
INTERRUPTED = 130
"""Stopped with Ctrl-C."""


def fail(message: str, code: int) -> NoReturn:
    """Print `betterstack: <message>` on stderr and exit with `code`."""
    sys.stderr.write(f"betterstack: {message}\n")
    raise typer.Exit(code)


def code_of(error: BaseException) -> int:
    """The exit code for an error of the SDK."""
    from betterstack.uptime import APIConnectionError, APIError, ConfigurationError, ValidationError

    if isinstance(error, ValidationError):
        return USAGE_ERROR
    if isinstance(error, ConfigurationError):
        return CONFIGURATION_ERROR
    if isinstance(error, APIConnectionError):
        return CONNECTION_ERROR
    if isinstance(error, APIError):
        return API_ERROR
    return API_ERROR


@contextmanager
def reported(debug: bool) -> Iterator[None]:
    """Turn the SDK's errors and Ctrl-C into one line on stderr and an exit code.

    With `debug` the traceback comes first; the line and the exit code stay the same, so a
    script run with `--debug` still tells an API error from a connection error.
    """
    from betterstack.uptime import BetterStackError

    try:
        yield
    except BetterStackError as error:
        if debug:
            traceback.print_exc()
        fail(f"error: {error}", code_of(error))
    except KeyboardInterrupt:
        if debug:
            traceback.print_exc()
        fail("interrupted", INTERRUPTED)
