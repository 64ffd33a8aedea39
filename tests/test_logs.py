"""The log filter: a live client's token is replaced in httpx's and httpcore's records, nothing else.

The end-to-end proof, with a server echoing the token in its headers, is in
`reliability/test_secrets.py`.
"""

from __future__ import annotations

import gc
import logging

import httpx
import pytest

from betterstack.uptime import UptimeAPI
from betterstack.uptime._logs import _FILTER


def client(token: str) -> UptimeAPI:
    """A client with `token` that never connects (building real TLS transports is slow)."""
    return UptimeAPI(token, transport=httpx.MockTransport(lambda request: httpx.Response(204)))


@pytest.mark.parametrize("logger", ["httpx", "httpcore.http11", "httpcore.connection", "httpcore.proxy"])
def test_a_live_clients_token_is_hidden_in_the_records_of_httpx_and_httpcore(
    caplog: pytest.LogCaptureFixture, logger: str
) -> None:
    token = f"tok-live-{logger}-0123456789"
    caplog.set_level(logging.DEBUG, logger=logger)
    api = client(token)
    logging.getLogger(logger).debug("headers=%r", [(b"Location", f"https://e.com/?t={token}".encode())])
    assert [record.getMessage() for record in caplog.records] == [
        "headers=[(b'Location', b'https://e.com/?t=<hidden>')]"
    ]
    assert caplog.records[0].args is None
    api.close()


def test_a_record_without_a_token_is_left_as_logged(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="httpx")
    api = client("tok-untouched-0123456789")
    logging.getLogger("httpx").info("HTTP Request: %s %s", "GET", "https://uptime.betterstack.com/api/v2/monitors")
    assert [(record.msg, record.args) for record in caplog.records] == [
        ("HTTP Request: %s %s", ("GET", "https://uptime.betterstack.com/api/v2/monitors"))
    ]
    api.close()


def test_a_token_is_forgotten_once_its_client_is_gone() -> None:
    token = "tok-forgotten-0123456789"
    api = client(token)
    assert token in _FILTER.tokens
    del api
    gc.collect()
    assert token not in _FILTER.tokens


def test_a_token_shared_by_two_clients_stays_hidden_while_one_lives() -> None:
    token = "tok-shared-0123456789"
    first, second = client(token), client(token)
    del first
    gc.collect()
    assert token in _FILTER.tokens
    del second
    gc.collect()
    assert token not in _FILTER.tokens


def test_a_short_test_token_is_not_taken_for_a_word(caplog: pytest.LogCaptureFixture) -> None:
    # As in error messages: hiding "read-only" would mangle records that merely hold the word.
    caplog.set_level(logging.DEBUG, logger="httpcore.http11")
    api = client("read-only")
    logging.getLogger("httpcore.http11").debug("the token is read-only")
    assert caplog.records[0].getMessage() == "the token is read-only"
    api.close()
