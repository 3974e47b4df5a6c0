"""フレーム解析 — what each frame of a liveness clip shows: the face mesh and a few measures.

One mediapipe face mesh in video (tracking) mode follows the face through the clip; each frame gives an
:class:`Observation`. Frames are compared with their predecessor to find repeats (a still image fed as
video).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from kyc_desk.faces.images import RGB, luminance
from kyc_desk.faces.landmarks import Mesh, eye_aspect_ratio, head_pose, interocular, mesh_from_result
from kyc_desk.faces.liveness.passive import edge_sides, screen_pattern_score
from kyc_desk.faces.models import MODEL_LOCK, new_video_mesh, run_graph

#: The screen-pattern (moiré) and screen-edge measures are taken on every n-th frame: they change slowly
#: and cost an FFT and a Hough transform.
PATTERN_EVERY = 3


@dataclass(frozen=True)
class Observation:
    """One frame: how many faces, and for the main face its mesh, pose and eye opening."""

    index: int
    faces: int
    mesh: Mesh | None
    yaw: float | None
    pitch: float | None
    ear: float | None
    interocular: float | None
    brightness: float
    change: float | None  # mean absolute grey-level change from the previous frame
    pattern: float | None  # screen-pattern score of the face region (every PATTERN_EVERY frames)
    edges: frozenset[str] | None = None  # sides of the face framed by a long straight edge (same frames)


def observe(frames: Iterable[RGB], *, limit: int) -> list[Observation]:
    """Track the face through up to ``limit`` frames."""
    mesh_graph = new_video_mesh()
    observations: list[Observation] = []
    previous: NDArray[np.int16] | None = None
    try:
        for index, frame in enumerate(frames):
            if index >= limit:
                break
            height, width = frame.shape[:2]
            grey = luminance(frame)
            small = grey[::4, ::4].astype(np.int16)
            change = None
            if previous is not None and previous.shape == small.shape:
                change = float(np.abs(small - previous).mean())
            previous = small
            result = run_graph(mesh_graph, frame)
            found = result.multi_face_landmarks or []
            if not found:
                observations.append(
                    Observation(index, 0, None, None, None, None, None, float(grey.mean()), change, None)
                )
                continue
            meshes = [mesh_from_result(f, width, height) for f in found]
            mesh = max(meshes, key=lambda m: float(np.ptp(m[:, 0])))
            yaw, pitch = head_pose(mesh)
            measured = index % PATTERN_EVERY == 0
            pattern = screen_pattern_score(grey, mesh) if measured else None
            edges = edge_sides(grey, mesh) if measured else None
            observations.append(Observation(
                index, len(found), mesh, yaw, pitch, eye_aspect_ratio(mesh), interocular(mesh),
                float(grey.mean()), change, pattern, edges,
            ))
    finally:
        with MODEL_LOCK:
            mesh_graph.close()
    return observations
