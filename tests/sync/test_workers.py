"""Several uvicorn workers on PostgreSQL: the round trip works whichever worker answers, and the rate limits
are one count for all workers that survives a restart (the 31st link call in a minute gets 429)."""

from __future__ import annotations

import secrets

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric import x25519

from kyc_desk.sync.client import DeskClient, LinkClient
from kyc_desk.sync.envelope import encode_public_key, seal
from kyc_desk.sync.format import Method, build_submission
from kyc_desk.sync.submitter import jpki_parts

from .endpoint_process import children_of, run_endpoint

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


@pytest.fixture
def fresh_database(postgres_server) -> str:
    """A database of its own on the session's server (no rate events from other tests)."""
    import psycopg

    name = f"kyc_desk_workers_{secrets.token_hex(4)}"
    with psycopg.connect(host="127.0.0.1", port=postgres_server.port, user="postgres", dbname="postgres",
                         autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return postgres_server.url.rsplit("/", 1)[0] + "/" + name


def test_three_workers_share_rate_limits_that_survive_a_restart(tmp_path, fresh_database):
    key = x25519.X25519PrivateKey.generate()
    options = ("--workers", "3", "--trusted-proxy", "127.0.0.1")
    with run_endpoint(tmp_path, *options, database=fresh_database) as ep:
        assert len(children_of(ep.process.pid)) >= 3  # the supervisor's worker processes
        with DeskClient(ep.url, ep.desk_token) as desk:
            created = desk.create_request((Method.WA,), encode_public_key(key.public_key()))
        sub = build_submission(request_id=created.request_id, method=Method.WA, document=None,
                               parts=jpki_parts(b"\x01" * 256, b"\x30" * 300))
        with LinkClient(created.link) as phone:
            sid = phone.upload(seal(sub, key.public_key()))
        with DeskClient(ep.url, ep.desk_token) as desk:
            assert [p.submission_id for p in desk.pending()] == [sid]
            assert len(desk.download(sid)) > 256
            desk.confirm(sid)

        with DeskClient(ep.url, ep.desk_token) as desk:
            other = desk.create_request((Method.WA,), encode_public_key(key.public_key()))
        token = other.link.split("/s/")[1].split("#")[0]
        client = {"X-Forwarded-For": "203.0.113.5"}  # one client address (through the trusted proxy)
        # a new connection per call, so the kernel hands them to whichever worker accepts first
        statuses = [httpx.get(f"{ep.url}/v1/submit/{token}", headers=client).status_code for _ in range(31)]
        assert statuses[:30] == [200] * 30 and statuses[30] == 429
        port = int(ep.url.rsplit(":", 1)[1])

    # a restart forgets nothing: the same address is still refused, another is not
    with run_endpoint(tmp_path, *options, database=fresh_database, port=port) as ep:
        refused = httpx.get(f"{ep.url}/v1/submit/{token}", headers=client)
        assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
        assert httpx.get(f"{ep.url}/v1/submit/{token}", headers={"X-Forwarded-For": "198.51.100.1"}
                         ).status_code == 200
