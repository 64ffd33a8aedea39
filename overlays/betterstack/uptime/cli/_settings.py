"""Where the command line gets its token and API, and how it prints: the global options.

The token comes from `--profile` (a section of the config file), else `BETTERSTACK_API_TOKEN`,
else `BETTERUPTIME_API_TOKEN` (the Terraform provider's name), else the `default` profile. The
config file is TOML in the user's config folder (`betterstack/config.toml`, found with
platformdirs; `BETTERSTACK_CONFIG` names another):

    [profiles.default]
    token = "..."

    [profiles.staging]
    token = "..."
    team = "Staging"
    base_url = "http://127.0.0.1:8080"

The profile in use (`--profile`, else `default` when the file has one) also gives `team` and
`base_url` (and `team_base_url`, the root of the team endpoints, `base_url` by default); `--team`
and `--base-url` win over it.

The token is never printed, not even with `--debug`: the SDK hides it in every error and log,
and a token no HTTP header can carry is refused here, naming where it came from, not what it is.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ._exit import CONFIGURATION_ERROR, fail

if TYPE_CHECKING:
    from betterstack.uptime import UptimeAPI

TOKEN_VARIABLES = ("BETTERSTACK_API_TOKEN", "BETTERUPTIME_API_TOKEN")
CONFIG_VARIABLE = "BETTERSTACK_CONFIG"
PROFILE_SETTINGS = ("base_url", "team", "team_base_url", "token")
Output = Literal["table", "json", "yaml", "csv"]


def config_path() -> Path:
    """The config file: `BETTERSTACK_CONFIG`, else `betterstack/config.toml` in the user's config folder."""
    named = os.environ.get(CONFIG_VARIABLE)
    if named:
        return Path(named)
    import platformdirs

    return platformdirs.user_config_path("betterstack") / "config.toml"


def _checked(name: str, profile: dict[str, Any], path: Path) -> dict[str, str]:
    """The profile's settings, each a known name with a text value."""
    for key, value in profile.items():
        if key not in PROFILE_SETTINGS:
            close = get_close_matches(key, PROFILE_SETTINGS, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"settings: {', '.join(PROFILE_SETTINGS)}"
            fail(f"error: profile {name!r} in {path} has no setting {key!r}; {hint}", CONFIGURATION_ERROR)
        if not isinstance(value, str):
            fail(
                f"error: {key} of profile {name!r} in {path} must be text in quotes, got {type(value).__name__}",
                CONFIGURATION_ERROR,
            )
    return profile


def read_profile(name: str, *, required: bool) -> dict[str, Any]:
    """The settings of profile `name` in the config file; {} when absent and not `required`."""
    import tomllib

    path = config_path()
    try:
        with path.open("rb") as file:
            config = tomllib.load(file)
    except FileNotFoundError:
        if required:
            fail(f"error: profile {name!r} asked for, but there is no config file at {path}", CONFIGURATION_ERROR)
        return {}
    except (OSError, tomllib.TOMLDecodeError) as error:
        fail(f"error: the config file {path} cannot be read: {error}", CONFIGURATION_ERROR)
    profiles = config.get("profiles", {})
    profile = profiles.get(name) if isinstance(profiles, dict) else None
    if profile is None:
        if required:
            known = ", ".join(sorted(profiles)) if isinstance(profiles, dict) and profiles else "none"
            fail(f"error: no profile {name!r} in {path} (profiles: {known})", CONFIGURATION_ERROR)
        return {}
    if not isinstance(profile, dict):
        fail(f"error: profile {name!r} in {path} is not a table of settings", CONFIGURATION_ERROR)
    return _checked(name, profile, path)


def _usable(token: str, source: str) -> str:
    """The token without surrounding blanks; one an HTTP header cannot carry is a configuration error."""
    token = token.strip()
    # Printable ASCII only: a newline, inner space or accented letter would fail in the HTTP
    # layer with the token quoted in the message.
    if not token.isascii() or not token.isprintable() or " " in token:
        fail(
            f"error: the API token from {source} has a character an HTTP header cannot carry "
            "(a space, a line break or a non-ASCII letter); copy it again from Better Stack",
            CONFIGURATION_ERROR,
        )
    return token


@dataclass
class Settings:
    """The global options of one run, and the client made from them on first use."""

    profile: str | None = None
    team: str | None = None
    base_url: str | None = None
    output: Output = "table"
    quiet: bool = False
    debug: bool = False
    _api: UptimeAPI | None = field(default=None, repr=False)
    _profile: dict[str, str] | None = field(default=None, repr=False)
    _made: UptimeAPI | None = field(default=None, repr=False)

    def profile_settings(self) -> dict[str, str]:
        """The settings of the profile in use (`--profile`, else `default` if there is one); read once."""
        if self._profile is None:
            self._profile = read_profile(self.profile or "default", required=self.profile is not None)
        return self._profile

    def _token(self) -> str:
        profile = self.profile_settings()
        name = self.profile or "default"
        if self.profile and profile.get("token"):
            return _usable(profile["token"], f"profile {name!r} of {config_path()}")
        for variable in TOKEN_VARIABLES:
            if os.environ.get(variable):
                return _usable(os.environ[variable], variable)
        if profile.get("token"):
            return _usable(profile["token"], f"profile {name!r} of {config_path()}")
        fail(
            "error: no API token: set BETTERSTACK_API_TOKEN, or add a profile with a token to "
            f"{config_path()} and pass --profile",
            CONFIGURATION_ERROR,
        )

    def api(self) -> UptimeAPI:
        """The client: made once, from the profile, the environment and the options."""
        if self._api is not None:
            return self._api
        from betterstack.uptime import UptimeAPI, __version__

        token = self._token()
        profile = self.profile_settings()
        options: dict[str, Any] = {}
        base_url = self.base_url or profile.get("base_url")
        if base_url:
            options["base_url"] = base_url
            options["team_base_url"] = profile.get("team_base_url", base_url)
        elif profile.get("team_base_url"):
            options["team_base_url"] = profile["team_base_url"]
        self.team = self.team or profile.get("team")
        self._api = self._made = UptimeAPI(token, app_name=f"betterstack-cli/{__version__}", **options)
        return self._api

    def close(self) -> None:
        """Close the client `api()` made, if any; the app calls it as the run ends."""
        if self._made is not None:
            self._made.close()
            self._made = None

    def team_filter(self) -> dict[str, str]:
        """`{"team_name": ...}` when `--team` (or the profile) names a team, for list filters."""
        team = self.team or self.profile_settings().get("team")
        return {"team_name": team} if team else {}
