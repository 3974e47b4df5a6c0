"""The OpenAPI description matches the routes, is what the server serves, and schemathesis finds no failure.

schemathesis generates requests from the description (valid and invalid ones) and sends them to a live
server on loopback, checking status codes, content types and response bodies against the description,
and that nothing answers 5xx. Examples are bounded so the run stays within a few seconds per operation.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from kyc_desk.sync.server.openapi import SPEC

from .conftest import LiveServer, serve

schema = schemathesis.openapi.from_dict(SPEC)


@pytest.fixture(scope="module")
def api_server(tmp_path_factory) -> Iterator[LiveServer]:
    from kyc_desk.sync.server import Limits, ServerConfig

    db = tmp_path_factory.mktemp("openapi") / "endpoint.db"
    with serve(ServerConfig(database_url=f"sqlite:///{db}", limits=Limits.off())) as live:
        yield live


def test_every_route_is_described_and_nothing_else(api_server):
    from starlette.routing import Route

    app_routes = set()
    from kyc_desk.sync.server import ServerConfig, create_app

    app = create_app(ServerConfig(database_url="sqlite://"))
    for route in app.routes:
        assert isinstance(route, Route)
        for method in route.methods or ():
            if method != "HEAD":
                app_routes.add((route.path, method.lower()))
    described = {
        (path, method) for path, item in SPEC["paths"].items() for method in item if method != "parameters"
    }
    assert app_routes == described


def test_served_description_is_the_spec(api_server):
    assert httpx.get(f"{api_server.url}/openapi.json").json() == SPEC


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_description(case, api_server):
    case.call_and_validate(base_url=api_server.url, headers={"Authorization": f"Bearer {api_server.desk_token}"})
