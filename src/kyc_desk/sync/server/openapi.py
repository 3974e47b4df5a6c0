"""The endpoint's OpenAPI 3.1 description, written by hand and served at ``/openapi.json``.

tests/sync/test_openapi.py keeps it and the routes of :mod:`.app` in step, and runs schemathesis against
a live server with it.
"""

from __future__ import annotations

import itertools
from typing import Any, Final

_ERROR: Final = {"$ref": "#/components/schemas/Error"}


def _err(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ERROR}}}


_DESK_ERRORS: Final = {
    "401": _err("missing or unknown desk token"),
    "429": _err("rate limited (see Retry-After)"),
}
_LINK_ERRORS: Final = {
    "404": _err("unknown link"),
    "409": _err("link already used"),
    "410": _err("link expired"),
    "429": _err("rate limited (see Retry-After)"),
}
_ID: Final = {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,64}$"}
_LINK_TOKEN: Final = {"type": "string", "pattern": "^[A-Za-z0-9_-]{20,128}$"}
_METHOD: Final = {"type": "string", "enum": ["he", "ho", "wa"], "description": "ヘ, ホ, ワ (犯収法施行規則6条1項1号)"}
_TIME: Final = {"type": "string", "format": "date-time"}
_ACTIONS: Final = ("blink", "turn_left", "turn_right")
_LIVENESS: Final = {
    "type": "string",
    # every challenge the endpoint accepts: up to three actions, none twice (a pattern cannot say "none twice")
    "enum": ["", *(",".join(p) for n in (1, 2, 3) for p in itertools.permutations(_ACTIONS, n))],
    "description": "the liveness challenge the selfie must perform, in order (chosen by the desk); no action twice",
}

