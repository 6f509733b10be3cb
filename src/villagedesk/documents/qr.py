"""A fast QR-code encoder for the document tokens: byte mode, error level M, one fixed mask.

The ``qrcode`` package gives correct codes but spends ~15 ms on each (bit-by-bit buffers, a
polynomial class for Reed-Solomon); a batch of 500 certification slips cannot afford that.
This module does the same work with whole-byte arithmetic and log tables (~3 ms a code).
It takes only the standard's *tables* from ``qrcode`` — the block structure of each version
(``rs_blocks``) and the alignment-pattern positions (``pattern_position``) — and the tests
compare every module it sets with what ``qrcode`` makes for the same version and mask.

Any of the eight masks gives a valid code; the fixed one skips scoring all eight.
"""

from __future__ import annotations

from functools import cache

from qrcode.base import rs_blocks
from qrcode.constants import ERROR_CORRECT_M
from qrcode.util import pattern_position

MASK = 4  # (row // 2 + column // 3) % 2 == 0
_LEVEL_M_BITS = 0b00  # the format information's code for level M
_MAX_VERSION = 40

# GF(256) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1
_EXP = [0] * 512
_LOG = [0] * 256
_x = 1
for _i in range(255):
    _EXP[_i] = _x
    _LOG[_x] = _i
    _x <<= 1
    if _x & 0x100:
        _x ^= 0x11D
for _i in range(255, 512):
    _EXP[_i] = _EXP[_i - 255]


class QrTooLong(ValueError):
    """The text does not fit in the largest QR code at level M."""


@cache
def _generator_logs(degree: int) -> tuple[int, ...]:
    """Logs of the Reed-Solomon generator's coefficients after the leading 1."""
    poly = [1]
    for i in range(degree):
        nxt = [0] * (len(poly) + 1)
        for j, c in enumerate(poly):
            nxt[j] ^= c
            if c:
                nxt[j + 1] ^= _EXP[_LOG[c] + i]
        poly = nxt
    return tuple(_LOG[c] for c in poly[1:])


@cache
def _generator_rows(degree: int) -> tuple[int, ...]:
    """For each byte value ``b``: the generator times ``b``, as one integer of ``degree``
    bytes, so a division step is a shift and an XOR of Python integers."""
    glogs = _generator_logs(degree)
    rows = [0]
    for b in range(1, 256):
        lb = _LOG[b]
        rows.append(int.from_bytes(bytes(_EXP[lb + gl] for gl in glogs), "big"))
    return tuple(rows)


def _ec_codewords(data: bytes, degree: int) -> bytes:
    """The Reed-Solomon remainder of ``data`` (the block's error-correction codewords)."""
    rows = _generator_rows(degree)
    top = 8 * (degree - 1)
    full = (1 << (8 * degree)) - 1
    rem = 0
    for b in data:
        coef = (rem >> top) ^ b
        rem = (rem << 8) & full
        if coef:
            rem ^= rows[coef]
    return rem.to_bytes(degree, "big")


@cache
def _blocks(version: int) -> tuple[tuple[int, int], ...]:
    """(total codewords, data codewords) of each block at level M."""
    return tuple((b.total_count, b.data_count) for b in rs_blocks(version, ERROR_CORRECT_M))


def _count_bits(version: int) -> int:
    return 8 if version < 10 else 16


def _choose_version(length: int) -> int:
    for version in range(1, _MAX_VERSION + 1):
        capacity = sum(d for _t, d in _blocks(version)) * 8
        if 4 + _count_bits(version) + 8 * length <= capacity:
            return version
    raise QrTooLong(f"{length} bytes do not fit in a level-M QR code")


