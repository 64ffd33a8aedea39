"""Operations whose behaviour goes beyond plain collections, registered by operation id."""

from __future__ import annotations

from . import handlers_accounts as handlers_accounts
from . import handlers_incidents as handlers_incidents
from . import handlers_monitors as handlers_monitors
from . import handlers_on_call as handlers_on_call
from . import handlers_webhooks as handlers_webhooks
