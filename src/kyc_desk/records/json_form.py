"""The JSON form of records (``kyc-desk records … --json``): plain dicts with stable keys.

Evidence is listed with its metadata (kind, label, media type, size, SHA-256), never its bytes.

The form is neutral: checks are ``{name, status, reason, params}`` and face results carry their metric
(``distance`` or ``similarity``), value, threshold, engine and engine version and reason codes — no
sentence in any language, so the JSON of a record is the same whichever desk saved it and whoever reads
it (the export reads the same form).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kyc_desk.records.model import Client, Person, VerificationRecord, VerificationSummary


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def person_to_json(person: Person) -> dict[str, Any]:
    return {
        "kind": person.kind.value,
        "name": person.name,
        "name_kana": person.name_kana,
        "birth_date": _iso(person.birth_date),
        "address": person.address,
        "occupation": person.occupation,
    }


def client_to_json(client: Client) -> dict[str, Any]:
    return {"id": client.id, **person_to_json(client.person)}


def summary_to_json(s: VerificationSummary) -> dict[str, Any]:
    return {
        "id": s.id,
        "external_id": s.external_id,
        "client_name": s.client_name,
        "subject_name": s.subject_name,
        "method": s.method.value,
        "status": s.status.value,
        "document_type": s.document_type,
        "verified_on": s.verified_on.isoformat(),
        "decision": s.decision.value if s.decision else None,
        "retention_until": _iso(s.retention_until),
    }


def record_to_json(r: VerificationRecord) -> dict[str, Any]:
    matter = r.matter
    return {
        "id": r.id,
        "external_id": r.external_id,
        "client": client_to_json(r.client),
        "subject": client_to_json(r.subject),
        "subject_role": r.subject_role.value,
        "authority": r.authority,
        "matter": None
        if matter is None
        else {
            "id": matter.id,
            "reference": matter.matter.reference,
            "title": matter.matter.title,
            "kind": matter.matter.kind,
            "opened_on": _iso(matter.matter.opened_on),
            "ended_on": _iso(matter.matter.ended_on),
        },
        "method": r.method.value,
        "method_letter": r.method.rule.letter,
        "method_article": r.method.rule.article,
        "status": r.status.value,
        "events": {event.value: at.isoformat() for event, at in r.events.items()},
        "document_type": r.document_type,
        "document_number": r.document_number,
        "document_has_chip": r.document_has_chip,
        "purpose": r.purpose,
        "checked_by": r.checked_by,
        "recorded_by": r.recorded_by,
        "verified_on": r.verified_on.isoformat(),
        "evidence": [
            {
                "id": e.id,
                "kind": e.kind.value,
                "label": e.label,
                "media_type": e.media_type,
                "size": e.size,
                "sha256": e.sha256,
                "captured_at": _iso(e.captured_at),
            }
            for e in r.evidence
        ],
        "item_checks": [
            {
                "item": c.item,
                "result": c.result.value,
                "confirmed_by": c.confirmed_by,
                "document_value": c.document_value,
                "stated_value": c.stated_value,
                "note": c.note,
                "note_reason": c.note_reason,
            }
            for c in r.item_checks
        ],
        "face_results": [
            {
                "kind": f.kind.value,
                "engine": f.engine,
                "engine_version": f.engine_version,
                "verdict": f.verdict.value,
                "metric": f.metric.value if f.metric else None,
                "value": f.value,
                "threshold": f.threshold,
                "reasons": list(f.reasons),
            }
            for f in r.face_results
        ],
        "checks": [c.to_json() for c in r.report],
        "decision": None
        if r.decision is None
        else {
            "decision": r.decision.decision.value,
            "decided_by": r.decision.decided_by,
            "decided_at": r.decision.decided_at.isoformat(),
            "reason": r.decision.reason,
        },
        "transactions": [
            {
                "transacted_on": t.transacted_on.isoformat(),
                "kind": t.kind,
                "amount_yen": t.amount_yen,
                "property_from": t.property_from,
                "property_to": t.property_to,
                "note": t.note,
            }
            for t in r.transactions
        ],
        "notes": [
            {"written_at": n.written_at.isoformat(), "author": n.author, "place": n.place, "text": n.text}
            for n in r.notes
        ],
        "retention_until": _iso(r.retention_until),
        "created_at": r.created_at.isoformat(),
    }
