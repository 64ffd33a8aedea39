"""`pause()` and `resume()` for resources with a writable `paused` switch."""

from __future__ import annotations

from .._base import BaseAPIObject
from .._flows import arun, run
from .._kind import KINDS


class _Pausable(BaseAPIObject):
    """A resource the API pauses and resumes through its `paused` field."""

    def pause(self) -> None:
        """Pause it: PATCH `{"paused": true}` at once; other unsaved edits stay unsaved."""
        run(self._api, KINDS[type(self)].patch_flow(self, {"paused": True}))

    async def apause(self) -> None:
        """The async `pause`."""
        await arun(self._api, KINDS[type(self)].patch_flow(self, {"paused": True}))

    def resume(self) -> None:
        """Resume it: PATCH `{"paused": false}` at once; other unsaved edits stay unsaved."""
        run(self._api, KINDS[type(self)].patch_flow(self, {"paused": False}))

    async def aresume(self) -> None:
        """The async `resume`."""
        await arun(self._api, KINDS[type(self)].patch_flow(self, {"paused": False}))
