"""The wheel as users get it: its files, its metadata, and the pytest plugin it registers.

The wheel is built once per session from this checkout with the pinned hatchling, without build
isolation (no network). The plugin tests run pytest in a subprocess on the unpacked wheel with
`python -S`, so `betterstack` comes from the wheel and not from the editable install; the dev
venv's site-packages stays on the path for pytest, httpx and attrs only.
"""

from __future__ import annotations

import configparser
import email.message
import email.parser
import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from packaging.requirements import Requirement

import betterstack.uptime

ROOT = Path(__file__).resolve().parent.parent
DIST_INFO = f"betterstack_sdk-{betterstack.uptime.__version__}.dist-info"
PLUGIN = "betterstack.uptime.testing.pytest_plugin"
LEFT_OUT = {"tests", "bench", "examples", "spec", "generator", "overlays", "node_modules", "build"}

FIXTURE_TESTS = """
from betterstack.uptime import UptimeAPI
from betterstack.uptime.objects import Monitor
from betterstack.uptime.testing import FakeUptime


def test_fixtures(fake_uptime, uptime_api):
    assert isinstance(fake_uptime, FakeUptime) and isinstance(uptime_api, UptimeAPI)
    fake_uptime.seed({"/api/v2/monitors": [{"id": "7", "url": "https://example.com"}]})
    assert [m.url for m in Monitor.get_all_instances(uptime_api)] == ["https://example.com"]
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[zipfile.ZipFile]:
    out = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index"]
    command += ["--quiet", "-w", str(out), str(ROOT)]
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False, env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    [built] = out.glob("*.whl")
    with zipfile.ZipFile(built) as archive:
        yield archive


@pytest.fixture(scope="module")
def names(wheel: zipfile.ZipFile) -> set[str]:
    return set(wheel.namelist())


@pytest.fixture(scope="module")
def metadata(wheel: zipfile.ZipFile) -> email.message.Message:
    return email.parser.Parser().parsestr(wheel.read(f"{DIST_INFO}/METADATA").decode())


@pytest.fixture(scope="module")
def unpacked(wheel: zipfile.ZipFile, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    wheel.extractall(target)
    return target


def _run_from_wheel(unpacked: Path, *arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Python without site processing: the wheel first, then the dev venv's packages (no editable .pth)."""
    path = os.pathsep.join([str(unpacked), sysconfig.get_paths()["purelib"]])
    env = {**os.environ, "PYTHONPATH": path, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PYTEST_ADDOPTS", None)
    env.pop("PYTEST_DISABLE_PLUGIN_AUTOLOAD", None)
    command = [sys.executable, "-S", *arguments]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False)


def test_both_packages_are_marked_typed(names: set[str]) -> None:
    assert {"betterstack/uptime/py.typed", "betterstack_sdk/py.typed"} - names == set()


def test_the_bundled_spec_and_the_config_schema_are_in_the_wheel(names: set[str]) -> None:
    assert {"betterstack_sdk/openapi.json", "betterstack_sdk/config.schema.json"} - names == set()


def test_the_wheel_holds_the_two_packages_and_its_metadata_only(names: set[str]) -> None:
    assert {name.split("/")[0] for name in names} == {"betterstack", "betterstack_sdk", DIST_INFO}


def test_no_tests_tools_or_sources_of_the_generator_are_shipped(names: set[str]) -> None:
    shipped = [name for name in names if LEFT_OUT & set(name.split("/")[:-1])]
    assert shipped == []


def test_no_bytecode_is_shipped(names: set[str]) -> None:
    assert [name for name in names if "__pycache__" in name or name.endswith(".pyc")] == []


def test_betterstack_stays_a_namespace_package(names: set[str]) -> None:
    # No betterstack/__init__.py in the overlay, so none in the wheel: other distributions may
    # install their own betterstack.* packages beside ours.
    assert not (ROOT / "overlays" / "betterstack" / "__init__.py").exists()
    assert "betterstack/__init__.py" not in names
    assert "betterstack/uptime/__init__.py" in names


