"""検証結果のバッジ — one verification check as a coloured badge (署名検証OK / 改ざんの疑い / 発行者不明 / 検証不可).

The text is the verification layer's own badge (:attr:`Verdict.badge_ja` / ``badge_en``), so the
window never invents a verdict; the colour only helps the eye: green = confirmed, red = altered or
disagreeing, amber = nothing was checked (unknown issuer, not verifiable), grey = not present.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from PySide6.QtWidgets import QLabel, QWidget

from kyc_desk.i18n import current_language

if TYPE_CHECKING:  # kyc_desk.verify loads the certificate stack: not at window start
    from kyc_desk.verify.report import Verdict

#: Colours by the verdict's stable value (Verdict.value).
_COLOURS: Final[dict[str, tuple[str, str]]] = {
    "valid": ("#1b5e20", "#e8f5e9"),
    "consistent": ("#1b5e20", "#e8f5e9"),
    "invalid": ("#b71c1c", "#ffebee"),
    "suspected_copy": ("#b71c1c", "#ffebee"),
    "mismatch": ("#b71c1c", "#ffebee"),
    "revoked": ("#b71c1c", "#ffebee"),
    "untrusted": ("#8a5a00", "#fff8e1"),
    "expired": ("#8a5a00", "#fff8e1"),
    "not_verifiable": ("#8a5a00", "#fff8e1"),
    "not_present": ("#555555", "#eeeeee"),
}


def badge_colours(verdict: Verdict) -> tuple[str, str]:
    """Text and background colour of the badge for ``verdict``."""
    return _COLOURS[verdict.value]


def badge_text(verdict: Verdict) -> str:
    return verdict.badge_en if current_language() == "en" else verdict.badge_ja


class VerdictBadge(QLabel):
    """A rounded label showing one verdict."""

    def __init__(self, verdict: Verdict, parent: QWidget | None = None) -> None:
        super().__init__(badge_text(verdict), parent)
        self.verdict = verdict
        fg, bg = _COLOURS[verdict.value]
        self.setObjectName(f"badge_{verdict.value}")
        self.setStyleSheet(
            f"QLabel {{ color: {fg}; background: {bg}; border: 1px solid {fg}; border-radius: 8px;"
            " padding: 2px 8px; font-weight: bold; }"
        )
