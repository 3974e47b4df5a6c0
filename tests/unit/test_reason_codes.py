"""Every reason code the desk stores has its text in both languages (a record never shows a bare code
because a table missed an entry), and every table entry renders in both."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from kyc_desk.app.texts import known_reasons, reason_text

SRC = Path(__file__).parents[2] / "src" / "kyc_desk"
#: Function → the position of its reason-code argument.
REASON_ARGUMENT = {"Check": 2, "_not_present": 1, "_outcome": 2}
CHIP_CODE = re.compile(r"^item\.[a-z_]+$|^submission\.[a-z]+_unsigned$")


def stored_codes() -> set[str]:
    """Reason codes written as literals where checks and item notes are made."""
    codes: set[str] = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", None))
                index = REASON_ARGUMENT.get(name or "")
                if index is not None and len(node.args) > index:
                    arg = node.args[index]
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value:
                        codes.add(arg.value)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and CHIP_CODE.match(node.value):
                codes.add(node.value)  # the registry's item notes and unsigned statements
    return codes


def test_every_stored_code_has_a_text() -> None:
    codes = stored_codes()
    assert len(codes) > 30  # the scan does find them
    assert sorted(codes - known_reasons()) == []


def test_every_entry_renders_in_both_languages_with_its_params() -> None:
    sample = {"sources": "card_face, text_ap", "groups": "a ≠ b", "form": "f", "issuer": "i", "size": 1,
              "tags": "t", "scheme": "s", "detail": "d", "items": "x", "ef": "EF01", "text": "kept",
              "face_reasons": "similar@comparison", "value": 0.4, "threshold": 0.6, "challenge": "blink",
              "error": "ImageUnreadable", "date": "2025-01-15", "name": "山田 太郎", "record": 3}
    for code in known_reasons():
        ja, en = reason_text(code, sample, "ja"), reason_text(code, sample, "en")
        assert ja and en and code not in (ja, en), code