def test_the_license_is_shipped(names: set[str], metadata: email.message.Message) -> None:
    assert f"{DIST_INFO}/licenses/LICENSE" in names
    assert metadata["License-Expression"] == "MIT"
    assert metadata.get_all("License-File") == ["LICENSE"]


def test_name_and_version_come_from_the_package(metadata: email.message.Message) -> None:
    assert metadata["Name"] == "betterstack-sdk"
    assert metadata["Version"] == betterstack.uptime.__version__
    assert metadata["Requires-Python"] == ">=3.11"


def test_runtime_dependencies_are_httpx_and_attrs_only(metadata: email.message.Message) -> None:
    requirements = [Requirement(line) for line in metadata.get_all("Requires-Dist") or []]
    always = {requirement.name for requirement in requirements if requirement.marker is None}
    assert always == {"httpx", "attrs"}
    assert all("extra" in str(requirement.marker) for requirement in requirements if requirement.marker)
    assert {"testing", "dev"} <= set(metadata.get_all("Provides-Extra") or [])


def test_classifiers_say_typed_and_which_pythons(metadata: email.message.Message) -> None:
    expected = {
        "Development Status :: 3 - Alpha",
        "Framework :: Pytest",
        "Intended Audience :: Developers",
        "License :: OSI Approved :: MIT License",
        "Operating System :: OS Independent",
        "Programming Language :: Python :: 3",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
        "Programming Language :: Python :: 3.13",
        "Topic :: System :: Monitoring",
        "Typing :: Typed",
    }
    assert expected - set(metadata.get_all("Classifier") or []) == set()


def test_project_urls_point_at_the_repository(metadata: email.message.Message) -> None:
    urls = dict(line.split(", ", 1) for line in metadata.get_all("Project-URL") or [])
    assert sorted(urls) == ["Changelog", "Documentation", "Homepage", "Issues", "Source"]
    assert all(url.startswith("https://github.com/betterstack-sdk/betterstack-sdk") for url in urls.values())


def test_the_pytest_plugin_is_an_entry_point_named_after_its_module(wheel: zipfile.ZipFile) -> None:
    # Named after the module, so `-p <module>` or `pytest_plugins = [<module>]` finds it loaded
    # instead of registering it twice (which pytest refuses).
    entry_points = configparser.ConfigParser(delimiters=["="])
    entry_points.optionxform = str  # type: ignore[assignment,method-assign]
    entry_points.read_string(wheel.read(f"{DIST_INFO}/entry_points.txt").decode())
    assert dict(entry_points["pytest11"]) == {PLUGIN: PLUGIN}


def test_the_fixtures_work_without_p(unpacked: Path, tmp_path: Path) -> None:
    (tmp_path / "test_with_fixtures.py").write_text(FIXTURE_TESTS)
    done = _run_from_wheel(unpacked, "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=tmp_path)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "1 passed" in done.stdout


def test_importing_the_plugin_loads_neither_the_fake_nor_jsonschema(unpacked: Path, tmp_path: Path) -> None:
    # Pytest imports the plugin at every start, wherever the SDK is installed.
    script = f"import json, sys, {PLUGIN}; print(json.dumps(sorted(sys.modules)))"
    done = _run_from_wheel(unpacked, "-c", script, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    loaded = set(json.loads(done.stdout))
    assert PLUGIN in loaded
    heavy = {"jsonschema", "referencing", "betterstack.uptime.testing._fake", "betterstack.uptime.testing._server"}
    assert heavy & loaded == set()


def test_pytest_starts_without_the_testing_extra(unpacked: Path, tmp_path: Path) -> None:
    # jsonschema made unimportable, as for a user who installed betterstack-sdk without [testing].
    (tmp_path / "test_plain.py").write_text("def test_plain():\n    assert True\n")
    block = "import sys; sys.modules['jsonschema'] = None"
    script = f"{block}; import pytest; sys.exit(pytest.main(['-p', 'no:cacheprovider']))"
    done = _run_from_wheel(unpacked, "-c", script, cwd=tmp_path)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "1 passed" in done.stdout
