"""Liveness: a bona fide blink/turn clip is accepted; a still photo, a print and a screen replay are not.

The clips are synthetic motion made from real photos (kyc_desk_testkit.faces.synth); see docs/faces.md for what
that can and cannot show.
"""

from __future__ import annotations

import numpy as np
import pytest

from kyc_desk.faces import (
    Action,
    Challenge,
    FramesUnusable,
    ImageSequenceSource,
    InvalidChallenge,
    LivenessVerdict,
    check_liveness,
    make_challenge,
    parse_challenge,
)

pytestmark = pytest.mark.slow

BLINK_LEFT = Challenge((Action.BLINK, Action.TURN_LEFT))
RIGHT_BLINK = Challenge((Action.TURN_RIGHT, Action.BLINK))


def test_genuine_blink_then_turn_left_is_live(liveness_clips: dict[str, list[np.ndarray]]) -> None:
    result = check_liveness(liveness_clips["genuine_blink_left"], BLINK_LEFT)
    assert result.result is LivenessVerdict.LIVE, [r.en for r in result.reasons]
    assert result.check("challenge").passed
    assert result.check("planar_motion").passed  # the turning head is not a plane
    assert result.check("screen_pattern").passed
    assert result.check("screen_edge").passed  # the background does not frame the face
    assert result.check("repeated_frames").passed
    assert [e.action for e in result.events if e.action in BLINK_LEFT.actions][:2] == [Action.BLINK, Action.TURN_LEFT]
    assert [r.code for r in result.reasons] == ["live"]


def test_genuine_turn_right_then_blink_is_live(liveness_clips: dict[str, list[np.ndarray]]) -> None:
    result = check_liveness(liveness_clips["genuine_right_blink"], RIGHT_BLINK)
    assert result.result is LivenessVerdict.LIVE, [r.en for r in result.reasons]
    assert result.check("screen_edge").value == 0


def test_actions_in_the_wrong_order_are_not_live(liveness_clips: dict[str, list[np.ndarray]]) -> None:
    result = check_liveness(liveness_clips["genuine_blink_left"], Challenge((Action.TURN_LEFT, Action.BLINK)))
    assert result.result is LivenessVerdict.NOT_LIVE
    assert not result.check("challenge").passed
    assert "challenge_not_done" in {r.code for r in result.reasons}


def test_wrong_direction_is_not_live(liveness_clips: dict[str, list[np.ndarray]]) -> None:
    result = check_liveness(liveness_clips["genuine_blink_left"], Challenge((Action.TURN_RIGHT,)))
    assert result.result is LivenessVerdict.NOT_LIVE
    assert result.check("challenge").note == "turn_right"


def test_static_photo_is_rejected(liveness_clips: dict[str, list[np.ndarray]]) -> None:
    result = check_liveness(liveness_clips["static_photo"], BLINK_LEFT)
    assert result.result is LivenessVerdict.NOT_LIVE
    codes = {r.code for r in result.reasons}
    assert {"repeated_frames", "no_motion", "challenge_not_done"} <= codes


def test_printed_photo_moved_by_hand_is_rejected(liveness_clips: dict[str, list[np.ndarray]]) -> None:
    result = check_liveness(liveness_clips["print"], BLINK_LEFT)
    assert result.result is LivenessVerdict.NOT_LIVE
    assert not result.check("challenge").passed  # a sheet of paper cannot blink or turn its head
    assert result.check("repeated_frames").passed  # the frames do change: the hand moves the sheet


def test_screen_replay_of_a_correct_clip_is_rejected_by_the_screen_pattern(
    liveness_clips: dict[str, list[np.ndarray]],
) -> None:
    # The replayed clip performs the right challenge; only the passive screen check can catch it.
    result = check_liveness(liveness_clips["screen_replay"], BLINK_LEFT)
    assert result.result is LivenessVerdict.NOT_LIVE
    assert not result.check("screen_pattern").passed
    assert "screen_pattern" in {r.code for r in result.reasons}


def test_replay_on_a_dense_defocused_screen_is_rejected_by_the_screen_edge(
    liveness_clips: dict[str, list[np.ndarray]],
) -> None:
    # The replayed clip performs the right challenge and the grid is too fine and soft to alias into moiré:
    # the bezel framing the face is what gives the screen away.
    result = check_liveness(liveness_clips["dense_screen_replay"], BLINK_LEFT)
    assert result.result is LivenessVerdict.NOT_LIVE
    assert result.check("challenge").passed
    assert not result.check("screen_edge").passed
    assert "screen_edge" in {r.code for r in result.reasons}


def test_printed_photo_is_framed_by_its_margin(liveness_clips: dict[str, list[np.ndarray]]) -> None:
    result = check_liveness(liveness_clips["print"], BLINK_LEFT)
    assert "screen_edge" in {r.code for r in result.reasons}


@pytest.fixture(scope="module")
def scene() -> tuple[np.ndarray, np.ndarray]:
    """One real photo as a webcam sees it, and its face mesh."""
    from kyc_desk.faces.landmarks import face_meshes
    from kyc_desk_testkit.faces.synth import webcam_frame
    from kyc_desk_testkit.samples import sample_photo

    frame = webcam_frame(sample_photo("biden.jpg"))
    return frame, face_meshes(frame)[0]


