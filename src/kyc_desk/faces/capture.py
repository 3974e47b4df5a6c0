"""カメラ入力 — frames from the desk's webcam, a video file, or a sequence of images.

Everything that yields frames implements :class:`FrameSource`: ``read()`` returns the next frame as an RGB
array, or ``None`` when there are no more; ``close()`` releases the device. Sources are context managers.

- :class:`CameraSource` — the webcam, through OpenCV's ``VideoCapture`` (PySide6-Essentials has no
  QtMultimedia). Frames are *not* mirrored: if the UI shows a mirror-image preview, it must flip only what
  it displays, never the frames it hands to liveness (turn directions would swap).
- :class:`VideoFileSource` — a recorded video (a remote client's liveness clip).
- :class:`ImageSequenceSource` — a folder of images or a list of arrays/bytes/paths, optionally looping:
  the webcam stand-in for tests and demo mode.

Sources are not thread-safe: one thread reads from a source.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, runtime_checkable

import numpy as np

from kyc_desk.faces.errors import CameraUnavailable, FramesUnusable
from kyc_desk.faces.images import RGB, ImageInput, load_rgb

#: File suffixes read from a frame folder, in name order.
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".jp2", ".j2k", ".bmp")
#: File suffixes opened as video.
VIDEO_SUFFIXES = (".mp4", ".avi", ".mov", ".mkv", ".webm", ".m4v")


@runtime_checkable
class FrameSource(Protocol):
    """Anything that yields RGB frames one at a time."""

    @property
    def fps(self) -> float | None:
        """Frames per second if known (liveness uses it to judge timing), else ``None``."""
        ...

    def read(self) -> RGB | None:
        """The next frame, or ``None`` when the source is exhausted."""
        ...

    def close(self) -> None:
        """Release the device or file (idempotent)."""
        ...


class _ContextMixin:
    def close(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def __enter__(self) -> Any:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


class ImageSequenceSource(_ContextMixin):
    """Frames from a folder of images (sorted by name) or a sequence of images; loops if asked."""

    def __init__(self, frames: Path | str | Sequence[ImageInput], *, loop: bool = False, fps: float = 15.0) -> None:
        if isinstance(frames, str | Path):
            folder = Path(frames)
            if not folder.is_dir():
                raise FramesUnusable("the frame folder does not exist", ja="映像フォルダが見つかりません。")
            items: list[ImageInput] = [p for p in sorted(folder.iterdir()) if p.suffix.lower() in IMAGE_SUFFIXES]
        else:
            items = list(frames)
        if not items:
            raise FramesUnusable("the frame sequence is empty", ja="映像にフレームがありません。")
        self._items = items
        self._loop = loop
        self._fps = fps
        self._next = 0
        self._closed = False

    @property
    def fps(self) -> float | None:
        return self._fps

    def __len__(self) -> int:
        return len(self._items)

    def read(self) -> RGB | None:
        if self._closed:
            return None
        if self._next >= len(self._items):
            if not self._loop:
                return None
            self._next = 0
        item = self._items[self._next]
        self._next += 1
        return load_rgb(item)

    def close(self) -> None:
        self._closed = True


class _OpenCvSource(_ContextMixin):
    def __init__(self, capture: Any) -> None:
        self._capture = capture
        fps = float(capture.get(5))  # cv2.CAP_PROP_FPS
        self._fps = fps if 1 <= fps <= 240 else None

    @property
    def fps(self) -> float | None:
        return self._fps

    def _grab(self) -> RGB | None:
        import cv2

        if self._capture is None:
            return None
        ok, frame = self._capture.read()
        if not ok or frame is None:
            return None
        return np.ascontiguousarray(cv2.cvtColor(frame, cv2.COLOR_BGR2RGB))

    def close(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None


class VideoFileSource(_OpenCvSource):
    """Frames of a video file (any format OpenCV's FFmpeg build reads)."""

    def __init__(self, path: Path | str) -> None:
        import cv2

        if not Path(path).is_file():
            raise FramesUnusable("the video file does not exist", ja="動画ファイルが見つかりません。")
        capture = cv2.VideoCapture(str(path))
        if not capture.isOpened():
            capture.release()
            raise FramesUnusable("the video file could not be opened", ja="動画ファイルを開けませんでした。")
        super().__init__(capture)

    def read(self) -> RGB | None:
        return self._grab()


class CameraSource(_OpenCvSource):
    """The webcam ``index`` (0 is the system's default camera), asking for ``width``×``height``."""

    def __init__(self, index: int = 0, *, width: int = 640, height: int = 480) -> None:
        import cv2

        capture = cv2.VideoCapture(index)
        if not capture.isOpened():
            capture.release()
            raise CameraUnavailable("the camera could not be opened")
        capture.set(cv2.CAP_PROP_FRAME_WIDTH, width)
        capture.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
        super().__init__(capture)

    def read(self) -> RGB | None:
        frame = self._grab()
        if frame is None and self._capture is not None:
            raise CameraUnavailable(
                "the camera stopped delivering frames",
                ja="カメラの映像が途中で止まりました。カメラの接続を確認してください。",
            )
        return frame


def open_frames(path: Path | str, *, fps: float = 15.0) -> FrameSource:
    """A folder of images or a video file, as a frame source (``fps`` applies to image folders)."""
    target = Path(path)
    if target.is_dir():
        return ImageSequenceSource(target, fps=fps)
    if target.suffix.lower() in VIDEO_SUFFIXES:
        return VideoFileSource(target)
    raise FramesUnusable("frames must be a folder of images or a video file",
                         ja="映像は画像フォルダまたは動画ファイルで指定してください。")


def iter_frames(source: FrameSource, *, limit: int | None = None) -> Iterator[RGB]:
    """Yield frames until the source ends (or ``limit`` frames were read)."""
    count = 0
    while limit is None or count < limit:
        frame = source.read()
        if frame is None:
            return
        count += 1
        yield frame
