"""Frame sources: image folders and lists (the webcam stand-in), video files, the camera's failure mode."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from kyc_desk.faces import (
    CameraSource,
    CameraUnavailable,
    FrameSource,
    FramesUnusable,
    ImageSequenceSource,
    VideoFileSource,
    iter_frames,
    open_frames,
)


def test_folder_source_reads_frames_in_name_order(genuine_folder: Path) -> None:
    source = open_frames(genuine_folder)
    assert isinstance(source, FrameSource)
    frames = list(iter_frames(source))
    assert len(frames) == len(list(genuine_folder.glob("*.png")))
    assert frames[0].shape == (480, 640, 3) and frames[0].dtype == np.uint8
    assert source.read() is None
    source.close()


def test_list_source_loops_when_asked(photos: dict[str, np.ndarray]) -> None:
    with ImageSequenceSource([photos["obama.jpg"], photos["biden.jpg"]], loop=True) as source:
        frames = list(iter_frames(source, limit=5))
    assert len(frames) == 5
    assert np.array_equal(frames[0], frames[2]) and np.array_equal(frames[1], frames[3])


def test_video_file_round_trip(tmp_path: Path, liveness_clips: dict[str, list[np.ndarray]]) -> None:
    import cv2

    path = tmp_path / "clip.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 15.0, (640, 480))
    for frame in liveness_clips["genuine_blink_left"][:10]:
        writer.write(cv2.cvtColor(frame, cv2.COLOR_RGB2BGR))
    writer.release()
    with open_frames(path) as source:  # type: ignore[attr-defined]
        assert isinstance(source, VideoFileSource)
        assert source.fps == pytest.approx(15.0)
        frames = list(iter_frames(source))
    assert len(frames) == 10 and frames[0].shape == (480, 640, 3)


def test_empty_or_wrong_inputs_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(FramesUnusable):
        ImageSequenceSource(tmp_path)  # empty folder
    with pytest.raises(FramesUnusable):
        ImageSequenceSource([])
    with pytest.raises(FramesUnusable):
        open_frames(tmp_path / "missing")
    (tmp_path / "notes.txt").write_text("not a video")
    with pytest.raises(FramesUnusable):
        open_frames(tmp_path / "notes.txt")
    (tmp_path / "broken.mp4").write_bytes(b"\x00" * 64)
    with pytest.raises(FramesUnusable):
        VideoFileSource(tmp_path / "broken.mp4")


def test_a_missing_camera_is_camera_unavailable() -> None:
    with pytest.raises(CameraUnavailable) as caught:
        CameraSource(97)  # no machine running the tests has 98 cameras
    assert caught.value.ja
