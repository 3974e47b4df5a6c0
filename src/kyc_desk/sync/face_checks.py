"""顔照合・生体検知 for imported submissions, as report checks and record face results.

:class:`EngineFaceChecker` runs the desk's face engine (:mod:`kyc_desk.faces`): the reference photo (the
chip photo for ヘ, the document's front image for ホ) against the first selfie frame, and the active
liveness check over all frames against the challenge the desk chose for the request. Verdicts map onto
the report as cross-checks, not signatures: match / live → CONSISTENT, no match / not live → MISMATCH,
inconclusive (or no challenge, or frames the engine cannot use) → NOT_VERIFIABLE with the engine's
reasons. The scrivener decides; these support the decision.

:class:`NoFaceEngine` says in the report that nothing was checked (for desks without the face models).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from kyc_desk.i18n import tr
from kyc_desk.records.model import FaceKind, FaceResult, FaceVerdict
from kyc_desk.verify.report import Check, Verdict

ENGINE: Final = "kyc_desk.faces"


class NoFaceEngine:
    """A :class:`~kyc_desk.sync.importer.FaceChecker` that checks nothing and says so."""

    def check(
        self, reference: bytes | None, frames: Sequence[bytes], challenge: str, fps: float
    ) -> tuple[list[Check], list[FaceResult]]:
        why = tr("顔照合エンジンが利用できないため未実施。写真を目視で照合してください",
                 "no face engine available: compare the photos by eye")
        checks = [Check("face.liveness", Verdict.NOT_VERIFIABLE, why)]
        if reference is not None:
            checks.insert(0, Check("face.match", Verdict.NOT_VERIFIABLE, why))
        return checks, []


class EngineFaceChecker:
    """Face match and liveness with :mod:`kyc_desk.faces` (models load on first use)."""

    def check(
        self, reference: bytes | None, frames: Sequence[bytes], challenge: str, fps: float
    ) -> tuple[list[Check], list[FaceResult]]:
        checks: list[Check] = []
        results: list[FaceResult] = []
        if reference is not None and frames:
            check, result = self._match(reference, frames[0])
            checks.append(check)
            if result is not None:
                results.append(result)
        check, result = self._liveness(frames, challenge, fps)
        checks.append(check)
        if result is not None:
            results.append(result)
        return checks, results

    @staticmethod
    def _match(reference: bytes, probe: bytes) -> tuple[Check, FaceResult | None]:
        from kyc_desk.faces import FaceError, MatchResult, compare_faces

        try:
            match = compare_faces(reference, probe)
        except FaceError as exc:
            return Check("face.match", Verdict.NOT_VERIFIABLE, exc.user_text()), None
        verdict, face_verdict = {
            MatchResult.MATCH: (Verdict.CONSISTENT, FaceVerdict.PASS),
            MatchResult.NO_MATCH: (Verdict.MISMATCH, FaceVerdict.FAIL),
            MatchResult.INCONCLUSIVE: (Verdict.NOT_VERIFIABLE, FaceVerdict.INCONCLUSIVE),
        }[match.result]
        detail = "; ".join(r.text for r in match.reasons) or tr(
            f"類似度 {match.score:.2f}（しきい値 {match.threshold:.2f}）" if match.score is not None else "",
            f"similarity {match.score:.2f} (threshold {match.threshold:.2f})" if match.score is not None else "",
        )
        return Check("face.match", verdict, detail), FaceResult(
            FaceKind.MATCH, ENGINE, face_verdict, match.score, match.threshold, detail or None
        )

    @staticmethod
    def _liveness(frames: Sequence[bytes], challenge: str, fps: float) -> tuple[Check, FaceResult | None]:
        from kyc_desk.faces import FaceError, LivenessVerdict, check_liveness, parse_challenge

        if not challenge:
            why = tr("この依頼には生体確認の指示がありません（依頼の控えなし）",
                     "no liveness challenge is known for this request")
            return Check("face.liveness", Verdict.NOT_VERIFIABLE, why), None
        if not frames:
            return Check("face.liveness", Verdict.NOT_PRESENT, tr("自撮り映像がありません", "no selfie frames")), None
        try:
            result = check_liveness(list(frames), parse_challenge(challenge), fps=fps)
        except FaceError as exc:
            return Check("face.liveness", Verdict.NOT_VERIFIABLE, exc.user_text()), None
        verdict, face_verdict = {
            LivenessVerdict.LIVE: (Verdict.CONSISTENT, FaceVerdict.PASS),
            LivenessVerdict.NOT_LIVE: (Verdict.MISMATCH, FaceVerdict.FAIL),
            LivenessVerdict.INCONCLUSIVE: (Verdict.NOT_VERIFIABLE, FaceVerdict.INCONCLUSIVE),
        }[result.result]
        detail = "; ".join(r.text for r in result.reasons) or tr(
            f"指示（{challenge}）を順に実行", f"performed the challenge ({challenge}) in order"
        )
        return Check("face.liveness", verdict, detail), FaceResult(
            FaceKind.LIVENESS, ENGINE, face_verdict, None, None, detail
        )


def default_face_checker() -> EngineFaceChecker:
    """The face checker ``kyc-desk sync pull`` and the background pull use."""
    return EngineFaceChecker()
