"""CSV text that Excel opens safely: the encoding, the characters it cannot hold, formula cells.

- **Encoding**: ``utf-8-sig`` (UTF-8 with a byte-order mark, which Excel needs to read UTF-8) by default;
  ``cp932`` (Microsoft's Shift_JIS, what older Excel and many office systems expect) on request.
- **Characters cp932 cannot hold** (𠮷, emoji, most characters outside JIS X 0208 and the NEC/IBM
  extensions — 髙 and 﨑 *are* in cp932): never dropped silently. With ``unencodable="refuse"`` (the
  default) nothing is written and :class:`UnencodableText` names the record and the column; the user can
  choose a replacement instead: ``"geta"`` writes 〓 (the geta mark printers use for a missing glyph),
  ``"codepoint"`` writes ``[U+20BB7]`` (nothing lost: the character can be restored from it).
- **Formula injection**: a cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (or
  their full-width forms ＝＋－＠, which Japanese Excel may convert) gets a leading apostrophe ``'``, so
  Excel shows it as text and never evaluates it. Reading the file back, a cell that begins with ``'``
  followed by one of those characters had the apostrophe added (:func:`unneutralise`).
- **Lines**: ``\\r\\n`` between rows (Excel's own); cells with a comma, a quote or a line break are quoted
  (Python's :mod:`csv` with the ``excel`` dialect), so the file round-trips through :mod:`csv`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from kyc_desk.export.errors import UnencodableText

Encoding = Literal["utf-8-sig", "cp932"]
Unencodable = Literal["refuse", "geta", "codepoint"]
ENCODINGS: Final[tuple[Encoding, ...]] = ("utf-8-sig", "cp932")
UNENCODABLE: Final[tuple[Unencodable, ...]] = ("refuse", "geta", "codepoint")

#: Cells Excel would read as a formula (or a DDE command) when they begin with one of these.
FORMULA_STARTS: Final = frozenset("=+-@\t\r＝＋－＠")
GETA: Final = "〓"


@dataclass(frozen=True)
class CsvOptions:
    """How a CSV is written (the CLI's ``--encoding``/``--unencodable``, the window's choices)."""

    encoding: Encoding = "utf-8-sig"
    unencodable: Unencodable = "refuse"


def neutralise(cell: str) -> str:
    """The cell with a leading ``'`` if Excel would otherwise evaluate it."""
    return "'" + cell if cell and cell[0] in FORMULA_STARTS else cell


def unneutralise(cell: str) -> str:
    """The cell as it was before :func:`neutralise` (for readers of our CSV other than Excel)."""
    return cell[1:] if len(cell) > 1 and cell[0] == "'" and cell[1] in FORMULA_STARTS else cell


def _fit(cell: str, options: CsvOptions, record_id: int, column: str) -> str:
    """``cell`` made writable in the chosen encoding, or :class:`UnencodableText`."""
    if cell.isascii():
        return cell
    try:
        cell.encode(options.encoding)
        return cell
    except UnicodeEncodeError:
        pass
    out = []
    for ch in cell:
        try:
            ch.encode(options.encoding)
            out.append(ch)
        except UnicodeEncodeError:
            if options.unencodable == "refuse":
                raise UnencodableText(record_id, column, ch) from None
            out.append(GETA if options.unencodable == "geta" else f"[U+{ord(ch):04X}]")
    return "".join(out)


def _render(header: Sequence[str], rows: Iterable[tuple[int, Sequence[str]]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, dialect="excel")
    writer.writerow(header)
    writer.writerows(cells for _record_id, cells in rows)
    return buffer.getvalue()


def table_bytes(header: Sequence[str], rows: Iterable[tuple[int, Sequence[str]]], options: CsvOptions) -> bytes:
    """``header`` and ``rows`` (each with the record id it comes from) as CSV bytes in the chosen encoding.

    The whole text is encoded at once; only if that fails are the cells looked at one by one, to name the
    first that cannot be written (:class:`UnencodableText`, nothing returned) or to put the chosen
    replacement in.
    """
    neutral = [(record_id, [neutralise(c) for c in cells]) for record_id, cells in rows]
    head = [neutralise(h) for h in header]
    try:
        return _render(head, neutral).encode(options.encoding)
    except UnicodeEncodeError:
        pass
    fitted = [
        (record_id, [_fit(c, options, record_id, h) for c, h in zip(cells, header, strict=True)])
        for record_id, cells in neutral
    ]
    return _render(head, fitted).encode(options.encoding)
