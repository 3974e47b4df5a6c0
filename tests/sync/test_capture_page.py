"""The capture page (``/s/<token>``) in real headless chromium: its cryptography against the desk's,
its photo check, the whole client journey with a fake camera playing real photos, and what it says when
the camera is denied or the link is used or expired.

Each test starts one browser and bounds every wait (capture_browser.STEP_MS); together they take about a
minute on two cores.
"""

from __future__ import annotations

import base64
import datetime as dt
import time
from collections.abc import Callable

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric import x25519
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from kyc_desk.crypto import hpke
from kyc_desk.sync.desk import IMPORTED
from kyc_desk.sync.envelope import INFO_PREFIX, encode_public_key, key_id_of
from kyc_desk.sync.face_checks import EngineFaceChecker
from kyc_desk.sync.format import Method
from kyc_desk.sync.server.page import CONTENT_SECURITY_POLICY, asset_names
from kyc_desk.verify.report import Verdict

from .capture_browser import (
    blurred,
    chromium,
    cut_off,
    document_photos,
    genuine_clip,
    phone_page,
    still_clip,
    with_glare,
)
from .desk_fixtures import LIVENESS, make_desk, taro

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def test_the_page_and_its_files_are_served_with_a_strict_policy(open_server, office_key):
    from .test_endpoint import new_request

    created = new_request(open_server, office_key, methods=(Method.HO,))
    page = httpx.get(created.link.split("#")[0])
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert page.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "default-src 'none'" in CONTENT_SECURITY_POLICY and "connect-src 'self'" in CONTENT_SECURITY_POLICY
    assert page.headers["referrer-policy"] == "no-referrer" and page.headers["cache-control"] == "no-store"
    assert created.request_id not in page.text
    for name in asset_names()[1:]:
        asset = httpx.get(f"{open_server.url}/capture/{name}")
        assert asset.status_code == 200 and asset.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert "http://" not in asset.text and "https://" not in asset.text  # nothing from elsewhere
    assert httpx.get(f"{open_server.url}/capture/..%2Fapp.py").status_code == 404
    assert httpx.get(f"{open_server.url}/capture/page.html").status_code == 404
    # an unknown link still gets the page (it explains), with the refusal's status
    assert httpx.get(f"{open_server.url}/s/{'x' * 43}").status_code == 404


def test_the_pages_last_day_of_ho_is_the_endpoints():
    """The page says ホ has ended before anything is captured; its date is the endpoint's (rules.py,
    itself pinned to records/legal.py), so a changed date cannot leave the page behind."""
    import re

    from kyc_desk.sync.server.page import read_asset
    from kyc_desk.sync.server.rules import LAST_DAY

    found = re.search(r'const HO_LAST_DAY = "(\d{4}-\d{2}-\d{2})"', read_asset("app.js").decode())
    assert found and found.group(1) == LAST_DAY[Method.HO].isoformat()


