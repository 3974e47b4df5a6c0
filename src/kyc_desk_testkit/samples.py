"""Real face photos for tests, demos and benchmarks.

The desk's software cards, face-engine tests and demo mode need photos of real faces (never noise). They
come from the face_recognition 1.3.0 source distribution on PyPI, whose ``tests/test_images/`` holds
several photos of one person (obama.jpg, obama2.jpg, obama3.jpg, obama_partial_face*.jpg) and one of
another (biden.jpg). No other network source is used, so this works wherever the package registry does.

The folder is ``KYC_DESK_SAMPLE_PHOTOS`` if set (scripts/setup sets ``.cache/sample-photos`` in the
checkout), otherwise ``sample-photos`` in the user cache folder. The first call fetches and unpacks the
sdist; later calls only check that the files are there.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Final

from kyc_desk.errors import ConfigError

ENV: Final = "KYC_DESK_SAMPLE_PHOTOS"
SDIST: Final = "face-recognition==1.3.0"
#: Photos the desk's tests and demo rely on; all must be present after a fetch.
PHOTOS: Final = (
    "obama.jpg",
    "obama2.jpg",
    "obama3.jpg",
    "obama_partial_face.jpg",
    "obama_partial_face2.jpg",
    "biden.jpg",
)


def sample_photos_dir() -> Path:
    """Where the sample photos live (not necessarily fetched yet)."""
    env = os.environ.get(ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("kyc-desk", appauthor=False)) / "sample-photos"


def sample_photo(name: str) -> Path:
    """The path of one sample photo, fetching the set first if needed."""
    if name not in PHOTOS:
        raise ValueError(f"not a sample photo: {name}")
    return ensure_sample_photos() / name


def ensure_sample_photos() -> Path:
    """Fetch the photos if they are missing; returns their folder."""
    folder = sample_photos_dir()
    if all((folder / name).is_file() for name in PHOTOS):
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run(
            [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:", SDIST, "-d", tmp],
            capture_output=True,
            text=True,
            check=False,
        )
        archives = list(Path(tmp).glob("face_recognition-*.tar.gz")) + list(Path(tmp).glob("face-recognition-*.tar.gz"))
        if done.returncode != 0 or not archives:
            raise ConfigError(
                "could not fetch the sample photos from the package registry (pip download face-recognition==1.3.0)",
                ja="サンプル写真をパッケージレジストリから取得できませんでした。",
            )
        with tarfile.open(archives[0]) as tar:
            for member in tar.getmembers():
                name = Path(member.name).name
                if "/tests/test_images/" in member.name and name in PHOTOS and member.isfile():
                    extracted = tar.extractfile(member)
                    if extracted is not None:
                        (folder / name).write_bytes(extracted.read())
    missing = [name for name in PHOTOS if not (folder / name).is_file()]
    if missing:
        raise ConfigError(
            f"sample photos missing after fetch: {', '.join(missing)}", ja="サンプル写真が不足しています。"
        )
    return folder


if __name__ == "__main__":  # used by scripts/setup and scripts/test
    print(ensure_sample_photos())
