"""The body size limit and decoding: `max_response_bytes`, counted decoded, whatever the status.

The bodies here are streamed by mock transports, so they arrive piece by piece as a socket's
would; `tests/reliability/test_response_size.py` proves the same over real HTTP and measures
the memory a gzip bomb and an endless body cost.
"""

from __future__ import annotations

import asyncio
import gzip
import pickle
import tracemalloc
import zlib
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from hostile_bodies import MIB, gzip_bomb

from betterstack.uptime import (
    ConfigurationError,
    ResponseDecodeError,
    ResponseTooLargeError,
    UptimeAPI,
)
from betterstack.uptime._body import DEFAULT_MAX_RESPONSE_BYTES, read_body
from betterstack.uptime.objects import Monitor
from betterstack_sdk.api.monitors import get_monitor

from wire import TOKEN, fixture

URL = "https://uptime.betterstack.com/api/v2/monitors/1"
REQUEST = httpx.Request("GET", URL)
BODY = b'{"data": {"id": "1", "type": "monitor", "attributes": {"url": "https://a.example"}}}'


class Endless(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body that never ends, counting the pieces it was asked for."""

    def __init__(self, piece: bytes = b"x" * 65536) -> None:
        self.piece = piece
        self.pulled = 0

    def __iter__(self) -> Iterator[bytes]:
        while True:
            self.pulled += 1
            yield self.piece

    async def __aiter__(self) -> AsyncIterator[bytes]:
        while True:
            self.pulled += 1
            yield self.piece


def streamed(content: bytes, **headers: str) -> httpx.Response:
    """A response whose body is still to be read, in pieces of 1,000 bytes."""
    pieces = [content[i : i + 1000] for i in range(0, len(content), 1000)]
    return httpx.Response(200, headers=headers, stream=httpx.ByteStream(b"") if not pieces else _Pieces(pieces))


class _Pieces(httpx.SyncByteStream):
    def __init__(self, pieces: list[bytes]) -> None:
        self.pieces = pieces

    def __iter__(self) -> Iterator[bytes]:
        yield from self.pieces


def api_answering(status: int, stream: Endless, limit: int) -> tuple[UptimeAPI, list[httpx.Request]]:
    """An UptimeAPI whose every request is answered `status` with `stream` as the body, and the requests."""
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(status, headers={"Content-Type": "application/json"}, stream=stream)

    api = UptimeAPI(TOKEN, transport=httpx.MockTransport(answer), backoff_factor=0, max_response_bytes=limit)
    return api, sent


def test_the_default_limit_is_64_mib() -> None:
    assert DEFAULT_MAX_RESPONSE_BYTES == 64 * MIB
    assert UptimeAPI(TOKEN).transport.max_response_bytes == 64 * MIB


def test_a_body_as_long_as_the_limit_arrives_whole() -> None:
    assert read_body(streamed(BODY * 3), REQUEST, len(BODY) * 3).read() == BODY * 3


def test_a_body_one_byte_over_the_limit_raises_too_large_naming_the_request() -> None:
    with pytest.raises(ResponseTooLargeError) as raised:
        read_body(streamed(BODY * 3, **{"Content-Type": "application/json"}), REQUEST, len(BODY) * 3 - 1)
    assert str(raised.value) == (
        "[200] the body is longer than max_response_bytes (251 bytes); reading stopped there. If answers "
        "this large are expected, pass a larger UptimeAPI(max_response_bytes=...) "
        f"(Content-Type application/json; GET {URL})"
    )
    assert (raised.value.status_code, raised.value.method, raised.value.url) == (200, "GET", URL)


def test_too_large_is_a_decode_error_that_pickles() -> None:
    with pytest.raises(ResponseDecodeError) as raised:
        read_body(streamed(BODY), REQUEST, 10)
    copy = pickle.loads(pickle.dumps(raised.value))
    assert type(copy) is ResponseTooLargeError and str(copy) == str(raised.value)


def test_an_endless_body_stops_at_the_limit() -> None:
    body = Endless()
    api, _ = api_answering(200, body, MIB)
    with pytest.raises(ResponseTooLargeError, match=r"max_response_bytes \(1,048,576 bytes\)"):
        api.call(get_monitor, monitor_id="1")
    assert body.pulled == MIB // 65536 + 1


def test_an_endless_body_stops_at_the_limit_async() -> None:
    body = Endless()
    api, _ = api_answering(200, body, MIB)
    with pytest.raises(ResponseTooLargeError):
        asyncio.run(api.acall(get_monitor, monitor_id="1"))
    assert body.pulled == MIB // 65536 + 1


def test_an_endless_list_page_stops_at_the_limit() -> None:
    api, _ = api_answering(200, Endless(), MIB)
    with pytest.raises(ResponseTooLargeError):
        list(Monitor.get_all_instances(api))


def test_a_long_error_body_raises_too_large_with_its_status_and_is_not_retried() -> None:
    api, sent = api_answering(503, Endless(), MIB)
    with pytest.raises(ResponseTooLargeError) as raised:
        api.call(get_monitor, monitor_id="1")
    assert raised.value.status_code == 503
    assert len(sent) == 1


def test_no_limit_when_max_response_bytes_is_none() -> None:
    api = UptimeAPI(TOKEN, transport=httpx.MockTransport(lambda _r: httpx.Response(200)), max_response_bytes=None)
    assert api.transport.max_response_bytes is None
    assert read_body(streamed(BODY * 1000), REQUEST, None).read() == BODY * 1000


@pytest.mark.parametrize("limit", [0, -1])
def test_max_response_bytes_must_be_positive(limit: int) -> None:
    with pytest.raises(ConfigurationError, match=f"max_response_bytes must be positive bytes or None, got {limit}"):
        UptimeAPI(TOKEN, max_response_bytes=limit)


def test_a_response_built_in_memory_is_held_to_the_limit_too() -> None:
    api = UptimeAPI(TOKEN, transport=httpx.MockTransport(lambda _r: httpx.Response(200, content=BODY)))
    api.transport.max_response_bytes = 10
    with pytest.raises(ResponseTooLargeError):
        api.call(get_monitor, monitor_id="1")


def _deflate_raw(data: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


@pytest.mark.parametrize(
    ("coding", "encoded"),
    [
        ("gzip", gzip.compress(BODY)),
        ("x-gzip", gzip.compress(BODY)),
        ("deflate", zlib.compress(BODY)),
        ("deflate", _deflate_raw(BODY)),
        ("gzip, gzip", gzip.compress(gzip.compress(BODY))),
        ("deflate, GZIP", gzip.compress(zlib.compress(BODY))),
        ("identity", BODY),
    ],
    ids=["gzip", "x-gzip", "deflate", "raw-deflate", "stacked", "mixed-case-stack", "identity"],
)
def test_encoded_bodies_are_decoded(coding: str, encoded: bytes) -> None:
    headers = {"Content-Encoding": coding, "Content-Length": str(len(encoded)), "Content-Type": "application/json"}
    response = read_body(streamed(encoded, **headers), REQUEST, len(BODY))
    assert response.read() == BODY
    # The headers describe the body as handed on: decoded, so no longer its coding or length.
    if coding != "identity":
        assert "Content-Encoding" not in response.headers and "Content-Length" not in response.headers
    assert response.headers["Content-Type"] == "application/json"


def test_a_decoded_body_over_the_limit_says_how_it_grew() -> None:
    encoded = gzip.compress(BODY * 100)
    with pytest.raises(ResponseTooLargeError, match=f"once decoded \\({len(encoded):,} bytes of gzip had expanded"):
        read_body(streamed(encoded, **{"Content-Encoding": "gzip"}), REQUEST, 1000)


def test_a_stacked_gzip_bomb_stops_near_the_limit() -> None:
    # 1,286 bytes, two gzip codings deep, of 512 MiB: httpx would inflate it in one step.
    bomb = gzip.compress(gzip_bomb(512))
    tracemalloc.start()
    try:
        with pytest.raises(ResponseTooLargeError):
            read_body(streamed(bomb, **{"Content-Encoding": "gzip, gzip"}), REQUEST, 4 * MIB)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # The 4 MiB kept, and at most a step (256 KiB, and zlib's buffers for it) per coding on top.
    assert peak < 6 * MIB


@pytest.mark.parametrize("coding", ["br", "zstd", "gzip, br"])
def test_a_coding_the_sdk_did_not_ask_for_raises_decode_error(coding: str) -> None:
    with pytest.raises(ResponseDecodeError, match=r"encoded as .(br|zstd)., which the SDK neither asks for"):
        read_body(streamed(BODY, **{"Content-Encoding": coding}), REQUEST, MIB)


def test_an_unknown_coding_name_is_passed_through_as_httpx_does() -> None:
    response = read_body(streamed(BODY, **{"Content-Encoding": "utf-8"}), REQUEST, MIB)
    assert response.read() == BODY


def test_a_body_that_does_not_decode_raises_decode_error_with_the_status() -> None:
    with pytest.raises(ResponseDecodeError, match=r"^\[200\] the body does not decode as its Content-Encoding says"):
        read_body(streamed(b"not gzip at all", **{"Content-Encoding": "gzip"}), REQUEST, MIB)


def test_the_sdk_asks_for_gzip_and_deflate_only() -> None:
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json=fixture("get_monitor"))

    UptimeAPI(TOKEN, transport=httpx.MockTransport(answer)).call(get_monitor, monitor_id="1")
    assert sent[0].headers["Accept-Encoding"] == "gzip, deflate"
