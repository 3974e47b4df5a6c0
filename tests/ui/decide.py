"""The decision step as the scrivener fills it in tests: 確認済み with a reason on every gap, then 受任する."""

from __future__ import annotations

from kyc_desk.ui.views.face_to_face import FaceToFaceView


def confirm_and_accept(flow: FaceToFaceView, reason: str) -> None:
    """Choose 確認済み and 受任する, and give ``reason`` for every gap the step lists that has none yet."""
    step = flow.decision_step
    step.confirmed.setChecked(True)
    step.accept.setChecked(True)
    for key, typed in step.gap_reasons().items():
        if not typed.strip():
            step.set_gap_reason(key, reason)
    assert step.save.isEnabled(), step.status.text()
