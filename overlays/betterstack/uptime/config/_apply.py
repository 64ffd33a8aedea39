"""`apply`: make a plan's changes, in its order, stopping at the first that fails.

Creates send every field of the entry (write-only ones too) with names turned into ids, those of
resources created earlier in the same run included. Updates load the live resource as the plan
read it, set the changed fields and save, so the object layer PATCHes exactly those. Deletes
delete. Nothing is retried here beyond what the client retries; after a failure, a new plan
starts from what the team now holds, so `plan` then `apply` again finishes the job.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from .._errors import BetterStackError
from .._kind import kind_of
from ..objects.metadata import Metadata
from ..objects.status_pages import StatusPage
from ._errors import ConfigError
from ._kinds import BY_NAME, METADATA, OWNERS, STATUS_PAGE_RESOURCES, STATUS_PAGE_SECTIONS, Kind, owner_key
from ._plan import Change, Plan
from ._team import Team

if TYPE_CHECKING:
    from betterstack_sdk.shapes import MetadataOwnerType

    from .._client import PaginatedAPI


@dataclass
class ApplyResult:
    """What `apply` did.

    Attributes:
        applied: The changes made, in order.
        failed: The change that failed, if one did; it may have been made even so (an answer
            lost on the way back), which the next plan shows.
        error: Why it failed.
        remaining: The changes not tried, after the failed one.
    """

    applied: list[Change] = field(default_factory=list)
    failed: Change | None = None
    error: BetterStackError | None = None
    remaining: list[Change] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether every change was made."""
        return self.failed is None

    def render(self) -> str:
        """What was applied and what was not, a line each, for a person."""
        lines = [f"applied: {change.render()}" for change in self.applied]
        if self.failed is not None:
            lines.append(f"failed: {self.failed.render()}: {self.error}")
            lines += [f"not applied: {change.render()}" for change in self.remaining]
            lines.append(
                f"{len(self.applied)} applied, 1 failed, {len(self.remaining)} not tried; "
                "run plan and apply again to finish"
            )
        else:
            lines.append(f"{len(self.applied)} applied")
        return "\n".join(lines)


def apply(api: PaginatedAPI, plan: Plan, *, progress: Callable[[Change], None] | None = None) -> ApplyResult:
    """Make the plan's changes in order; stop at the first failure.

    Args:
        api: The client of the team the plan was made for.
        plan: What `plan()` returned.
        progress: Called with each change once it is made.

    Returns:
        What was applied, and what failed and was not tried if something failed. An
        `APIError` (or any `BetterStackError`) is reported here, not raised.

    Raises:
        ConfigError: The plan was not made by `plan()` (it has no view of the team), or was
            applied already: make a new plan, which starts from the team as it is now.
    """
    team = plan._team
    if team is None:
        raise ConfigError("apply takes a plan made by plan(api, config); this one holds no view of the team")
    if plan._applied:
        raise ConfigError("this plan was applied already; make a new one with plan(api, config) and apply that")
    plan._applied = True
    result = ApplyResult()
    for index, change in enumerate(plan.changes):
        try:
            _apply_one(api, team, change)
        except BetterStackError as error:
            result.failed, result.error, result.remaining = change, error, plan.changes[index + 1 :]
            return result
        result.applied.append(change)
        if progress is not None:
            progress(change)
    return result


def _ids(team: Team, scope: Any) -> Callable[[str, Any], Any]:
    def ids(kind: str, name: Any) -> Any:
        try:
            return team.id_of(kind, name, scope)
        except KeyError:
            raise ConfigError(f"no {kind} {name!r} to refer to: it was neither in the team nor created") from None

    return ids


def _apply_one(api: PaginatedAPI, team: Team, change: Change) -> None:
    kind = BY_NAME[change.kind]
    assert change._key is not None
    scope = change._key[1]
    ids = _ids(team, scope)
    if change.action == "create":
        assert change._entry is not None
        team.created(change._key, _create(api, kind, change._entry, scope, ids))
    elif change.action == "update":
        obj = _fresh(api, kind, change._live)
        snapshot = obj.__dict__["_original_values"]
        body = kind.wire({name: new for name, (_, new) in change.fields.items()}, snapshot, ids)
        for wire, value in body.items():
            setattr(obj, wire, value)
        obj.save()
    else:
        _fresh(api, kind, change._live).delete()


def _create(api: PaginatedAPI, kind: Kind, entry: dict[str, Any], scope: Any, ids: Callable[[str, Any], Any]) -> str:
    """Create one resource; return its id."""
    body = kind.create_body({name: value for name, value in entry.items() if name != kind.children}, ids)
    if kind is METADATA:
        owner = owner_key(entry)
        assert owner is not None
        owner_type = cast("MetadataOwnerType", OWNERS[owner])
        made = Metadata.upsert(api, owner_type, body["owner_id"], body["key"], body.get("values"))
        return "" if made is None else made.id
    if kind in (STATUS_PAGE_SECTIONS, STATUS_PAGE_RESOURCES):
        page = StatusPage(id=str(ids("status_page", scope)), _api=api)
        made_nested = page.add_section(**body) if kind is STATUS_PAGE_SECTIONS else page.add_resource(**body)
        return made_nested.id
    made_object = kind.cls.new(api, **body)
    return made_object.id


def _fresh(api: PaginatedAPI, kind: Kind, live: Any) -> Any:
    """A new object holding what the plan read of `live`, bound to `api`, parents included."""
    parents = {f"_{name}": live.__dict__.get(f"_{name}") for name in kind_of(kind.cls).parent_arguments}
    return kind_of(kind.cls).from_item(api, {"id": live.id, "attributes": live.__dict__["_original_values"]}, **parents)