def test_the_pages_files_are_package_data():
    """Installed and frozen endpoints serve the page from the package: pyproject's package-data must
    name every file (the frozen build collects kyc_desk's data files, installers/kyc-desk.spec)."""
    import fnmatch
    import tomllib
    from pathlib import Path

    from kyc_desk.sync.server.page import asset_names

    pyproject = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text("utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["kyc_desk.sync.server"]
    for name in asset_names():
        assert any(fnmatch.fnmatch(f"capture/{name}", p) for p in patterns), name


def test_every_text_the_page_shows_exists_in_japanese_and_english():
    """texts.js has the same keys in both languages, and every key the page or its script names exists
    (keys built from a name are checked for each name the script uses)."""
    import re

    from kyc_desk.sync.server.page import read_asset

    texts = read_asset("texts.js").decode()
    ja_block, en_block = texts.split("\n  en: {")
    keys = {lang: set(re.findall(r'^    "([\w.]+)":', block, re.M))
            for lang, block in (("ja", ja_block), ("en", en_block))}
    assert keys["ja"] == keys["en"] and len(keys["ja"]) > 50
    html, app = read_asset("page.html").decode(), read_asset("app.js").decode()
    named = set(re.findall(r'data-t="([\w.]+)"', html))
    named |= set(re.findall(r'(?:setText\([^,]+, |\bt\(|fail\()"([\w.]+)"', app))
    named |= set(re.findall(r'"(error\.\w+)"', app))
    shots = ("front", "back", "thickness")
    named |= {f"doc.{n}" for n in shots} | {f"doc.{n}.hint" for n in shots}
    named |= {f"quality.{p}" for p in ("blur", "glare", "corners")}
    named |= {f"action.{a}" for a in ("blink", "turn_left", "turn_right")}
    named |= {f"doc.{d}" for d in ("driver_licence", "mynumber", "residence_card")}
    assert len(named) > 50
    assert named - keys["ja"] == set()


def test_the_pages_cryptography_is_what_the_desk_opens(open_server, office_key, tmp_path):
    """HPKE sealed in the page opens with kyc_desk.crypto.hpke; ChaCha20-Poly1305 matches `cryptography`
    byte for byte (empty, partial-block and multi-block inputs, with associated data)."""
    from .test_endpoint import new_request

    created = new_request(open_server, office_key, methods=(Method.HO,))
    public = office_key.public_key()
    with chromium() as browser:
        page = phone_page(browser)
        page.goto(created.link)
        page.wait_for_selector("body[data-screen=consent]")
        key, nonce = bytes(range(32)), bytes(range(100, 112))
        cases = [(b"", b""), (b"kyc", b"x" * 15), (b"a" * 16, bytes(range(256)) * 5 + b"tail")]
        sealed_aead = page.evaluate(
            """async ([key, nonce, cases]) => {
                const m = await import('../capture/chacha20poly1305.js');
                const d = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
                const e = (a) => btoa(String.fromCharCode(...a));
                return cases.map(([aad, pt]) => e(m.seal(d(key), d(nonce), d(aad), d(pt))));
            }""",
            [b64(key), b64(nonce), [[b64(a), b64(p)] for a, p in cases]],
        )
        for (aad, plaintext), got in zip(cases, sealed_aead, strict=True):
            assert base64.b64decode(got) == ChaCha20Poly1305(key).encrypt(nonce, plaintext, aad)

        info = INFO_PREFIX + b'{"v":1}'
        plaintext = bytes(range(256)) * 300 + b"end"
        sealed = page.evaluate(
            """async ([pk, info, pt]) => {
                const h = await import('../capture/hpke.js');
                const d = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
                const out = await h.seal(d(pk), d(info), d(pt));
                let s = ''; for (const b of out) s += String.fromCharCode(b); return btoa(s);
            }""",
            [b64(hpke.public_key_raw(public)), b64(info), b64(plaintext)],
        )
        assert hpke.open_sealed(base64.b64decode(sealed), office_key, info=info) == plaintext

        # the key id check: the link's #k= must name the key the endpoint hands out
        other = encode_public_key(x25519.X25519PrivateKey.generate().public_key())
        refused = page.evaluate(
            """async ([key, id]) => {
                const env = await import('../capture/envelope.js');
                try {
                    await env.sealSubmission({officeKeyText: key, expectedKeyId: id, requestId: 'R'.repeat(22),
                                              method: 'ho', plaintext: new Uint8Array(300)});
                    return 'sealed';
                } catch (e) { return e.constructor.name; }
            }""",
            [other, key_id_of(public)],
        )
        assert refused == "KeyMismatch"


def test_the_photo_check_refuses_blur_glare_and_cut_corners(open_server, office_key, tmp_path):
    """A card in front of the camera is accepted; blurred, glare and cut-off photos are refused."""
    import io

    import numpy as np
    from PIL import Image

    from .capture_browser import write_y4m
    from .test_endpoint import new_request

    created = new_request(open_server, office_key, methods=(Method.HO,))
    shots = document_photos()
    samples = {
        "front": shots["front"], "back": shots["back"], "blurred": blurred(shots["front"]),
        "glare": with_glare(shots["front"]), "cut": cut_off(shots["front"]),
    }
    card = np.asarray(Image.open(io.BytesIO(shots["front"])).convert("RGB").resize((640, 480)))
    with chromium(write_y4m(tmp_path / "card.y4m", [card] * 15)) as browser:
        page = phone_page(browser)
        page.goto(created.link)
        page.wait_for_selector("body[data-screen=consent]")
        page.check("#agree")
        page.click("#start")
        page.click("#method-next")
        page.wait_for_selector("body[data-camera=ready]")
        page.click("#doc-shoot")
        page.wait_for_selector("#doc-quality.ok")
        assert page.is_visible("#doc-accept") and page.get_attribute("#doc-quality", "data-problems") == ""
        verdicts = page.evaluate(
            """async (samples) => {
                const q = await import('../capture/quality.js');
                const out = {};
                for (const [name, data] of Object.entries(samples)) {
                    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
                    const bitmap = await createImageBitmap(new Blob([bytes], {type: 'image/jpeg'}));
                    const h = Math.round(q.LIMITS.width * bitmap.height / bitmap.width);
                    const canvas = new OffscreenCanvas(q.LIMITS.width, h);
                    const ctx = canvas.getContext('2d');
                    ctx.drawImage(bitmap, 0, 0, q.LIMITS.width, h);
                    const v = q.checkPhoto(ctx.getImageData(0, 0, q.LIMITS.width, h));
                    out[name] = {problems: v.problems, sharpness: v.sharpness, glare: v.glare, box: v.box};
                }
                return out;
            }""",
            {k: b64(v) for k, v in samples.items()},
        )
    problems = {k: v["problems"] for k, v in verdicts.items()}
    assert problems["front"] == [] and problems["back"] == [], verdicts
    assert "blur" in problems["blurred"], verdicts
    assert problems["glare"] == ["glare"], verdicts
    assert problems["cut"] == ["corners"], verdicts


def capture_journey(page, link: str, shots: dict[str, bytes], tmp_path, send: Callable[[], None] | None = None) -> str:
    """A client going through the page: consent, ホ with a driver's licence, three document photos
    (chosen as files: the fake camera plays the selfie clip), the selfie, review, send. Returns the
    submission id the end screen shows."""
    page.goto(link)
    page.wait_for_selector("body[data-screen=consent]")
    page.check("#agree")
    page.click("#start")
    page.check("input[value=driver_licence]")
    page.click("#method-next")
    page.wait_for_selector("body[data-camera=ready]")
    page.click("#doc-shoot")  # the camera sees a face, not a card: refused, only a retake is offered
    page.wait_for_selector("#doc-quality.bad")
    assert "corners" in page.get_attribute("#doc-quality", "data-problems")
    assert page.is_hidden("#doc-accept") and page.is_visible("#doc-retake")
    page.click("#doc-retake")
    for n, name in enumerate(("front", "back", "thickness")):
        page.wait_for_selector("body[data-screen=document]")
        assert page.text_content("#doc-step") == f"{n + 1} / 3"
        path = tmp_path / f"{name}.jpg"
        path.write_bytes(shots[name])
        page.set_input_files("#doc-file", str(path))
        page.wait_for_selector("#doc-accept:not([hidden])")
        page.click("#doc-accept")
    page.wait_for_selector("body[data-screen=selfie]")
    page.wait_for_selector("body[data-camera=ready]")
    page.click("#selfie-start")
    page.wait_for_selector("body[data-screen=review]", timeout=60_000)
    (send or (lambda: page.click("#send")))()
    page.wait_for_selector("body[data-screen=done]", timeout=60_000)
    return page.get_attribute("body", "data-submission")


def test_a_client_submits_from_the_page_and_the_desk_verifies_it(open_server, tmp_path):
    """Real photos of one person doing the request's actions through the fake camera: the desk pulls,
    decrypts, and the face match and liveness pass; the link is then used, and the page says so."""
    desk = make_desk(tmp_path, open_server.url, open_server.desk_token)
    request = desk.sync.create_request((Method.HO,), person=taro(), liveness=LIVENESS)
    clip = genuine_clip(tmp_path / "live.y4m", LIVENESS)
    requests: list[str] = []
    with chromium(clip) as browser:
        page = phone_page(browser)
        page.on("request", lambda r: requests.append(r.url))
        submission_id = capture_journey(page, request.link, document_photos(), tmp_path)
        assert submission_id and submission_id in page.text_content("#receipt")
        assert all(url.startswith(open_server.url + "/") or url.startswith("blob:") for url in requests), requests

        # what travelled is the ホ submission the page built, sealed to the office key
        envelope = open_server.store  # the endpoint holds ciphertext only
        assert envelope.counts()["submissions"] == 1
        result = desk.sync.pull(desk.store, anchors=desk.anchors, faces=EngineFaceChecker())
        [item] = result.items
        assert item.outcome == IMPORTED, [e.reason for e in desk.sync.quarantine.entries()]
        record = desk.store.get(item.record_id)
        checks = {c.name: c.verdict for c in record.report}
        assert checks["submission.envelope"] is Verdict.VALID
        assert checks["face.match"] is Verdict.CONSISTENT, record.report
        assert checks["face.liveness"] is Verdict.CONSISTENT, record.report
        assert {e.label for e in record.evidence} >= {"front", "back", "thickness"}

        # the link is used now: opening it again says so, and offers nothing to capture
        page.goto("about:blank")
        page.goto(request.link)
        page.wait_for_selector("body[data-screen=error]")
        assert page.get_attribute("body", "data-error") == "link_used"
        assert "既に使用されています" in page.text_content("#error-text")
        page.click("#lang")
        assert "already been used" in page.text_content("#error-text")


def test_a_still_photo_in_front_of_the_camera_fails_liveness(open_server, tmp_path):
    desk = make_desk(tmp_path, open_server.url, open_server.desk_token)
    request = desk.sync.create_request((Method.HO,), person=taro(), liveness=LIVENESS)
    clip = still_clip(tmp_path / "still.y4m")
    posts: list[str] = []
    with chromium(clip) as browser:
        page = phone_page(browser)
        page.on("request", lambda r: posts.append(r.method) if "/v1/submit/" in r.url and r.method == "POST" else None)

        def send_while_offline() -> None:
            """The network drops as the client presses send: the page waits, and sends when it is back."""
            page.context.set_offline(True)
            page.click("#send")
            page.wait_for_function("() => document.getElementById('upload-text').dataset.t === 'upload.offline'")
            assert "通信が切れました" in page.text_content("#upload-text")
            page.context.set_offline(False)

        capture_journey(page, request.link, document_photos(), tmp_path, send=send_while_offline)
    assert len(posts) == 2  # the one lost with the network, and the one that arrived
    [item] = desk.sync.pull(desk.store, anchors=desk.anchors, faces=EngineFaceChecker()).items
    checks = {c.name: c.verdict for c in desk.store.get(item.record_id).report}
    assert checks["face.match"] is Verdict.CONSISTENT  # the right face ...
    assert checks["face.liveness"] is Verdict.MISMATCH  # ... but no live person
    assert "face.liveness" in item.flagged


def test_camera_denied_and_an_expired_link_are_explained(open_server, tmp_path):
    desk = make_desk(tmp_path, open_server.url, open_server.desk_token)
    request = desk.sync.create_request((Method.HO,), person=taro(), liveness=LIVENESS)
    with chromium(camera_allowed=False) as browser:
        page = phone_page(browser)
        page.goto(request.link)
        page.wait_for_selector("body[data-screen=consent]")
        page.check("#agree")
        page.click("#start")
        page.click("#method-next")
        page.wait_for_selector("body[data-screen=error]")
        assert page.get_attribute("body", "data-error") == "camera_denied"
        assert "カメラの使用が許可されていません" in page.text_content("#error-text")
        assert page.is_visible("#error-retry")

        open_server.config.clock = lambda: time.time() + 4 * 24 * 3600  # past the request's expiry
        page.goto("about:blank")
        page.goto(request.link)
        page.wait_for_selector("body[data-screen=error]")
        assert page.get_attribute("body", "data-error") == "link_expired"
        # from 2027-04-01 (Japan time) the page says ホ has ended, before anything is captured
        open_server.config.clock = time.time
        page.clock.set_fixed_time(dt.datetime(2027, 3, 31, 15, 0, tzinfo=dt.UTC))  # 00:00 on 1 April in Japan
        page.goto("about:blank")
        page.goto(request.link)
        page.wait_for_selector("body[data-screen=error]")
        assert page.get_attribute("body", "data-error") == "method_not_allowed"
        assert "2027年4月1日以降" in page.text_content("#error-text")
        page.clock.set_fixed_time(dt.datetime(2027, 3, 31, 14, 59, tzinfo=dt.UTC))  # 23:59 on 31 March
        page.goto("about:blank")
        page.goto(request.link)
        page.wait_for_selector("body[data-screen=consent]")

        # a link whose #k= names another key is stopped before anything is captured
        page.goto("about:blank")
        page.goto(request.link.split("#")[0] + "#k=" + "0" * 32)
        page.wait_for_selector("body[data-screen=error]")
        assert page.get_attribute("body", "data-error") == "key_mismatch"
