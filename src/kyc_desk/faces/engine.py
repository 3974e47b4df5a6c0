"""Which engine measured a face result — the match engines, their thresholds, models and versions.

A stored face result and a stored embedding name their engine and version, so that a later reader knows
what a figure means and which thresholds it was judged against: a distance of one engine means nothing on
another's scale, and their embeddings are never compared with each other (:mod:`.search`,
``RecordStore.duplicate_leads``). Liveness is judged from MediaPipe landmarks (:data:`LIVENESS_ENGINE`).

**Match engines.** Each :class:`MatchEngine` says how faces are embedded (a ``module:function`` loaded on
first use, so this module stays light enough for ``doctor`` and the CLI's parser), how two embeddings are
compared (:attr:`MatchEngine.metric`; every engine reports a *distance*, lower is more alike: Euclidean, or
``1 − cosine similarity`` for engines trained on the sphere), its own 1:1 :class:`~.thresholds.Thresholds`
and duplicate-lead :class:`~.thresholds.DuplicateThresholds` calibrated on the sample set, and the model
files it loads with their SHA-256 (``doctor`` checks them). :data:`DEFAULT_ENGINE` is dlib's ResNet.

A desk chooses with the setting ``face_engine`` in settings.json (file only: no window offers it; ``""`` is
the default engine) or per command with ``kyc-desk face compare --engine KEY``. An unknown name fails loudly
(:class:`~kyc_desk.errors.ConfigError`), never falls back to another engine. Which models were considered
for a second engine and why none ships yet: docs/faces.md, "Match engines".
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, Literal

from kyc_desk.errors import ConfigError
from kyc_desk.faces.model_files import DLIB_RESNET_FILES, ModelFile
from kyc_desk.faces.thresholds import DEFAULT_THRESHOLDS, DuplicateThresholds, Thresholds

#: The face match with dlib's ResNet embedding (``dlib_face_recognition_resnet_model_v1``), by distance.
MATCH_ENGINE: Final = "kyc_desk.faces/dlib-resnet-v1"
#: Active liveness: MediaPipe face landmarks against the request's challenge.
LIVENESS_ENGINE: Final = "kyc_desk.faces/mediapipe-liveness"
#: What every match engine's figures are: an embedding distance (a match at or below the threshold).
MATCH_METRIC: Final = "distance"

Metric = Literal["euclidean", "cosine"]


@dataclass(frozen=True)
class MatchEngine:
    """One face-match engine: how it embeds, how it compares, and the thresholds calibrated for it.

    ``name`` is what records store (never change it for a model whose embeddings differ: a new model is a
    new engine); ``key`` is the short name for the setting and ``--engine``. ``embedder`` is
    ``"module:function"`` with the signature of :func:`kyc_desk.faces.embed.dlib_embedding`. ``libraries``
    are the distributions whose versions are recorded with each result (the first one installed counts).
    """

    name: str
    key: str
    dims: int
    metric: Metric
    thresholds: Thresholds
    duplicates: DuplicateThresholds
    embedder: str
    model_files: tuple[ModelFile, ...]
    libraries: tuple[str, ...]
    description: str

    def __post_init__(self) -> None:
        if self.dims <= 0 or self.metric not in ("euclidean", "cosine") or ":" not in self.embedder:
            raise ValueError(f"malformed match engine {self.name}")


DLIB_RESNET: Final = MatchEngine(
    name=MATCH_ENGINE,
    key="dlib-resnet-v1",
    dims=128,
    metric="euclidean",
    thresholds=DEFAULT_THRESHOLDS,  # decision 0.60 ± 0.05 (how they were chosen: .thresholds)
    duplicates=DuplicateThresholds(),  # leads at ≤ 0.50 / ≥ 0.65
    embedder="kyc_desk.faces.embed:dlib_embedding",
    model_files=DLIB_RESNET_FILES,
    libraries=("dlib", "dlib-bin"),
    description="dlib ResNet (face_recognition_models 0.3.0, public domain / CC0), 5-point alignment",
)

#: The engine used when nothing is chosen.
DEFAULT_ENGINE: Final = DLIB_RESNET

_ENGINES: dict[str, MatchEngine] = {e.name: e for e in (DLIB_RESNET,)}
#: Every match engine this desk can run, by stored name.
MATCH_ENGINES: Mapping[str, MatchEngine] = MappingProxyType(_ENGINES)


def match_engine(name: str | MatchEngine | None = None) -> MatchEngine:
    """The engine called ``name`` (its stored name or its key); ``None`` or ``""`` is the default engine.

    Raises :class:`~kyc_desk.errors.ConfigError` for a name no engine has: a figure must never be judged
    by another engine's thresholds because of a typo."""
    if isinstance(name, MatchEngine):
        return name
    if not name:
        return DEFAULT_ENGINE
    for engine in MATCH_ENGINES.values():
        if name in (engine.name, engine.key):
            return engine
    known = ", ".join(e.key for e in MATCH_ENGINES.values())
    raise ConfigError(f"Unknown face match engine {name!r} (known: {known}).",
                      ja=f"顔照合エンジン「{name}」はありません（使えるもの: {known}）。")


def selected_engine() -> MatchEngine:
    """The engine the desk's settings choose (``face_engine`` in settings.json; empty = the default)."""
    from kyc_desk.settings import load_settings

    return match_engine(load_settings().face_engine)


def _version(distribution: str) -> str | None:
    from importlib import metadata  # only when a version is asked for: it costs tens of ms to import

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


@functools.cache
def engine_version(engine: str) -> str:
    """``kyc-desk <version>`` and the version of the library behind ``engine`` (read from the installed
    distributions, without importing them)."""
    from kyc_desk import __version__

    if engine == LIVENESS_ENGINE:
        libraries: tuple[str, ...] = ("mediapipe",)
    else:
        found = MATCH_ENGINES.get(engine)
        libraries = found.libraries if found is not None else ()
    library = next((f"{d.removesuffix('-bin')} {v}" for d in libraries if (v := _version(d))), None)
    return f"kyc-desk {__version__}" + (f"; {library}" if library else "")
