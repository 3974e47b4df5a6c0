"""Screenshots of the capture page at phone size, 390×844 (never part of the test run).

    .venv/bin/python -m tests.sync.capture_screenshots [--out DIR]

A real endpoint runs on loopback; Debian's chromium (headless, via Playwright) opens a ホ link with a
fake camera: a clip of the composed document photo for the document steps, and a real sample photo
performing the liveness actions for the selfie. Writes docs/screenshots/capture-*.png (or into ``--out``).
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"


def turned_clip(path: Path) -> Path:
    """The sample photo's face, 1 s straight, then turned to its left and held for 5 s: the screenshot
    before the start shows a straight face and the one of the turn prompt a turned one, with a second of
    slack either way (the tests use the moving clip)."""
    from kyc_desk.faces import parse_challenge
    from kyc_desk_testkit.faces.synth import action_keyframes, genuine_sequence
    from kyc_desk_testkit.samples import sample_photo

    from .capture_browser import write_y4m

    actions = parse_challenge("turn_left").actions
    frames = genuine_sequence(sample_photo("obama.jpg"), actions, seed=3)
    turned = frames[int(np.argmax(action_keyframes(actions, seed=3).yaw))]
    return write_y4m(path, [frames[0]] * 15 + [turned] * 75)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    from kyc_desk.sync.format import Method
    from kyc_desk.sync.server import Limits, ServerConfig

    from .capture_browser import blurred, chromium, document_photos, phone_page, write_y4m
    from .conftest import serve
    from .desk_fixtures import LIVENESS, make_desk, taro

    def shot(page, name: str) -> None:
        page.screenshot(path=str(args.out / f"capture-{name}.png"))
        print("wrote", args.out / f"capture-{name}.png")

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        config = ServerConfig(database_url=f"sqlite:///{tmp / 'endpoint.db'}", limits=Limits.off())
        with serve(config) as live:
            desk = make_desk(tmp, live.url, live.desk_token)
            request = desk.sync.create_request((Method.HO, Method.HE), person=taro(), liveness=LIVENESS)
            shots = document_photos()
            for name, data in shots.items():
                (tmp / f"{name}.jpg").write_bytes(data)
            (tmp / "blurred.jpg").write_bytes(blurred(shots["front"]))
            card = np.asarray(Image.open(io.BytesIO(shots["front"])).convert("RGB").resize((640, 480)))
            card_clip = write_y4m(tmp / "card.y4m", [card] * 15)
            face_clip = turned_clip(tmp / "face.y4m")

            with chromium(card_clip) as browser:
                page = phone_page(browser)
                page.goto(request.link)
                page.wait_for_selector("body[data-screen=consent]")
                page.check("#agree")
                shot(page, "01-consent")
                page.click("#lang")
                shot(page, "01-consent-en")
                page.click("#lang")
                page.click("#start")
                shot(page, "02-method")
                page.click("#method-next")
                page.wait_for_selector("body[data-camera=ready]")
                time.sleep(0.5)
                shot(page, "03-document-camera")
                page.set_input_files("#doc-file", str(tmp / "blurred.jpg"))
                page.wait_for_selector("#doc-quality.bad")
                shot(page, "04-document-blurred")
                page.click("#doc-retake")
                page.wait_for_selector("body[data-camera=ready]")
                page.click("#doc-shoot")
                page.wait_for_selector("#doc-quality.ok, #doc-quality.bad")
                problems = page.get_attribute("#doc-quality", "data-problems")
                if problems:
                    raise RuntimeError(f"the camera shot was refused: {problems}")
                shot(page, "05-document-accepted")

            with chromium(face_clip) as browser:
                page = phone_page(browser)
                page.goto(request.link)
                page.wait_for_selector("body[data-screen=consent]")
                page.check("#agree")
                page.click("#start")
                page.click("#method-next")
                for name in ("front", "back", "thickness"):
                    page.wait_for_selector("body[data-screen=document]")
                    page.set_input_files("#doc-file", str(tmp / f"{name}.jpg"))
                    page.wait_for_selector("#doc-accept:not([hidden])")
                    page.click("#doc-accept")
                page.wait_for_selector("body[data-camera=ready]")
                time.sleep(0.3)
                shot(page, "06-selfie")
                page.click("#selfie-start")
                time.sleep(2.2)
                shot(page, "07-selfie-action")
                page.wait_for_selector("body[data-screen=review]", timeout=60_000)
                shot(page, "08-review")
                page.click("#send")
                page.wait_for_selector("body[data-screen=done]", timeout=60_000)
                shot(page, "09-done")
                desk.sync.pull(desk.store, anchors=desk.anchors, faces=None)
                page.goto("about:blank")
                page.goto(request.link)
                page.wait_for_selector("body[data-screen=error]")
                shot(page, "10-link-used")

            with chromium(camera_allowed=False) as browser:
                other = desk.sync.create_request((Method.HO,), person=taro(), liveness=LIVENESS)
                page = phone_page(browser)
                page.goto(other.link)
                page.wait_for_selector("body[data-screen=consent]")
                page.check("#agree")
                page.click("#start")
                page.click("#method-next")
                page.wait_for_selector("body[data-screen=error]")
                shot(page, "11-camera-denied")
    return 0


if __name__ == "__main__":
    sys.exit(main())
