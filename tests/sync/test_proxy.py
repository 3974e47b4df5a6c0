"""The deployment recipe as it runs: nginx with TLS in front of ``kyc-desk sync-server serve``, and the
systemd unit's command line.

The round trip — a desk creates a request, a phone uploads through the link, the desk pulls and confirms
— goes through nginx on loopback with a certificate made for the test; the endpoint believes nginx's
``X-Forwarded-For`` (``--trusted-proxy 127.0.0.1``) and nginx replaces whatever a client puts there.
"""

from __future__ import annotations

import configparser
import shlex

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric import x25519

from kyc_desk.sync.client import DeskClient, LinkClient
from kyc_desk.sync.envelope import encode_public_key, open_envelope, seal
from kyc_desk.sync.format import Method, build_submission
from kyc_desk.sync.submitter import jpki_parts

from .endpoint_process import ROOT, free_port, run_endpoint
from .proxy import run_nginx

pytestmark = pytest.mark.slow


def test_round_trip_through_nginx_with_tls(tmp_path):
    key = x25519.X25519PrivateKey.generate()
    port = free_port()
    with run_endpoint(tmp_path / "home", "--trusted-proxy", "127.0.0.1",
                      public_url=f"https://127.0.0.1:{port}") as ep, \
            run_nginx(tmp_path / "nginx", ep.url.removeprefix("http://"), port=port) as proxy:
        transport = httpx.HTTPTransport(verify=proxy.ssl_context())
        with DeskClient(proxy.url, ep.desk_token, transport=transport) as desk:
            created = desk.create_request((Method.WA,), encode_public_key(key.public_key()))
        assert created.link.startswith(proxy.url + "/s/")
        sub = build_submission(request_id=created.request_id, method=Method.WA, document=None,
                               parts=jpki_parts(b"\x01" * 256, b"\x30" * 300))
        with LinkClient(created.link, transport=httpx.HTTPTransport(verify=proxy.ssl_context())) as phone:
            assert phone.info().request_id == created.request_id
            sid = phone.upload(seal(sub, key.public_key()))
        with DeskClient(proxy.url, ep.desk_token, transport=httpx.HTTPTransport(verify=proxy.ssl_context())) as desk:
            [pending] = desk.pending()
            assert pending.submission_id == sid
            assert open_envelope(desk.download(sid), key).request_id == created.request_id
            desk.confirm(sid)
            assert desk.pending() == []

        with httpx.Client(base_url=proxy.url, verify=proxy.ssl_context()) as client:
            # nginx answers oversized bodies itself (client_max_body_size), before the endpoint sees them
            big = client.post("/v1/submit/" + "a" * 43, content=b"\0" * (14 * 1024 * 1024),
                              headers={"Content-Type": "application/octet-stream"})
            assert big.status_code == 413
            # forged X-Forwarded-For is replaced by nginx: every guess counts against the one real address
            statuses = [client.get(f"/v1/submit/{'q' * 41}{i:02d}", headers={"X-Forwarded-For": f"192.0.2.{i}"}
                                   ).status_code for i in range(21)]
            assert statuses[:20] == [404] * 20 and statuses[20] == 429
            # the link traffic did not lock the desk out
            assert client.get("/v1/submissions", headers={"Authorization": f"Bearer {ep.desk_token}"}
                              ).status_code == 200
            assert client.get("/healthz").headers.get("strict-transport-security")
        assert "Traceback" not in ep.log_text()


def test_the_systemd_unit_runs_a_valid_command_line():
    from kyc_desk.cli.main import build_parser

    unit = configparser.ConfigParser(interpolation=None, strict=False)
    unit.optionxform = str  # type: ignore[assignment,method-assign]
    unit.read(ROOT / "deploy" / "sync-server" / "kyc-desk-sync.service", encoding="utf-8")
    service = unit["Service"]
    argv = shlex.split(service["ExecStart"])
    assert argv[0].endswith("/kyc-desk")
    args = build_parser().parse_args(argv[1:])
    assert (args.command, args.server_action, args.workers) == ("sync-server", "serve", 3)
    assert args.trusted_proxy == ["127.0.0.1"] and args.host == "127.0.0.1"
    assert service["UMask"] == "0077" and service["NoNewPrivileges"] == "yes"
