"""Operations whose behaviour goes beyond plain collections, registered by operation id."""

from __future__ import annotations
