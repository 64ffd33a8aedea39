"""Response bodies built to hurt a client, for the tests of the body size limit."""

from __future__ import annotations

import struct
import zlib

MIB = 1024 * 1024


def gzip_bomb(mib: int) -> bytes:
    """A valid gzip body of `mib` MiB of zeros, about a thousandth of that long.

    Built in a fraction of the time compressing it would take: after a full flush the compressor
    forgets what came before, so every further MiB of zeros compresses to the same bytes.
    """
    block = bytes(MIB)
    compressor = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    first = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeated = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(mib):
        crc = zlib.crc32(block, crc)
    final_empty_block = b"\x03\x00"
    return first + repeated * (mib - 1) + final_empty_block + struct.pack("<II", crc, (mib * MIB) & 0xFFFFFFFF)
