"""URL helpers shared by the client and the page walks."""

from __future__ import annotations

from urllib.parse import urlsplit


def path_and_query(url: str) -> str:
    """A link's path and query: all of it that is sent, always to this client's own host."""
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path
