"""The card step of installers/deb-chroot-test: a software card read by the desk installed in a minimal Debian.

The desk runs inside the chroot (``KYC_DESK_CHROOT``, as its unprivileged user ``desk``) with the chroot's
own libpcsclite; the software card, the vpcd bridge and a private pcscd come from the checkout's Python
outside (tests/plugins/pcsc.py, ``KYC_DESK_PRIVATE_PCSCD=1``), and the pcscd's socket folder is bind-mounted
on the chroot's /run/pcscd, where a user's desk finds Debian's pcscd. Only deb-chroot-test runs this (as
root: mount, chroot); it unmounts what is left under the chroot on every exit.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from asn1crypto import pem
from tests.plugins.pcsc import VpcdSlot

USER = "desk"


def chroot_root() -> Path:
    root = os.environ.get("KYC_DESK_CHROOT")
    if not root:
        pytest.fail("KYC_DESK_CHROOT names no chroot: installers/deb-chroot-test runs this", pytrace=False)
    return Path(root)


@pytest.mark.pcsc
def test_card_read_in_the_minimal_system(vpcd_slot: VpcdSlot) -> None:
    """A software residence card on the virtual reader, read by the installed desk in the chroot through
    the chroot's libpcsclite: the chip's data, its issuer signature and the face photo."""
    from kyc_desk_testkit.softcard.persona import demo_personas
    from kyc_desk_testkit.softcard.residence import build_residence_card, residence_issuer_certificate

    root = chroot_root()
    home = Path("/home") / USER
    work = root / home.relative_to("/") / "card"
    (work / "trust").mkdir(parents=True, exist_ok=True)
    (work / "trust" / "residence-test.pem").write_bytes(pem.armor("CERTIFICATE", residence_issuer_certificate()))
    subprocess.run(["chroot", str(root), "chown", "-R", f"{USER}:{USER}", str(home / "card")], check=True)
    vpcd_slot.insert(build_residence_card(demo_personas()["alex"])[0])

    socket_folder = Path(os.environ["PCSCLITE_CSOCK_NAME"]).parent
    target = root / "run" / "pcscd"
    target.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "--bind", str(socket_folder), str(target)], check=True)
    try:
        done = subprocess.run(
            ["chroot", f"--userspec={USER}:{USER}", str(root), "env", "-i", f"HOME={home}", "LANG=C.UTF-8",
             "PATH=/usr/bin:/bin", "sh", "-c", 'cd "$HOME" && exec "$@"', "sh",
             "kyc-desk", "card", "read", "--json", "--secrets-stdin", "--reader", vpcd_slot.reader,
             "--trust-dir", "card/trust", "--photo-out", "card/photo.png"],
            input="card_number=AB12345678CD\n", capture_output=True, text=True, timeout=300, check=False)
    finally:
        subprocess.run(["umount", str(target)], check=True)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["card_type"] == "residence_card"
    assert document["card"]["number"] == "AB12345678CD"
    assert [check["status"] for check in document["checks"]] == ["valid"]
    assert (work / "photo.png").read_bytes().startswith(b"\x89PNG")
