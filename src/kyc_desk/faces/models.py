"""顔認識モデルの読み込み — the models, loaded once, lazily, behind one lock.

Nothing is loaded when ``kyc_desk.faces`` is imported: the window must start fast, and the CLI imports
every command module to build its parser. The first call that needs a model loads it (about a second for
dlib's ResNet); :func:`warm_up` does it ahead of time, e.g. from a ``QThreadPool`` task at start-up.

Which models, and why these (licences are in docs/faces.md):

- face detection: mediapipe 0.10.21 ``solutions.face_detection`` (BlazeFace short- and full-range,
  shipped inside the wheel, Apache-2.0); dlib's HOG frontal face detector as the fallback (code, no model
  file).
- landmarks for pose and eyes: mediapipe ``solutions.face_mesh`` with ``refine_landmarks=True`` (478
  points including the irises).
- alignment and embedding: dlib's **5-point** shape predictor and ResNet face-recognition model from the
  ``face_recognition_models`` package (public domain / CC0). The 68-point predictor in the same package
  was trained on iBUG 300-W, which forbids commercial use: it is never loaded. We call dlib directly
  rather than ``face_recognition``, whose ``api`` module loads the 68-point file at import time.

Integrity: before the first model loads, every model file is checked against its recorded SHA-256
(:func:`kyc_desk.faces.model_files.verify_model_files`; cached, so only the first start hashes). A damaged
or substituted file makes every entry point here raise :class:`~kyc_desk.faces.errors.ModelDamaged`.

Thread safety: mediapipe graphs and dlib objects must not run two inferences at once. Every use goes
through :data:`MODEL_LOCK` (re-entrant), so the public functions can be called from any thread; calls are
serialised, which on a 2-core desk is no loss.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import sys
import threading
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kyc_desk.faces.errors import ModelUnavailable

log = logging.getLogger(__name__)

#: Held while a model is loaded or runs.
MODEL_LOCK = threading.RLock()

#: The landmark file used for alignment; tests check that nothing else is ever loaded.
LANDMARK_MODEL_FILE = "shape_predictor_5_face_landmarks.dat"
EMBEDDING_MODEL_FILE = "dlib_face_recognition_resnet_model_v1.dat"
#: Minimum confidence for a mediapipe face detection.
DETECTION_CONFIDENCE = 0.5


@dataclass(frozen=True)
class Models:
    """The loaded models. Use them only while holding :data:`MODEL_LOCK`."""

    detect_short: Any  # mediapipe FaceDetection, short range (faces within about 2 m)
    detect_full: Any  # mediapipe FaceDetection, full range (small faces in large photos)
    mesh: Any  # mediapipe FaceMesh, static images, refined (iris) landmarks, up to 3 faces
    hog: Any  # dlib frontal face detector (HOG + linear SVM)
    shape5: Any  # dlib 5-point shape predictor
    resnet: Any  # dlib ResNet face descriptor (128-d)
    landmark_model_path: Path
    embedding_model_path: Path


_models: Models | None = None


def quiet_native_logs() -> None:
    """Keep mediapipe's C++ logging (glog/absl) from writing to the terminal, before it is imported."""
    os.environ.setdefault("GLOG_minloglevel", "2")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


@contextlib.contextmanager
def native_stderr_silenced() -> Iterator[None]:
    """Send file descriptor 2 to the null device while mediapipe's native code sets up a graph.

    mediapipe 0.10.21 logs TensorFlow Lite and calculator notices straight to the process's stderr from
    C++ (absl), before any of its logging settings can apply; on the command line they would bury the
    output. Only graph creation and a graph's first inference are wrapped (the noise comes from there), and
    the lock keeps two threads from swapping descriptors at once. Python-level errors still propagate.
    """
    with MODEL_LOCK:
        try:
            sys.stderr.flush()
            saved = os.dup(2)
        except (OSError, ValueError):  # no usable stderr (e.g. a windowed app): nothing to hide
            yield
            return
        try:
            with open(os.devnull, "wb") as null:
                os.dup2(null.fileno(), 2)
                yield
        finally:
            _flush_c_stdio()  # native code may have buffered its notices in the C library's stderr
            os.dup2(saved, 2)
            os.close(saved)


@functools.cache
def _libc() -> Any:
    """The C library, looked up once: ``find_library`` runs ``ldconfig``/``gcc`` in a subprocess, which
    cost several milliseconds on every liveness check and face comparison."""
    import ctypes
    import ctypes.util

    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or None)
    except (OSError, TypeError):
        return None


def _flush_c_stdio() -> None:
    with contextlib.suppress(OSError, AttributeError, TypeError):
        libc = _libc()
        if libc is not None:
            libc.fflush(None)


#: Graphs that have produced a face once (weak: a closed video graph must not be mistaken for a new one
#: that happens to reuse its id).
_graphs_with_output: weakref.WeakSet[Any] = weakref.WeakSet()


def run_graph(graph: Any, rgb: Any) -> Any:
    """``graph.process(rgb)`` for a mediapipe face graph, silencing the native notices its first face
    triggers (later calls run as they are)."""
    with MODEL_LOCK:
        if graph in _graphs_with_output:
            return graph.process(rgb)
        with native_stderr_silenced():
            result = graph.process(rgb)
        if getattr(result, "multi_face_landmarks", None) or getattr(result, "detections", None):
            _graphs_with_output.add(graph)
        return result


