"""顔照合・生体検知 for imported submissions, as report checks and record face results.

:class:`NoFaceEngine` is what the desk uses when no face engine is available: it says so in the report
(NOT_VERIFIABLE) instead of inventing a result, and the scrivener compares the photos by eye.
"""

from __future__ import annotations

from collections.abc import Sequence

from kyc_desk.i18n import tr
from kyc_desk.records.model import FaceResult
from kyc_desk.verify.report import Check, Verdict


class NoFaceEngine:
    """A :class:`~kyc_desk.sync.importer.FaceChecker` that checks nothing and says so."""

    def check(self, reference: bytes | None, frames: Sequence[bytes]) -> tuple[list[Check], list[FaceResult]]:
        why = tr("顔照合エンジンが利用できないため未実施。写真を目視で照合してください",
                 "no face engine available: compare the photos by eye")
        checks = [Check("face.liveness", Verdict.NOT_VERIFIABLE, why)]
        if reference is not None:
            checks.insert(0, Check("face.match", Verdict.NOT_VERIFIABLE, why))
        return checks, []


def default_face_checker() -> NoFaceEngine:
    """The face checker ``kyc-desk sync pull`` and the background pull use."""
    return NoFaceEngine()