class TestScreenEdge:
    """passive.edge_sides on one real photo as a webcam sees it, then with a phone's bezel drawn around it."""

    @staticmethod
    def grey(rgb: np.ndarray) -> np.ndarray:
        from kyc_desk.faces.images import luminance

        return luminance(rgb)

    def test_a_person_in_their_room_is_not_framed(self, scene: tuple[np.ndarray, np.ndarray]) -> None:
        from kyc_desk.faces.liveness.passive import edge_sides, framed

        frame, mesh = scene
        assert not framed(edge_sides(self.grey(frame), mesh))

    def test_a_bezel_around_the_picture_frames_the_face(self, scene: tuple[np.ndarray, np.ndarray]) -> None:
        import cv2

        from kyc_desk.faces.liveness.passive import edge_sides, framed

        frame, mesh = scene
        shown = frame.copy()
        cv2.rectangle(shown, (30, 20), (610, 460), (12, 12, 12), thickness=16)  # a phone's black bezel
        shown[:12], shown[-12:], shown[:, :22], shown[:, -22:] = 150, 150, 150, 150  # the wall around it
        sides = edge_sides(self.grey(shown), mesh)
        assert sides == {"below", "above", "left", "right"}
        assert framed(sides)

    def test_without_the_edge_below_the_chin_nothing_is_framed(self) -> None:
        from kyc_desk.faces.liveness.passive import framed

        # A door frame behind a person gives the sides above and beside, never one across the body.
        assert not framed(frozenset({"above", "left", "right"}))
        assert framed(frozenset({"below", "left", "right"}))
        assert not framed(frozenset({"below", "left"}))


def test_a_frame_source_works_like_a_list(genuine_folder: object) -> None:
    with ImageSequenceSource(str(genuine_folder), fps=15) as source:
        result = check_liveness(source, BLINK_LEFT)
    assert result.result is LivenessVerdict.LIVE
    assert result.fps == 15


def test_frames_without_a_face_are_inconclusive() -> None:
    rng = np.random.default_rng(0)
    wall = [np.full((240, 320, 3), 120, np.uint8) + rng.integers(0, 4, (240, 320, 3), dtype=np.uint8)
            for _ in range(12)]
    result = check_liveness(wall, BLINK_LEFT)
    assert result.result is LivenessVerdict.INCONCLUSIVE
    assert "face_lost" in {r.code for r in result.reasons}


def test_too_few_frames_is_an_error(liveness_clips: dict[str, list[np.ndarray]]) -> None:
    with pytest.raises(FramesUnusable):
        check_liveness(liveness_clips["genuine_blink_left"][:3], BLINK_LEFT)


def test_result_serialises(liveness_clips: dict[str, list[np.ndarray]]) -> None:
    document = check_liveness(liveness_clips["static_photo"], BLINK_LEFT).to_dict()
    assert document["result"] == "not_live"
    assert document["challenge"] == ["blink", "turn_left"]
    names = {c["name"] for c in document["checks"]}
    assert names >= {"challenge", "planar_motion", "screen_pattern", "screen_edge", "repeated_frames"}


class TestChallenge:
    def test_seeded_challenges_are_reproducible_and_random_in_order(self) -> None:
        assert make_challenge(42) == make_challenge(42)
        orders = {make_challenge(seed).actions for seed in range(40)}
        assert len(orders) == 4  # blink first or second, turn left or right
        assert all(Action.BLINK in actions for actions in orders)

    def test_unseeded_challenge_records_its_seed(self) -> None:
        challenge = make_challenge()
        assert challenge.seed is not None
        assert make_challenge(challenge.seed) == challenge

    def test_two_turns(self) -> None:
        assert set(make_challenge(1, turns=2).actions) == set(Action)

    def test_parse(self) -> None:
        assert parse_challenge(" Blink, turn_left ").actions == (Action.BLINK, Action.TURN_LEFT)
        assert str(parse_challenge("turn_right,blink")) == "turn_right,blink"

    @pytest.mark.parametrize("text", ["", "blink,nod", "blink,blink"])
    def test_bad_challenges_are_clear_errors(self, text: str) -> None:
        with pytest.raises(InvalidChallenge) as caught:
            parse_challenge(text)
        assert caught.value.ja

    def test_instructions_are_bilingual(self) -> None:
        from kyc_desk.i18n import set_language

        try:
            set_language("en")
            assert Action.TURN_LEFT.instruction.startswith("Slowly turn your head to your left")
            set_language("ja")
            assert "左" in Action.TURN_LEFT.instruction
        finally:
            set_language(None)


def test_demo_source_performs_the_challenge() -> None:
    from kyc_desk_testkit.faces.synth import demo_source

    challenge = make_challenge(5)
    with demo_source(challenge, seed=5) as source:
        result = check_liveness(source, challenge)
    assert result.result is LivenessVerdict.LIVE, [r.en for r in result.reasons]


def test_max_frames_bounds_an_endless_source(liveness_clips: dict[str, list[np.ndarray]]) -> None:
    endless = ImageSequenceSource(liveness_clips["genuine_blink_left"], loop=True)
    result = check_liveness(endless, BLINK_LEFT, max_frames=60)
    assert result.frames == 60
