"""顔照合・生体検知 for imported submissions, as report checks and record face results.

:class:`EngineFaceChecker` runs the desk's face engine (:mod:`kyc_desk.faces`): the reference photo (the
chip photo for ヘ, the document's front image for ホ) against the first selfie frame, and the active
liveness check over all frames against the challenge the desk chose for the request. Verdicts map onto
the report as cross-checks, not signatures: match / live → CONSISTENT, no match / not live → MISMATCH,
inconclusive (or no challenge, or frames the engine cannot use) → NOT_VERIFIABLE with the engine's
reasons. The scrivener decides; these support the decision.

Results are stored neutral: the face match as the embedding *distance* with its decision threshold, the
engine the settings choose (:func:`~kyc_desk.faces.engine.selected_engine`) and its version, and the face
layer's reason keys — the same figures the desk's own face-to-face comparison stores, with both faces'
embeddings for the duplicate-face check — and checks as reason codes (:data:`REASONS`), never sentences.

:class:`NoFaceEngine` says in the report that nothing was checked (for desks without the face models).
"""

from __future__ import annotations

from collections.abc import Sequence

from kyc_desk.records import match_embeddings
from kyc_desk.records.model import FaceKind, FaceMetric, FaceResult, FaceVerdict
from kyc_desk.verify.report import Check, Verdict


class NoFaceEngine:
    """A :class:`~kyc_desk.sync.importer.FaceChecker` that checks nothing and says so."""

    def check(
        self, reference: bytes | None, frames: Sequence[bytes], challenge: str, fps: float
    ) -> tuple[list[Check], list[FaceResult]]:
        checks = [Check("face.liveness", Verdict.NOT_VERIFIABLE, "face.no_engine")]
        if reference is not None:
            checks.insert(0, Check("face.match", Verdict.NOT_VERIFIABLE, "face.no_engine"))
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
        from kyc_desk.faces.engine import engine_version, selected_engine

        try:
            match = compare_faces(reference, probe, engine=selected_engine())
        except FaceError as exc:
            return Check("face.match", Verdict.NOT_VERIFIABLE, "face.engine_error", {"error": type(exc).__name__}), None
        verdict, face_verdict = {
            MatchResult.MATCH: (Verdict.CONSISTENT, FaceVerdict.PASS),
            MatchResult.NO_MATCH: (Verdict.MISMATCH, FaceVerdict.FAIL),
            MatchResult.INCONCLUSIVE: (Verdict.NOT_VERIFIABLE, FaceVerdict.INCONCLUSIVE),
        }[match.result]
        keys = tuple(r.key for r in match.reasons)
        threshold = match.thresholds.decision
        if match.distance is None:  # an image unusable: nothing was measured
            check = Check("face.match", verdict, "face.not_compared", {"face_reasons": "|".join(keys)})
        else:
            check = Check("face.match", verdict, "face.compared",
                          {"face_reasons": "|".join(keys), "value": match.distance, "threshold": threshold})
        version = engine_version(match.engine)
        return check, FaceResult(
            FaceKind.MATCH, match.engine, face_verdict, match.distance, threshold, FaceMetric.DISTANCE,
            version, keys,
            # saved with the record for the duplicate-face check (records/_faces.py)
            match_embeddings(match.reference_embedding, match.probe_embedding, engine=match.engine,
                             engine_version=version),
        )

    @staticmethod
    def _liveness(frames: Sequence[bytes], challenge: str, fps: float) -> tuple[Check, FaceResult | None]:
        from kyc_desk.faces import FaceError, LivenessVerdict, check_liveness, parse_challenge
        from kyc_desk.faces.engine import LIVENESS_ENGINE, engine_version

        if not challenge:
            return Check("face.liveness", Verdict.NOT_VERIFIABLE, "face.no_challenge"), None
        if not frames:
            return Check("face.liveness", Verdict.NOT_PRESENT, "face.no_frames"), None
        try:
            result = check_liveness(list(frames), parse_challenge(challenge), fps=fps)
        except FaceError as exc:
            return Check("face.liveness", Verdict.NOT_VERIFIABLE, "face.engine_error",
                         {"error": type(exc).__name__}), None
        verdict, face_verdict = {
            LivenessVerdict.LIVE: (Verdict.CONSISTENT, FaceVerdict.PASS),
            LivenessVerdict.NOT_LIVE: (Verdict.MISMATCH, FaceVerdict.FAIL),
            LivenessVerdict.INCONCLUSIVE: (Verdict.NOT_VERIFIABLE, FaceVerdict.INCONCLUSIVE),
        }[result.result]
        keys = tuple(r.key for r in result.reasons)
        check = Check("face.liveness", verdict, "face.liveness_judged",
                      {"face_reasons": "|".join(keys), "challenge": challenge})
        return check, FaceResult(FaceKind.LIVENESS, LIVENESS_ENGINE, face_verdict,
                                 engine_version=engine_version(LIVENESS_ENGINE), reasons=keys)


def default_face_checker() -> EngineFaceChecker:
    """The face checker ``kyc-desk sync pull`` and the background pull use."""
    return EngineFaceChecker()
