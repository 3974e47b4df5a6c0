"""同梱ソフトウェアのライセンス — the bundled models, fonts and libraries the About dialog lists.

Kept as a data table (style.md §2.4) so that the About dialog, the user guide and the test that checks
the facts against the installed metadata read the same rows. Each row names where the fact was read,
so that a new version of a package that changes its licence is caught by ``tests/ui/test_about.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class BundledComponent:
    """同梱コンポーネント — one bundled model, font or library and its licence."""

    name: str
    #: Installed distribution the component comes from ("" for system packages such as fonts).
    distribution: str
    licence: str
    #: Where the licence was read (installed metadata, licence file, Debian copyright file).
    source: str
    #: A caution the scrivener's office should know about (Japanese, shown as is), or "".
    note_ja: str = ""
    note_en: str = ""


COMPONENTS: Final[tuple[BundledComponent, ...]] = (
    BundledComponent(
        name="dlib face recognition models (dlib_face_recognition_resnet_model_v1, shape predictors)",
        distribution="face_recognition_models",
        licence="CC0 1.0 Universal (models by Davis King, public domain); package metadata: MIT",
        source="face_recognition_models-0.3.0.dist-info/licenses/LICENSE, METADATA",
        note_ja="68点ランドマークモデルの学習データ(iBUG 300-W)は商用利用を認めていません。",
        note_en="The 68-point landmark model's training data (iBUG 300-W) does not allow commercial use.",
    ),
    BundledComponent(
        name="dlib (dlib-bin)",
        distribution="dlib-bin",
        licence="Boost Software License 1.0",
        source="dlib_bin dist-info METADATA",
    ),
    BundledComponent(
        name="MediaPipe and its bundled models (face detection, face landmark)",
        distribution="mediapipe",
        licence="Apache License 2.0",
        source="mediapipe-0.10.21.dist-info/LICENSE",
    ),
    BundledComponent(
        name="IPAexゴシック (IPAexGothic) font",
        distribution="",
        licence="IPAフォントライセンスv1.0 (IPA Font License Agreement v1.0)",
        source="/usr/share/doc/fonts-ipaexfont-gothic/copyright",
    ),
    BundledComponent(
        name="Qt for Python (PySide6-Essentials)",
        distribution="PySide6_Essentials",
        licence="LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only",
        source="pyside6_essentials dist-info METADATA",
    ),
)
