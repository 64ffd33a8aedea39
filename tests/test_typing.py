"""The public API's types, as users meet them: `mypy --strict` on tests/typing/.

`ok_usage.py` is typical user code and must pass. `bad_usage.py` holds mistakes, each marked
`# E: <code>` on its line, and must fail with exactly those errors: a misspelt attribute or a
wrong type has to be caught by the type checker, not sent to the API.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from mypy import api as mypy_api

ROOT = Path(__file__).resolve().parent.parent
TYPING = Path(__file__).resolve().parent / "typing"
ERROR = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): error: (?P<message>.*)  \[(?P<code>[a-z-]+)\]$")
MARKER = re.compile(r"#\s*E:\s*(?P<code>[a-z-]+)\s*$")


@dataclass(frozen=True)
class MypyRun:
    """What one mypy run reported."""

    status: int
    stdout: str
    stderr: str

    def errors(self) -> list[tuple[int, str]]:
        """(line, error code) for every error, in order."""
        return [
            (int(match["line"]), match["code"])
            for line in self.stdout.splitlines()
            if (match := ERROR.match(line)) is not None
        ]


@pytest.fixture(scope="module")
def run_mypy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, MypyRun]]:
    # mypy_path in pyproject.toml is relative to the working directory, so run from the root;
    # a private cache keeps the runs independent of the developer's own .mypy_cache.
    cache = tmp_path_factory.mktemp("mypy-cache")
    results: dict[str, MypyRun] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        for name in ("ok_usage.py", "bad_usage.py"):
            stdout, stderr, status = mypy_api.run(
                [
                    "--config-file",
                    str(ROOT / "pyproject.toml"),
                    "--strict",
                    "--show-error-codes",
                    "--no-error-summary",
                    "--no-pretty",
                    "--hide-error-context",
                    "--cache-dir",
                    str(cache),
                    str((TYPING / name).relative_to(ROOT)),
                ]
            )
            results[name] = MypyRun(status, stdout, stderr)
    yield results


def expected_errors(path: Path) -> list[tuple[int, str]]:
    """(line, code) for every `# E: <code>` marker in a file."""
    return [
        (number, match["code"])
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if (match := MARKER.search(line)) is not None
    ]


def test_typical_user_code_passes_mypy_strict(run_mypy: dict[str, MypyRun]) -> None:
    result = run_mypy["ok_usage.py"]
    assert (result.status, result.stdout, result.stderr) == (0, "", "")


def test_user_mistakes_fail_mypy_strict_with_exactly_the_marked_errors(run_mypy: dict[str, MypyRun]) -> None:
    result = run_mypy["bad_usage.py"]
    expected = expected_errors(TYPING / "bad_usage.py")
    assert result.status == 1, result.stdout + result.stderr
    assert result.stderr == ""
    assert result.errors() == expected, result.stdout


def test_bad_usage_marks_every_kind_of_mistake() -> None:
    # Guards the fixture itself: removing a case would otherwise weaken the test silently.
    expected = expected_errors(TYPING / "bad_usage.py")
    assert len(expected) == 8
    assert sorted({code for _, code in expected}) == ["arg-type", "assignment", "attr-defined", "call-arg"]


def test_misspelt_attribute_is_reported_by_name(run_mypy: dict[str, MypyRun]) -> None:
    assert '"Monitor" has no attribute "urll"' in run_mypy["bad_usage.py"].stdout
