"""Uptime as code: export a team to a file, plan the difference with a file, apply it.

    from betterstack.uptime import UptimeAPI
    from betterstack.uptime.config import apply, dump, export, load, plan

    api = UptimeAPI()
    open("uptime.yaml", "w").write(dump(export(api)))   # the team as a file
    changes = plan(api, load("uptime.yaml"))            # GETs only
    print(changes.render())
    result = apply(api, changes)                        # in dependency order; stops at a failure

The file (YAML, or JSON) lists the kinds it manages (`urgencies`, `escalation_policies`,
`monitor_groups`, `heartbeat_groups`, `monitors`, `heartbeats`, `status_pages` with their
`sections` and `resources`, `metadata`), each entry with the fields of the API's create and
update bodies, references by name (`monitor_group: Storefront`). Kinds it leaves out are never
touched; `plan(..., prune=True)` deletes what the listed kinds have that the file does not.

Nothing here loads with `import betterstack.uptime`; PyYAML (the `cli` extra) is imported only
to read or write YAML.
"""

from ._apply import ApplyResult, apply
from ._errors import ConfigError
from ._export import export
from ._file import SCHEMA_URL, Config, dump, load, loads
from ._plan import Change, Plan, plan

__all__ = [
    "SCHEMA_URL",
    "ApplyResult",
    "Change",
    "Config",
    "ConfigError",
    "Plan",
    "apply",
    "dump",
    "export",
    "load",
    "loads",
    "plan",
]