def _codewords(data: bytes, version: int) -> bytes:
    """Data codewords (with mode, count, terminator and padding), blocks interleaved, then
    the error-correction codewords interleaved."""
    blocks = _blocks(version)
    capacity = sum(d for _t, d in blocks)
    cc = _count_bits(version)
    nbits = 4 + cc + 8 * len(data)
    value = (0b0100 << cc | len(data)) << (8 * len(data)) | int.from_bytes(data, "big")
    terminator = min(4, capacity * 8 - nbits)
    value <<= terminator
    nbits += terminator
    pad = -nbits % 8
    value <<= pad
    nbits += pad
    stream = bytearray(value.to_bytes(nbits // 8, "big"))
    filler = (0xEC, 0x11)
    i = 0
    while len(stream) < capacity:
        stream.append(filler[i % 2])
        i += 1
    data_blocks: list[bytes] = []
    ec_blocks: list[bytes] = []
    pos = 0
    for total, count in blocks:
        chunk = bytes(stream[pos : pos + count])
        pos += count
        data_blocks.append(chunk)
        ec_blocks.append(_ec_codewords(chunk, total - count))
    out = bytearray()
    for i in range(max(len(b) for b in data_blocks)):
        out.extend(b[i] for b in data_blocks if i < len(b))
    for i in range(max(len(b) for b in ec_blocks)):
        out.extend(b[i] for b in ec_blocks if i < len(b))
    return bytes(out)


def _bch(value: int, generator: int) -> int:
    """``value`` followed by its BCH check bits (the remainder by ``generator``)."""
    degree = generator.bit_length() - 1
    rem = value << degree
    while rem.bit_length() > degree:
        rem ^= generator << (rem.bit_length() - generator.bit_length())
    return (value << degree) | rem


def _template(version: int) -> tuple[list[bytearray], list[bytearray]]:
    """The function patterns of a version: (dark modules, reserved modules)."""
    size = 17 + 4 * version
    dark = [bytearray(size) for _ in range(size)]
    used = [bytearray(size) for _ in range(size)]

    def put(r: int, c: int, on: bool) -> None:
        if 0 <= r < size and 0 <= c < size:
            dark[r][c] = 1 if on else 0
            used[r][c] = 1

    for top, left in ((0, 0), (0, size - 7), (size - 7, 0)):
        for dr in range(-1, 8):  # the finder and its white separator
            for dc in range(-1, 8):
                ring = max(abs(dr - 3), abs(dc - 3))
                put(top + dr, left + dc, ring in (0, 1, 3))
    for i in range(8, size - 8):
        put(6, i, i % 2 == 0)
        put(i, 6, i % 2 == 0)
    centres = pattern_position(version)
    near = size - 10
    for r in centres:
        for c in centres:
            if (r < 9 and (c < 9 or c > near)) or (r > near and c < 9):
                continue  # where a finder pattern is
            for dr in range(-2, 3):
                for dc in range(-2, 3):
                    put(r + dr, c + dc, max(abs(dr), abs(dc)) != 1)
    # format information areas (filled per mask) and the dark module
    for i in range(9):
        used[8][i] = used[i][8] = 1
    for i in range(8):
        used[8][size - 1 - i] = used[size - 1 - i][8] = 1
    put(size - 8, 8, True)
    if version >= 7:
        bits = _bch(version, 0x1F25)
        for i in range(18):
            on = bool(bits >> i & 1)
            put(i // 3, size - 11 + i % 3, on)
            put(size - 11 + i % 3, i // 3, on)
    return dark, used


@cache
def _layout(version: int) -> tuple[bytes, tuple[int, ...], int]:
    """The function patterns as a flat bytearray image, the flat positions of the data
    modules in placement order (the zig-zag from the bottom right), and the mask's bits over
    those positions as one integer (first position = highest bit)."""
    dark, used = _template(version)
    size = len(dark)
    order: list[int] = []
    upward = True
    col = size - 1
    while col > 0:
        if col == 6:  # the vertical timing pattern is skipped as a whole column
            col -= 1
        rows = range(size - 1, -1, -1) if upward else range(size)
        for r in rows:
            for c in (col, col - 1):
                if not used[r][c]:
                    order.append(r * size + c)
        upward = not upward
        col -= 2
    mask = 0
    for pos in order:
        r, c = divmod(pos, size)
        mask = mask << 1 | ((r // 2 + c // 3) % 2 == 0)  # mask 4
    return bytes(b"".join(bytes(row) for row in dark)), tuple(order), mask


def _format_bits(mask: int) -> int:
    return _bch(_LEVEL_M_BITS << 3 | mask, 0x537) ^ 0x5412


def qr_matrix(text: str) -> list[bytearray]:
    """The modules of the QR code of ``text`` (UTF-8, byte mode, level M), row by row from
    the top; 1 is dark. No quiet zone."""
    data = text.encode("utf-8")
    version = _choose_version(len(data))
    size = 17 + 4 * version
    image, order, mask = _layout(version)
    flat = bytearray(image)
    codewords = _codewords(data, version)
    total = len(order)
    # the codeword bits, then zero remainder bits, masked — one character per module
    bits = int.from_bytes(codewords, "big") << (total - 8 * len(codewords)) ^ mask
    for pos, ch in zip(order, format(bits, f"0{total}b").encode("ascii"), strict=True):
        flat[pos] = ch - 48
    fmt = _format_bits(MASK)
    for i in range(15):
        on = fmt >> i & 1
        # along column 8 (top-left, then bottom-left)
        if i < 6:
            flat[i * size + 8] = on
        elif i < 8:
            flat[(i + 1) * size + 8] = on
        else:
            flat[(size - 15 + i) * size + 8] = on
        # along row 8 (top-right, then top-left)
        if i < 8:
            flat[8 * size + size - 1 - i] = on
        elif i == 8:
            flat[8 * size + 7] = on
        else:
            flat[8 * size + 14 - i] = on
    return [flat[r * size : (r + 1) * size] for r in range(size)]
