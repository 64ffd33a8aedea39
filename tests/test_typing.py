"""The public API's types as users meet them: the wheel installed in a fresh venv, checked from outside the repo.

The `installed` fixture (tests/installed.py) copies tests/typing/ next to a venv holding only the
wheel and its dependencies; mypy (from the dev venv, told to use that venv's interpreter) and
pyright (node_modules, told to use that venv) check it there in strict mode, so they see what a
user's checker sees: the package's own annotations and py.typed markers, not the repository.

- `ok_usage.py` is typical user code and must pass both checkers without a diagnostic.
- `bad_usage.py` holds mistakes, each marked on its line with
  `# E: mypy[<code>,...] pyright[<rule>,...]`; each checker must report exactly the marked lines
  (mypy with exactly the marked codes, pyright with at least the marked rules).
- `pyright --verifytypes` must find both packages at least 99% type complete.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import mypy
import pytest

from installed import PYRIGHT, ROOT, TYPING, Installation

# The marker ends its line and holds nothing but `checker[codes]` groups.
MARKER = re.compile(r"#\s*E:(?P<spec>(?:\s*[a-z]+\[[^\]]*\])+)\s*$")
CHECKER_CODES = re.compile(r"(?P<checker>[a-z]+)\[(?P<codes>[^\]]*)\]")
MYPY_ERROR = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): error: (?P<message>.*?)(?:  \[(?P<code>[a-z-]+)\])?$")
MYPY_PARSED = re.compile(r"^LOG:  Parsing (?P<path>.+) \((?P<module>[\w.]+)\)$")
# What each checker brings along and may read from inside the repository: its own typeshed.
MYPY_TYPESHED = Path(mypy.__file__).resolve().parent / "typeshed"
PYRIGHT_TYPESHED = ROOT / "node_modules" / "pyright" / "dist" / "typeshed-fallback"
USER_FILES = ("ok_usage.py", "bad_usage.py")
# Every exported symbol fully typed: the packages' own annotations leave nothing to infer.
MINIMUM_COMPLETENESS = 1.0


@dataclass(frozen=True)
class Report:
    """What one checker reported on the user code.

    Attributes:
        checker: `mypy` or `pyright`.
        status: The checker's exit status.
        output: What it printed, for failure messages.
        diagnostics: File name -> line -> the error codes (mypy) or rules (pyright) reported there.
        messages: (file name, line, message) of every diagnostic, in order.
    """

    checker: str
    status: int
    output: str
    diagnostics: dict[str, dict[int, set[str]]]
    messages: list[tuple[str, int, str]]

    def lines(self, name: str) -> dict[int, list[str]]:
        """Line -> sorted codes of every diagnostic in one file."""
        return {line: sorted(codes) for line, codes in sorted(self.diagnostics.get(name, {}).items())}


def _report(checker: str, status: int, output: str, found: list[tuple[str, int, str, str]]) -> Report:
    diagnostics: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for name, line, code, _ in found:
        diagnostics[name][line].add(code)
    return Report(checker, status, output, diagnostics, [(name, line, message) for name, line, _, message in found])


@pytest.fixture(scope="module")
def mypy_run(installed: Installation) -> tuple[Report, str]:
    """mypy --strict (mypy.ini in the user folder) on the user code, and its verbose log."""
    result = installed.run([sys.executable, "-m", "mypy", "--config-file", "mypy.ini", "-v", *USER_FILES])
    found = [
        (match["path"], int(match["line"]), match["code"] or "", match["message"])
        for line in result.stdout.splitlines()
        if (match := MYPY_ERROR.match(line)) is not None
    ]
    return _report("mypy", result.returncode, result.stdout, found), result.stderr


@pytest.fixture(scope="module")
def pyright_run(installed: Installation) -> Report:
    """pyright in strict mode (pyrightconfig.json in the user folder) on the user code."""
    result = installed.run([PYRIGHT, "--outputjson", "-p", "pyrightconfig.json", *USER_FILES])
    try:
        output = json.loads(result.stdout)
    except ValueError:
        pytest.fail(f"pyright printed no JSON ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    found = [
        (
            Path(item["file"]).name,
            item["range"]["start"]["line"] + 1,
            item.get("rule", ""),
            item["message"],
        )
        for item in output["generalDiagnostics"]
        if item["severity"] in ("error", "warning")
    ]
    return _report("pyright", result.returncode, result.stdout + result.stderr, found)


def markers(path: Path) -> dict[int, dict[str, set[str]]]:
    """Line -> checker -> codes for every `# E: mypy[...] pyright[...]` marker in a file."""
    marked: dict[int, dict[str, set[str]]] = {}
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if (match := MARKER.search(line)) is not None:
            marked[number] = {
                found["checker"]: {code.strip() for code in found["codes"].split(",") if code.strip()}
                for found in CHECKER_CODES.finditer(match["spec"])
            }
    return marked


def expected_lines(checker: str) -> dict[int, list[str]]:
    """Line -> sorted marked codes of one checker in bad_usage.py."""
    return {line: sorted(codes.get(checker, set())) for line, codes in markers(TYPING / "bad_usage.py").items()}


def shown(report: Report, name: str) -> str:
    return "\n".join(f"{file}:{line}: {message}" for file, line, message in report.messages if file == name)


def outside_repository_or_in(path: Path, allowed: Path) -> bool:
    """Whether a file a checker read is outside the repository, or part of the checker itself."""
    resolved = path.resolve()
    return not resolved.is_relative_to(ROOT) or resolved.is_relative_to(allowed)


# Reading the installed wheel ---------------------------------------------------------------------


def test_mypy_reads_the_sdk_from_the_installed_wheel(installed: Installation, mypy_run: tuple[Report, str]) -> None:
    _, log = mypy_run
    parsed = {
        match["module"]: installed.user_code / match["path"]  # relative paths are the user code's
        for line in log.splitlines()
        if (match := MYPY_PARSED.match(line))
    }
    for module in (
        "betterstack.uptime",
        "betterstack.uptime.objects.monitors",
        "betterstack_sdk",
        "betterstack_sdk.shapes",
    ):
        assert module in parsed, f"mypy never read {module}"
        assert installed.holds(parsed[module]), f"mypy read {module} from {parsed[module]}"
    from_repository = sorted(str(path) for path in parsed.values() if not outside_repository_or_in(path, MYPY_TYPESHED))
    assert from_repository == []
    unexpected = [line for line in log.splitlines() if line and not line.startswith(("LOG:", "TRACE:"))]
    assert unexpected == []


def test_pyright_reads_the_sdk_from_the_installed_wheel(installed: Installation) -> None:
    # --verbose prints the search paths and --dependencies every file read; neither goes with --outputjson.
    result = installed.run([PYRIGHT, "--verbose", "--dependencies", "-p", "pyrightconfig.json", "ok_usage.py"])
    text = result.stdout + result.stderr
    search = text.split("Search paths:", 1)[1].split("Found ", 1)[0].split()
    assert str(installed.site_packages) in search
    assert [path for path in search if not outside_repository_or_in(Path(path), PYRIGHT_TYPESHED)] == []
    read = {
        (installed.user_code / token.removeprefix("file://")).resolve()
        for token in text.split()
        if token.endswith((".py", ".pyi")) and not token.endswith(":")
    }
    sdk = [path for path in read if path.name == "__init__.py" and path.parent.name in ("uptime", "betterstack_sdk")]
    assert len(sdk) == 2, sorted(map(str, read))
    assert all(installed.holds(path) for path in sdk), sdk
    assert sorted(str(path) for path in read if not outside_repository_or_in(path, PYRIGHT_TYPESHED)) == []


# Typical user code ---------------------------------------------------------------------------------


def test_typical_user_code_passes_mypy_strict(mypy_run: tuple[Report, str]) -> None:
    report, _ = mypy_run
    assert report.lines("ok_usage.py") == {}, shown(report, "ok_usage.py")


def test_typical_user_code_passes_pyright_strict(pyright_run: Report) -> None:
    assert pyright_run.lines("ok_usage.py") == {}, shown(pyright_run, "ok_usage.py")


# User mistakes -------------------------------------------------------------------------------------


def mismatches(report: Report, *, exact: bool) -> dict[str, dict[int, list[str]]]:
    """How a checker's report on bad_usage.py differs from the markers; empty when it matches.

    With `exact`, each marked line must carry exactly the marked codes; otherwise at least them.
    """
    reported = report.lines("bad_usage.py")
    expected = expected_lines(report.checker)
    differences = {
        "marked but not reported": {line: codes for line, codes in expected.items() if line not in reported},
        "reported but not marked": {line: codes for line, codes in reported.items() if line not in expected},
        "reported with other codes": {
            line: reported[line]
            for line, codes in expected.items()
            if line in reported and (reported[line] != codes if exact else not set(codes) <= set(reported[line]))
        },
    }
    return {kind: lines for kind, lines in differences.items() if lines}


def test_mypy_reports_exactly_the_marked_mistakes(mypy_run: tuple[Report, str]) -> None:
    report, _ = mypy_run
    assert report.status == 1, report.output
    assert mismatches(report, exact=True) == {}, shown(report, "bad_usage.py")


def test_pyright_reports_exactly_the_marked_lines_with_the_marked_rules(pyright_run: Report) -> None:
    assert mismatches(pyright_run, exact=False) == {}, shown(pyright_run, "bad_usage.py")


def test_misspelt_attribute_is_reported_by_name(mypy_run: tuple[Report, str], pyright_run: Report) -> None:
    report, _ = mypy_run
    assert '"Monitor" has no attribute "urll"' in [text for *_, text in report.messages]
    assert any(
        text.startswith('Cannot access attribute "urll" for class "Monitor"') for *_, text in pyright_run.messages
    )


def test_bad_usage_marks_every_kind_of_mistake_for_both_checkers() -> None:
    # Guards the fixture itself: removing a case would otherwise weaken the tests silently.
    marked = markers(TYPING / "bad_usage.py")
    assert len(marked) == 26
    assert all(set(codes) == {"mypy", "pyright"} and all(codes.values()) for codes in marked.values()), marked
    assert sorted({code for codes in marked.values() for code in codes["mypy"]}) == [
        "arg-type",
        "assignment",
        "attr-defined",
        "call-arg",
        "call-overload",
        "list-item",
    ]
    assert sorted({rule for codes in marked.values() for rule in codes["pyright"]}) == [
        "reportArgumentType",
        "reportAttributeAccessIssue",
        "reportCallIssue",
    ]


# Completeness --------------------------------------------------------------------------------------


def incomplete_symbols(completeness: dict[str, Any], limit: int = 30) -> str:
    """The first symbols whose type is not fully known, those with a diagnostic (the causes) first."""
    symbols = [s for s in completeness["symbols"] if not s["isTypeKnown"] or s["isTypeAmbiguous"]]
    symbols.sort(key=lambda symbol: not symbol["diagnostics"])
    lines = [
        f"  {symbol['name']}: "
        + (symbol["diagnostics"][0]["message"].replace("\n", " ") if symbol["diagnostics"] else "(see its parts)")
        for symbol in symbols[:limit]
    ]
    return f"{len(symbols)} symbols not fully known, the first {len(lines)}:\n" + "\n".join(lines)


@pytest.mark.parametrize("package", ["betterstack.uptime", "betterstack_sdk"])
def test_installed_package_is_type_complete(installed: Installation, package: str) -> None:
    # verifytypes resolves the package with the `python` on PATH: the fresh venv's (see installed.py).
    result = installed.run([PYRIGHT, "--verifytypes", package, "--ignoreexternal", "--outputjson"])
    output = json.loads(result.stdout)
    completeness = output["typeCompleteness"]
    assert installed.holds(completeness["moduleRootDirectory"]), completeness["moduleRootDirectory"]
    problems = [item["message"] for item in output["generalDiagnostics"]]
    counts = completeness["exportedSymbolCounts"]
    assert completeness["completenessScore"] >= MINIMUM_COMPLETENESS, (
        f"{package} is {completeness['completenessScore']:.1%} type complete (exported: {counts}); "
        f"{problems}\n{incomplete_symbols(completeness)}"
    )
