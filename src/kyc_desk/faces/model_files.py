"""顔認識モデルのファイル確認 — the model files the face engine loads, checked against recorded SHA-256 hashes.

The models ship inside their packages (nothing is downloaded at run time), and a frozen build bundles the
same files (installers/kyc-desk.spec collects exactly :data:`MODEL_FILES`). Before the engine loads a
model it checks every file of the table (:func:`verify_model_files`, called by
:func:`kyc_desk.faces.models.models`): a damaged or substituted file makes the engine refuse with
:class:`~kyc_desk.faces.errors.ModelDamaged`, while the rest of the desk (card reading, records) works on.
``kyc-desk doctor`` reports the same check file by file.

Cost: hashing the files (about 35 MB) takes a fraction of a second, once, in the face process (the window
never waits for it). A file whose hash matched is remembered in the desk's cache folder by its path and
``stat`` signature (size, modification and change times, inode), so later starts only ``stat`` the files.
The change time cannot be set back by a user program, so a file rewritten in place is hashed again even if
its size and modification time were restored. Only matches are remembered: a mismatch is checked afresh
every time, so a reinstall heals at once.

A changed hash after a package upgrade means the new models must be re-checked (accuracy, licence)
before the recorded hash is updated here.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from kyc_desk.faces.errors import ModelDamaged, ModelUnavailable

log = logging.getLogger(__name__)


class ModelFile(NamedTuple):
    """One file an engine loads: the package it ships in, its path inside the package, its SHA-256 as the
    pinned package ships it (a changed hash is a damaged or substituted model, or an upgrade to re-check)."""

    package: str
    relative: str
    sha256: str

    @property
    def label(self) -> str:
        """``package/relative``: how doctor and error messages name the file (never a user's path)."""
        return f"{self.package}/{self.relative}"

    @property
    def name(self) -> str:
        """The file's own name (``shape_predictor_5_face_landmarks.dat``)."""
        return self.relative.rsplit("/", 1)[-1]


#: The dlib ResNet match engine's files (kyc_desk.faces.engine.DLIB_RESNET): the 5-point predictor and the
#: ResNet from face_recognition_models.
DLIB_RESNET_FILES: tuple[ModelFile, ...] = (
    ModelFile("face_recognition_models", "models/dlib_face_recognition_resnet_model_v1.dat",
              "55533b28a95800a551ba546ba62fe69625c7e95a7061c338adffead08719da30"),
    ModelFile("face_recognition_models", "models/shape_predictor_5_face_landmarks.dat",
              "c4b1e9804792707d3a405c2c16a80a20269e6675021f64a41d30fffafbc41888"),
)

#: mediapipe 0.10.21's files every engine shares: face detection (short and full range), the face mesh
#: with attention (liveness), and the three graphs that load them.
MEDIAPIPE_FILES: tuple[ModelFile, ...] = (
    ModelFile("mediapipe", "modules/face_detection/face_detection_short_range.tflite",
              "bbff11cebd1eb27a1e004cae0b0e63ec8c551cbf34a4451148b4908b8db3eca8"),
    ModelFile("mediapipe", "modules/face_detection/face_detection_full_range_sparse.tflite",
              "2c3728e6da56f21e21a320433396fb06d40d9088f2247c05e5635a688d45dfe1"),
    ModelFile("mediapipe", "modules/face_landmark/face_landmark_with_attention.tflite",
              "e06a804e0144f9929eda782122916b35d60c697c3c9344013ca2bbe76a6ce2b4"),
    ModelFile("mediapipe", "modules/face_detection/face_detection_short_range_cpu.binarypb",
              "84e65794d4e1d1c6d56896f4dfaab97bc769033205475c1bb9967a22f0da469c"),
    ModelFile("mediapipe", "modules/face_detection/face_detection_full_range_cpu.binarypb",
              "00f072e71a9752536aa4b09216c6bf8d9cc7493222a8d3a472e563eb0e23163b"),
    ModelFile("mediapipe", "modules/face_landmark/face_landmark_front_cpu.binarypb",
              "fa3c092da27d031d54ddd61a29b0e3dd521d53f55fa8898cb0f2b64d79cd6573"),
)

#: Every file the face engine opens (checked with strace on the desk's face comparison and liveness
#: check): each match engine's files and mediapipe's. A new engine's tuple is added here as well as to its
#: MatchEngine (tests/faces/test_model_files.py checks that every registered engine's files are listed),
#: so the start-up check covers it and the frozen build bundles it.
MODEL_FILES: tuple[ModelFile, ...] = DLIB_RESNET_FILES + MEDIAPIPE_FILES

#: The cache of matched hashes, in the desk's cache folder.
CACHE_NAME = "model-hashes.json"
_CACHE_FORMAT = "kyc-desk-model-hashes/1"
_cache_lock = threading.Lock()


@dataclass(frozen=True)
class ModelFileReport:
    """What a check found: files missing and files whose hash differs from the recorded one (labels)."""

    checked: int
    missing: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.missing and not self.changed


def package_dir(name: str) -> Path | None:
    """The folder of an installed package (or of the frozen build's copy), without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_model_files(files: Iterable[ModelFile] = MODEL_FILES, *, cache: Path | None = None) -> ModelFileReport:
    """Check each file against its recorded hash. ``cache`` names the file of remembered matches (see the
    module docstring); without it every file is hashed (doctor does that)."""
    files = tuple(files)
    remembered = _read_cache(cache) if cache is not None else {}
    fresh: dict[str, dict[str, object]] = {}
    missing, changed = [], []
    for entry in files:
        folder = package_dir(entry.package)
        path = folder / entry.relative if folder is not None else None
        if path is None or not path.is_file():
            missing.append(entry.label)
            continue
        key = str(path.resolve())
        signature = _signature(path)
        known = remembered.get(key)
        if known is not None and known.get("stat") == signature and known.get("sha256") == entry.sha256:
            fresh[key] = known
            continue
        if file_sha256(path) != entry.sha256:
            changed.append(entry.label)
            continue
        fresh[key] = {"stat": signature, "sha256": entry.sha256}
    if cache is not None and fresh != remembered:
        _write_cache(cache, fresh)
    return ModelFileReport(len(files), tuple(missing), tuple(changed))


def default_cache() -> Path:
    """The cache file in the desk's cache folder (honours ``KYC_DESK_HOME``)."""
    from kyc_desk.paths import desk_paths

    return desk_paths().cache / CACHE_NAME


def verify_model_files(files: Iterable[ModelFile] = MODEL_FILES, *, cache: Path | None = None) -> None:
    """Raise unless every model file is present and as recorded: :class:`ModelDamaged` for a changed file,
    :class:`ModelUnavailable` for a missing one. ``cache`` defaults to :func:`default_cache`."""
    report = check_model_files(files, cache=cache if cache is not None else default_cache())
    if report.changed:
        raise ModelDamaged(
            "face model files differ from the recorded ones (damaged or replaced): " + ", ".join(report.changed)
            + "; face matching is refused until KYC Desk is reinstalled"
        )
    if report.missing:
        raise ModelUnavailable("face model files missing: " + ", ".join(report.missing))


def _signature(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]


def _read_cache(cache: Path) -> dict[str, dict[str, object]]:
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != _CACHE_FORMAT or not isinstance(data.get("files"), dict):
        return {}
    return {k: v for k, v in data["files"].items() if isinstance(v, dict)}


def _write_cache(cache: Path, files: dict[str, dict[str, object]]) -> None:
    from kyc_desk.paths import private_folder, write_private

    data = json.dumps({"format": _CACHE_FORMAT, "files": files}, indent=1, sort_keys=True).encode("utf-8")
    with _cache_lock:
        try:
            private_folder(cache.parent)
            write_private(cache, data)
        except OSError as exc:  # an unwritable cache only costs a hash at the next start
            log.info("model hash cache not written (%s)", exc.strerror)
