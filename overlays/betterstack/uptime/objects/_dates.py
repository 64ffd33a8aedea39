"""Days given as `YYYY-MM-DD` strings, `date` or `datetime`, as the API's date filters want them."""

from __future__ import annotations

import datetime

DateLike = str | datetime.date | datetime.datetime


def _day(value: DateLike) -> str:
    """The `YYYY-MM-DD` form of a day."""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value
