"""`pause()` and `resume()` for resources with a writable `paused` switch."""

from __future__ import annotations

from .._base import BaseAPIObject


class _Pausable(BaseAPIObject):
    """A resource the API pauses and resumes through its `paused` field."""

    def pause(self) -> None:
        """Pause it: PATCH `{"paused": true}` at once; other unsaved edits stay unsaved."""
        self._patch_now({"paused": True})

    def resume(self) -> None:
        """Resume it: PATCH `{"paused": false}` at once; other unsaved edits stay unsaved."""
        self._patch_now({"paused": False})