def model_dir() -> Path:
    """The folder holding the dlib model files (from the ``face_recognition_models`` package)."""
    try:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # its pkg_resources import warns about deprecation
            import face_recognition_models
    except ImportError as exc:
        raise ModelUnavailable("the face_recognition_models package is not installed") from exc
    return Path(face_recognition_models.__file__).parent / "models"


def models() -> Models:
    """The models, loading them on first use (thread-safe), after checking their files' hashes."""
    global _models
    if _models is not None:
        return _models
    with MODEL_LOCK:
        if _models is None:
            _verify_files()
            _models = _load()
    return _models


_files_verified = False


def _verify_files() -> None:
    """Check the model files once per process (a failure is checked afresh on the next call)."""
    global _files_verified
    with MODEL_LOCK:
        if not _files_verified:
            from kyc_desk.faces.model_files import verify_model_files

            verify_model_files()
            _files_verified = True


def warm_up() -> None:
    """Load every model now, so the first comparison is as fast as the others.

    Safe to call from a worker thread and more than once.
    """
    models()


def new_video_mesh() -> Any:
    """A mediapipe FaceMesh in video (tracking) mode for one frame sequence; the caller closes it.

    Tracking state belongs to one sequence, so each liveness check gets its own graph.
    """
    _verify_files()
    quiet_native_logs()
    try:
        from mediapipe.python.solutions import face_mesh
    except ImportError as exc:
        raise ModelUnavailable("mediapipe is not installed") from exc
    with native_stderr_silenced():
        return face_mesh.FaceMesh(
            static_image_mode=False, max_num_faces=2, refine_landmarks=True,
            min_detection_confidence=0.5, min_tracking_confidence=0.5,
        )


def _load() -> Models:
    quiet_native_logs()
    _refuse_unsupported_cpu()
    single_threaded_blas()
    try:
        import dlib
        from mediapipe.python.solutions import face_detection, face_mesh
    except ImportError as exc:
        raise ModelUnavailable(f"a face library is not installed ({exc.name})") from exc
    folder = model_dir()
    landmark_path = folder / LANDMARK_MODEL_FILE
    embedding_path = folder / EMBEDDING_MODEL_FILE
    for path in (landmark_path, embedding_path):
        if not path.is_file():
            raise ModelUnavailable(f"face model file missing: {path.name}")
    try:
        with native_stderr_silenced():
            loaded = _create(face_detection, face_mesh, dlib, landmark_path, embedding_path)
    except (RuntimeError, OSError) as exc:
        raise ModelUnavailable("a face model could not be loaded") from exc
    log.info("face models loaded (landmarks: %s)", LANDMARK_MODEL_FILE)
    return loaded


def single_threaded_blas() -> None:
    """One OpenBLAS thread for dlib, unless the user chose otherwise; before dlib (and so OpenBLAS) loads.

    Only dlib compiled against OpenBLAS (``scripts/setup --fast-dlib``) reads it; dlib-bin has no BLAS.
    With OpenBLAS's default of one thread per core, an embedding on the shared 2-core machine took longer
    than dlib-bin's (threads waiting for each other while other processes held the cores); with one thread
    it took a third of dlib-bin's time (docs/faces.md, "Speed"). On a desk the other core belongs to the
    window, and the sync import runs one face process per core anyway.
    """
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def _refuse_unsupported_cpu() -> None:
    """Refuse, before dlib is imported, on a processor that lacks the instructions dlib was built for: dlib
    would die of an illegal instruction instead (:mod:`kyc_desk.faces.cpu`)."""
    from kyc_desk.faces import cpu

    lacking = cpu.missing()
    if lacking:
        names = ", ".join(name.upper() for name in lacking)
        raise ModelUnavailable(
            f"this processor lacks {names} instructions, which the face engine (dlib) needs",
            ja="このパソコンのプロセッサーは、顔照合エンジンが必要とする命令に対応していません。"
            "顔は目視で確認してください。",
        )


def _create(face_detection: Any, face_mesh: Any, dlib: Any, landmark_path: Path, embedding_path: Path) -> Models:
    import numpy as np

    loaded = Models(
        detect_short=face_detection.FaceDetection(model_selection=0, min_detection_confidence=DETECTION_CONFIDENCE),
        detect_full=face_detection.FaceDetection(model_selection=1, min_detection_confidence=DETECTION_CONFIDENCE),
        mesh=face_mesh.FaceMesh(static_image_mode=True, max_num_faces=3, refine_landmarks=True,
                                min_detection_confidence=0.5),
        hog=dlib.get_frontal_face_detector(),
        shape5=dlib.shape_predictor(str(landmark_path)),
        resnet=dlib.face_recognition_model_v1(str(embedding_path)),
        landmark_model_path=landmark_path,
        embedding_model_path=embedding_path,
    )
    # One inference per graph, so their first-run notices are emitted here, silenced.
    blank = np.zeros((64, 64, 3), np.uint8)
    for graph in (loaded.detect_short, loaded.detect_full, loaded.mesh):
        graph.process(blank)
    return loaded