SPEC: Final[dict[str, Any]] = {
    "openapi": "3.1.0",
    "info": {
        "title": "KYC Desk submission endpoint",
        "version": "1.0.0",
        "description": (
            "Relays encrypted identity-verification submissions from clients' phones to the office's desks. "
            "It stores request metadata and ciphertext only. See docs/sync-server.md and "
            "docs/submission-format.md."
        ),
    },
    "servers": [{"url": "/"}],
    "components": {
        "securitySchemes": {"desk": {"type": "http", "scheme": "bearer", "description": "per-desk token"}},
        "schemas": {
            "Error": {
                "type": "object",
                "required": ["error", "message"],
                "properties": {"error": {"type": "string"}, "message": {"type": "string"}},
            },
            "NewRequest": {
                "type": "object",
                "required": ["methods", "office_public_key"],
                "additionalProperties": False,
                "properties": {
                    "methods": {"type": "array", "items": _METHOD, "minItems": 1, "maxItems": 3, "uniqueItems": True},
                    "office_public_key": {
                        "type": "string",
                        "pattern": "^[A-Za-z0-9_-]{43}$",
                        "description": "X25519 public key, 32 bytes, unpadded base64url",
                    },
                    "expires_in_minutes": {"type": "integer", "minimum": 10, "maximum": 43200, "default": 4320},
                    "reference": {"type": "string", "pattern": "^[A-Za-z0-9._:-]{0,64}$",
                                  "description": "opaque desk reference; never personal data"},
                    "liveness": _LIVENESS,
                },
            },
            "Request": {
                "type": "object",
                "required": ["request_id", "status", "methods", "key_id", "reference", "liveness", "created_at",
                             "expires_at", "submission_id"],
                "properties": {
                    "request_id": {"type": "string"},
                    "status": {"type": "string", "enum": ["open", "submitted", "claimed"]},
                    "methods": {"type": "array", "items": _METHOD},
                    "key_id": {"type": "string"},
                    "reference": {"type": "string"},
                    "liveness": {"type": "string"},
                    "created_at": _TIME,
                    "expires_at": _TIME,
                    "submission_id": {"type": ["string", "null"]},
                },
            },
            "CreatedRequest": {
                "allOf": [
                    {"$ref": "#/components/schemas/Request"},
                    {
                        "type": "object",
                        "required": ["link", "link_token", "challenge"],
                        "properties": {
                            "link": {"type": "string", "description": "one-time link to send to the client"},
                            "link_token": {"type": "string"},
                            "challenge": {"type": "string", "description": "what a ワ submission signs"},
                        },
                    },
                ]
            },
            "LinkInfo": {
                "type": "object",
                "required": ["request_id", "methods", "expires_at", "challenge", "liveness", "office_public_key",
                             "key_id", "suite", "max_upload_bytes"],
                "properties": {
                    "request_id": {"type": "string"},
                    "methods": {"type": "array", "items": _METHOD},
                    "expires_at": _TIME,
                    "challenge": {"type": "string"},
                    "liveness": {"type": "string", "description": "actions the selfie frames must show, in order"},
                    "office_public_key": {"type": "string"},
                    "key_id": {"type": "string"},
                    "suite": {"type": "string"},
                    "max_upload_bytes": {"type": "integer"},
                },
            },
            "Received": {
                "type": "object",
                "required": ["submission_id", "received_at", "uploads_left"],
                "properties": {
                    "submission_id": {"type": "string"}, "received_at": _TIME,
                    "uploads_left": {"type": "integer", "minimum": 0,
                                     "description": "further uploads that would replace this one (until a desk "
                                                    "downloads it)"},
                },
            },
            "SubmissionInfo": {
                "type": "object",
                "required": ["submission_id", "request_id", "method", "size", "sha256", "received_at"],
                "properties": {
                    "submission_id": {"type": "string"},
                    "request_id": {"type": "string"},
                    "method": _METHOD,
                    "size": {"type": "integer"},
                    "sha256": {"type": "string"},
                    "received_at": _TIME,
                },
            },
        },
    },
    "paths": {
        "/healthz": {
            "get": {
                "operationId": "health",
                "summary": "liveness probe",
                "responses": {"200": {"description": "up", "content": {"application/json": {"schema": {
                    "type": "object", "required": ["status"], "properties": {"status": {"const": "ok"}}}}}}},
            }
        },
        "/openapi.json": {
            "get": {
                "operationId": "openapi",
                "summary": "this description",
                "responses": {"200": {"description": "OpenAPI document",
                                      "content": {"application/json": {"schema": {"type": "object"}}}}},
            }
        },
        "/v1/requests": {
            "post": {
                "operationId": "createRequest",
                "summary": "create a verification request and its one-time link (desk)",
                "security": [{"desk": []}],
                "requestBody": {"required": True, "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/NewRequest"}}}},
                "responses": {
                    "201": {"description": "created", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/CreatedRequest"}}}},
                    "400": _err("invalid body"),
                    "413": _err("body too large"),
                    "415": _err("not JSON"),
                    "422": _err("a method is not allowed on this date (ホ from 2027-04-01)"),
                    **_DESK_ERRORS,
                },
            }
        },
        "/v1/requests/{request_id}": {
            "get": {
                "operationId": "getRequest",
                "summary": "a request's status (desk)",
                "security": [{"desk": []}],
                "parameters": [{"name": "request_id", "in": "path", "required": True, "schema": _ID}],
                "responses": {
                    "200": {"description": "the request", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/Request"}}}},
                    "404": _err("no such request"),
                    **_DESK_ERRORS,
                },
            }
        },
        "/v1/submit/{link_token}": {
            "parameters": [{"name": "link_token", "in": "path", "required": True, "schema": _LINK_TOKEN}],
            "get": {
                "operationId": "getLink",
                "summary": "what the client needs to build and encrypt a submission (link holder)",
                "responses": {
                    "200": {"description": "request details", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/LinkInfo"}}}},
                    **_LINK_ERRORS,
                },
            },
            "post": {
                "operationId": "upload",
                "summary": "upload the encrypted submission; a later upload replaces it until a desk downloads it "
                           "(at most 3 per link) (link holder)",
                "requestBody": {"required": True, "content": {"application/octet-stream": {
                    "schema": {"type": "string", "format": "binary"}}}},
                "responses": {
                    "201": {"description": "stored", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/Received"}}}},
                    "400": _err("malformed envelope (the link is not used up)"),
                    "408": _err("the body stalled or arrived too slowly"),
                    "413": _err("envelope too large"),
                    "415": _err("not application/octet-stream"),
                    "422": _err("envelope for another request or key, or a method the request or date refuses"),
                    "503": _err("too many uploads in progress (see Retry-After)"),
                    **_LINK_ERRORS,
                },
            },
        },
        "/s/{link_token}": {
            "parameters": [{"name": "link_token", "in": "path", "required": True, "schema": _LINK_TOKEN}],
            "get": {
                "operationId": "capturePage",
                "summary": "the capture page a phone's browser opens (does not use the link up); a refused "
                           "link gets the same page with the refusal's status, and the page explains it",
                "responses": {
                    code: {"description": what, "content": {"text/html": {"schema": {"type": "string"}}}}
                    for code, what in (("200", "the capture page"), ("404", "unknown link"),
                                       ("409", "link already used"), ("410", "link expired"),
                                       ("429", "rate limited"))
                },
            },
        },
        "/capture/{asset}": {
            "parameters": [{"name": "asset", "in": "path", "required": True, "schema": {"type": "string"}}],
            "get": {
                "operationId": "captureAsset",
                "summary": "the capture page's scripts and style sheet (a fixed list of files)",
                "responses": {
                    "200": {"description": "the file", "content": {
                        "text/javascript": {"schema": {"type": "string"}},
                        "text/css": {"schema": {"type": "string"}}}},
                    "404": _err("no such file"),
                },
            },
        },
        "/v1/submissions": {
            "get": {
                "operationId": "listSubmissions",
                "summary": "submissions waiting for this office (desk)",
                "security": [{"desk": []}],
                "responses": {
                    "200": {"description": "pending submissions", "content": {"application/json": {"schema": {
                        "type": "object", "required": ["submissions"],
                        "properties": {"submissions": {"type": "array",
                                                       "items": {"$ref": "#/components/schemas/SubmissionInfo"}}},
                    }}}},
                    **_DESK_ERRORS,
                },
            }
        },
        "/v1/submissions/{submission_id}": {
            "parameters": [{"name": "submission_id", "in": "path", "required": True, "schema": _ID}],
            "get": {
                "operationId": "downloadSubmission",
                "summary": "the encrypted envelope (desk)",
                "security": [{"desk": []}],
                "responses": {
                    "200": {"description": "envelope bytes", "content": {"application/octet-stream": {
                        "schema": {"type": "string", "format": "binary"}}}},
                    "404": _err("no such submission"),
                    **_DESK_ERRORS,
                },
            },
            "delete": {
                "operationId": "confirmSubmission",
                "summary": "confirm the desk has stored it; the endpoint deletes it (idempotent) (desk)",
                "security": [{"desk": []}],
                "responses": {
                    "204": {"description": "deleted (or already confirmed)"},
                    "404": _err("no such submission"),
                    **_DESK_ERRORS,
                },
            },
        },
    },
}
