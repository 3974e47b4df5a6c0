"""デモ用カメラ — a webcam stand-in built on the face layer's :class:`~kyc_desk.faces.ImageSequenceSource`.

Each capture takes the next photo of a fixed sequence of real photos, through the same frame-source
path a webcam uses (:class:`~kyc_desk.app.FrameCamera`). The default sequence shows the demo
card's person twice (obama2.jpg, obama3.jpg), then another person (biden.jpg) to show a failed match,
and starts again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from kyc_desk.app import FrameCamera

DEFAULT_SEQUENCE: Final = ("obama2.jpg", "obama3.jpg", "biden.jpg")


def demo_camera(names: Sequence[str] = DEFAULT_SEQUENCE) -> FrameCamera:
    """A camera whose frames are the sample photos ``names``, in a loop."""
    from kyc_desk.app import FrameCamera

    def open_sequence() -> Any:
        from kyc_desk.faces import ImageSequenceSource
        from kyc_desk_testkit.samples import sample_photo

        return ImageSequenceSource([sample_photo(name) for name in names], loop=True)

    return FrameCamera(open_sequence)
