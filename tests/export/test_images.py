"""Images: a folder or ZIP per record, named <date>_<client>_<kind>.<ext>, JPEG 2000 as PNG, encrypted ZIPs."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from kyc_desk.export import DestinationRefused, PassphraseTooShort, Selection, export_images
from kyc_desk.export._zip import open_zip
from kyc_desk.records import RecordStore, VerificationRecord
from tests.records.conftest import photo_bytes

PASS = "長いパスフレーズ correct horse"


def test_a_folder_per_record_with_named_images_and_jpeg2000_as_png(
    desk_a: RecordStore, saved: list[VerificationRecord], tmp_path: Path
) -> None:
    out = tmp_path / "images"
    result = export_images(desk_a, Selection(), out, actor="t")
    individual, company = saved
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"2026-11-20_髙橋﨑子_{individual.id}", f"2026-11-20_株式会社サンプル商事_{company.id}"]
    )
    folder = out / f"2026-11-20_株式会社サンプル商事_{company.id}"
    names = sorted(p.name for p in folder.iterdir())
    prefix = "2026-11-20_株式会社サンプル商事_"
    assert names == sorted(
        prefix + n for n in ("chip-photo.png", "face-photo.jpg", "face-photo-2.jpg", "card-front.jpg")
    )  # the chip data file is no image and stays out
    with Image.open(folder / f"{prefix}chip-photo.png") as png:  # converted from the chip's JPEG 2000
        assert png.format == "PNG" and png.size == (120, 150)
    assert (folder / f"{prefix}face-photo-2.jpg").read_bytes() == photo_bytes("obama3.jpg")  # byte for byte
    assert (folder / f"{prefix}card-front.jpg").read_bytes() == photo_bytes("biden.jpg")
    assert result.files == 4 + 2  # and the individual's chip photo and face photo
    assert desk_a.verify_audit().ok


def test_encrypted_zip_per_record_opens_only_with_the_passphrase(
    desk_a: RecordStore, saved: list[VerificationRecord], tmp_path: Path
) -> None:
    out = tmp_path / "zips"
    result = export_images(desk_a, Selection(record_ids=(saved[1].id,)), out, actor="t", as_zip=True, passphrase=PASS)
    assert result.encrypted
    (archive_path,) = out.iterdir()
    assert archive_path.name == f"2026-11-20_株式会社サンプル商事_{saved[1].id}.zip"
    with zipfile.ZipFile(archive_path) as plain:  # the standard library sees AES entries it cannot read
        info = plain.infolist()[0]
        assert info.flag_bits & 0x1 and info.compress_type == 99  # encrypted, WinZip AES (AE-2)
        with pytest.raises((RuntimeError, NotImplementedError)):
            plain.read(info)
    with open_zip(archive_path) as archive:
        archive.setpassword(b"wrong passphrase!")
        with pytest.raises(RuntimeError):
            archive.read(archive.namelist()[0])
        archive.setpassword(PASS.encode())
        png = archive.read("2026-11-20_株式会社サンプル商事_chip-photo.png")
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG"


def test_short_passphrase_and_existing_folder_are_refused_before_anything_is_written(
    desk_a: RecordStore, saved: list[VerificationRecord], tmp_path: Path
) -> None:
    with pytest.raises(PassphraseTooShort):
        export_images(desk_a, Selection(), tmp_path / "z", actor="t", as_zip=True, passphrase="short")
    (tmp_path / "taken").mkdir()
    with pytest.raises(DestinationRefused):
        export_images(desk_a, Selection(), tmp_path / "taken", actor="t")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["desk-a", "taken"]
    assert not any((tmp_path / "taken").iterdir())


def test_an_encrypted_zip_opens_in_7zip(desk_a: RecordStore, saved: list[VerificationRecord], tmp_path: Path) -> None:
    """The AES-256 ZIP is the standard WinZip AE-2 format: 7-Zip (what offices use for it) extracts it with
    the passphrase and refuses a wrong one."""
    import shutil
    import subprocess

    seven = shutil.which("7z")
    assert seven is not None, "scripts/setup installs p7zip-full"
    out = tmp_path / "zips"
    export_images(desk_a, Selection(record_ids=(saved[1].id,)), out, actor="t", as_zip=True, passphrase=PASS)
    (archive,) = out.iterdir()
    wrong = subprocess.run([seven, "x", "-y", f"-o{tmp_path / 'wrong'}", "-pwrong passphrase!", str(archive)],
                           capture_output=True, check=False, timeout=60)  # fmt: skip
    assert wrong.returncode != 0
    done = subprocess.run([seven, "x", "-y", f"-o{tmp_path / 'right'}", f"-p{PASS}", str(archive)],
                          capture_output=True, check=False, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stdout.decode(errors="replace")
    extracted = tmp_path / "right" / "2026-11-20_株式会社サンプル商事_face-photo-2.jpg"
    assert extracted.read_bytes() == photo_bytes("obama3.jpg")
