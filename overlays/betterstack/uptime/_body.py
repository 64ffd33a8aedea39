"""Reading a response body whole, within a size limit, undoing gzip and deflate as it arrives.

The retry transport reads every body before handing the response on, so that a connection
breaking mid-body is retried like any other transport error. `read_body` counts the bytes as
they arrive, decoded, and stops at the client's `max_response_bytes`: a small gzip body that
expands to gigabytes, or a body that never ends, raises `ResponseTooLargeError` having held
about the limit in memory.

The decoding is done here rather than by httpx, whose decoders inflate each network chunk in
one go: a 64 KiB chunk of a gzip bomb is 64 MiB, and under two stacked gzip codings a few KiB
are gigabytes. `zlib`'s `max_length` bounds every step here to `_STEP` bytes per coding. The
SDK asks for `gzip, deflate` only (`ACCEPT_ENCODING`); a body in a coding it neither asked for
nor decodes (br, zstd, compress) raises `ResponseDecodeError`, and a coding name nobody knows
is passed through undecoded, as httpx does. A decoded response no longer carries the
Content-Encoding and Content-Length headers that described the encoded body (Go's net/http
does the same when it decompresses).
"""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator, Iterable, Iterator

import httpx

from ._errors import ResponseDecodeError, ResponseTooLargeError, redact

DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024
"""64 MiB, decoded. The largest list page is 250 items (`per_page`'s maximum); the largest items
seen are monitors of about 1.2 KB, so a real page is about 300 KB. Free-text fields can be far
longer (an incident's `response_content` is the failing check's body, a monitor's
`playwright_script` a script): 250 of them at 64 KiB each is 16 MiB, which the default still
holds four times over."""

ACCEPT_ENCODING = "gzip, deflate"
"""What the SDK asks for: the codings `read_body` undoes a bounded step at a time."""

_STEP = 256 * 1024  # The most one coding produces per step: what a body may overshoot the limit by.
_GZIP = frozenset({"gzip", "x-gzip"})
_NOT_DECODED = frozenset({"br", "zstd", "compress", "x-compress"})


class _Inflate:
    """One gzip or deflate coding, undone at most `_STEP` bytes at a time."""

    def __init__(self, gzip: bool) -> None:
        self._gzip = gzip
        self._started = False
        self._zlib = zlib.decompressobj(zlib.MAX_WBITS | 16 if gzip else zlib.MAX_WBITS)

    def decode(self, data: bytes) -> Iterator[bytes]:
        while True:
            out = self._step(data)
            if out:
                yield out
            data = self._zlib.unconsumed_tail
            # A full step may leave output pending with no input left: step again to drain it.
            if not data and len(out) < _STEP:
                return

    def _step(self, data: bytes) -> bytes:
        first, self._started = not self._started, True
        try:
            return self._zlib.decompress(data, _STEP)
        except zlib.error:
            if not first or self._gzip:
                raise
            # "deflate" means zlib-wrapped, but some servers send it raw; httpx accepts both.
            self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
            return self._zlib.decompress(data, _STEP)

    def flush(self) -> bytes:
        return self._zlib.flush()


def _through(stage: _Inflate, pieces: Iterable[bytes]) -> Iterator[bytes]:
    for piece in pieces:
        yield from stage.decode(piece)


class _Decoder:
    """The codings of a Content-Encoding header, undone last first, lazily, so each step is bounded."""

    def __init__(self, stages: list[_Inflate]) -> None:
        self._stages = stages

    def _from(self, start: int, pieces: Iterable[bytes]) -> Iterator[bytes]:
        for stage in self._stages[start:]:
            pieces = _through(stage, pieces)
        return iter(pieces)

    def decode(self, data: bytes) -> Iterator[bytes]:
        return self._from(0, (data,))

    def flush(self) -> Iterator[bytes]:
        for index, stage in enumerate(self._stages):
            yield from self._from(index + 1, (stage.flush(),))


def _decoder(response: httpx.Response) -> _Decoder | None:
    """The decoder for `response`'s Content-Encoding, None when there is nothing to undo.

    Raises:
        ResponseDecodeError: A coding the SDK did not ask for and does not decode.
    """
    header = response.headers.get("Content-Encoding")
    if header is None:
        return None
    stages: list[_Inflate] = []
    for coding in (value.strip().lower() for value in reversed(header.split(","))):
        if coding in _NOT_DECODED:
            raise ResponseDecodeError.for_response(
                f"the body is encoded as {coding!r}, which the SDK neither asks for (Accept-Encoding: "
                f"{ACCEPT_ENCODING}) nor decodes",
                response,
            )
        if coding in _GZIP or coding == "deflate":
            stages.append(_Inflate(gzip=coding in _GZIP))
    return _Decoder(stages) if stages else None


class WrappedStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A response body read through another one, sync or async; closing closes the inner one."""

    def __init__(self, stream: httpx.SyncByteStream | httpx.AsyncByteStream) -> None:
        self._stream = stream

    def close(self) -> None:
        assert isinstance(self._stream, httpx.SyncByteStream)
        self._stream.close()

    async def aclose(self) -> None:
        assert isinstance(self._stream, httpx.AsyncByteStream)
        await self._stream.aclose()


class _Limited(WrappedStream):
    """A body httpx reads as it is (no coding to undo), raising once it passes the limit."""

    def __init__(self, response: httpx.Response, limit: int) -> None:
        super().__init__(response.stream)
        self._limit = limit
        # Not the response itself: it holds this stream, and the cycle would keep every body
        # in memory until the garbage collector ran.
        self._status = response.status_code
        self._content_type = response.headers.get("Content-Type", "")
        self._request = response.request

    def __iter__(self) -> Iterator[bytes]:
        assert isinstance(self._stream, httpx.SyncByteStream)
        size = 0
        for chunk in self._stream:
            size += len(chunk)
            if size > self._limit:
                raise self._too_large()
            yield chunk

    async def __aiter__(self) -> AsyncIterator[bytes]:
        assert isinstance(self._stream, httpx.AsyncByteStream)
        size = 0
        async for chunk in self._stream:
            size += len(chunk)
            if size > self._limit:
                raise self._too_large()
            yield chunk

    def _too_large(self) -> ResponseTooLargeError:
        return _too_large_error(self._limit, self._status, self._content_type, self._request)


class _Decoding:
    """One encoded body, gathered decoded, raising once it passes the limit."""

    def __init__(self, response: httpx.Response, decoder: _Decoder, limit: int | None) -> None:
        self.response = response
        self.decoder = decoder
        self.limit = limit
        self.chunks: list[bytes] = []
        self.size = 0
        self.received = 0

    def feed(self, raw: bytes) -> None:
        self.received += len(raw)
        try:
            for piece in self.decoder.decode(raw):
                self._keep(piece)
        except zlib.error as error:
            raise self._undecodable(error) from None

    def finish(self) -> httpx.Response:
        """The response to hand on: the same status and extensions, the decoded body in memory.

        The headers lose Content-Encoding and Content-Length, which described the encoded body.
        """
        try:
            for piece in self.decoder.flush():
                self._keep(piece)
        except zlib.error as error:
            raise self._undecodable(error) from None
        headers = self.response.headers.copy()
        for name in ("Content-Encoding", "Content-Length"):
            headers.pop(name, None)
        return httpx.Response(
            self.response.status_code,
            headers=headers,
            stream=httpx.ByteStream(b"".join(self.chunks)),
            extensions=self.response.extensions,
            request=self.response.request,
        )

    def _keep(self, piece: bytes) -> None:
        self.size += len(piece)
        if self.limit is not None and self.size > self.limit:
            self.chunks.clear()
            coding = self.response.headers.get("Content-Encoding", "").strip()
            expanded = f" once decoded ({self.received:,} bytes of {coding} had expanded past it)"
            content_type = self.response.headers.get("Content-Type", "")
            raise _too_large_error(self.limit, self.response.status_code, content_type, self.response.request, expanded)
        self.chunks.append(piece)

    def _undecodable(self, error: zlib.error) -> ResponseDecodeError:
        # The answer arrived with its status; only its Content-Encoding did not decode.
        return ResponseDecodeError.for_response(
            f"the body does not decode as its Content-Encoding says ({error})", self.response
        )


def _too_large_error(
    limit: int, status_code: int, content_type: str, request: httpx.Request, expanded: str = ""
) -> ResponseTooLargeError:
    """The error for a body longer than `limit`; `expanded` says how it grew, if it was decoded."""
    detail = (
        f"the body is longer than max_response_bytes ({limit:,} bytes){expanded}; reading stopped there. "
        "If answers this large are expected, pass a larger UptimeAPI(max_response_bytes=...)"
    )
    return ResponseTooLargeError(
        redact(detail, request),
        status_code=status_code,
        content_type=content_type,
        method=request.method,
        url=str(request.url),
    )


def _read_already(response: httpx.Response, limit: int | None) -> httpx.Response:
    # A response a transport built in memory was read (and decoded) when it was made.
    if limit is not None and len(response.content) > limit:
        raise _too_large_error(limit, response.status_code, response.headers.get("Content-Type", ""), response.request)
    return response


def read_body(response: httpx.Response, request: httpx.Request, limit: int | None) -> httpx.Response:
    """`response` with its body read whole and decoded, at most `limit` bytes of it (None: no limit).

    Raises:
        ResponseTooLargeError: The body, decoded, passed `limit`; reading stopped there.
        ResponseDecodeError: The body does not decode as its Content-Encoding says.
        httpx.TransportError: Reading failed (the retry transport retries it).
    """
    response.request = request  # the errors name the request
    if response.is_stream_consumed:
        return _read_already(response, limit)
    try:
        decoder = _decoder(response)
        if decoder is None:  # the list path's usual case: httpx reads it, counted on the way
            if limit is not None:
                response.stream = _Limited(response, limit)
            response.read()
            return response
        decoding = _Decoding(response, decoder, limit)
        for raw in response.iter_raw():
            decoding.feed(raw)
    finally:
        response.close()
    return decoding.finish()


async def aread_body(response: httpx.Response, request: httpx.Request, limit: int | None) -> httpx.Response:
    """The async `read_body`."""
    response.request = request
    if response.is_stream_consumed:
        return _read_already(response, limit)
    try:
        decoder = _decoder(response)
        if decoder is None:
            if limit is not None:
                response.stream = _Limited(response, limit)
            await response.aread()
            return response
        decoding = _Decoding(response, decoder, limit)
        async for raw in response.aiter_raw():
            decoding.feed(raw)
    finally:
        await response.aclose()
    return decoding.finish()
