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

from kyc_desk.records.model import (
    Client,
    MatterRecord,
    MeetingRecord,
    Person,
    StoredParty,
    StoredTransaction,
    VerificationRecord,
    VerificationSummary,
)


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
        "identity_result": s.identity_result.value if s.identity_result else None,
        "engagement": s.engagement.value if s.engagement else None,
        "matter_id": s.matter_id,
        "high_risk": s.high_risk,
    }


def party_to_json(p: StoredParty) -> dict[str, Any]:
    return {"client": client_to_json(p.client), "role": p.role.value, "role_note": p.role_note}


def matter_to_json(m: MatterRecord) -> dict[str, Any]:
    return {
        "id": m.id,
        "client_id": m.client_id,
        "reference": m.matter.reference,
        "title": m.matter.title,
        "kind": m.matter.kind,
        "opened_on": _iso(m.matter.opened_on),
        "ended_on": _iso(m.matter.ended_on),
        "note": m.note,
        "retention_until": _iso(m.retention_until),
        "parties": [party_to_json(p) for p in m.parties],
    }


def transaction_to_json(t: StoredTransaction) -> dict[str, Any]:
    e = t.entry
    return {
        "id": t.id,
        "matter_id": t.matter_id,
        "verification_id": t.verification_id,
        "transacted_on": e.transacted_on.isoformat(),
        "kind": e.kind,
        "amount_yen": e.amount_yen,
        "property_from": e.property_from,
        "property_to": e.property_to,
        "note": e.note,
    }


def meeting_to_json(m: MeetingRecord) -> dict[str, Any]:
    return {
        "id": m.id,
        "matter_id": m.matter_id,
        "starts_at": m.starts_at.isoformat(),
        "ends_at": _iso(m.ends_at),
        "status": m.status.value,
        "mode": m.mode.value,
        "place": m.place,
        "platform": m.platform,
        "url": m.url,
        "meeting_id": m.meeting_code,
        "passcode": m.passcode,
        "attendees": [party_to_json(p) for p in m.attendees],
        "staff": list(m.staff),
        "confirmed": sorted(c.value for c in m.confirmed),
        "minutes_kind": m.minutes_kind,
        "minutes": dict(m.minutes),
        "notes": m.notes,
        "verifications": list(m.verifications),
        "recorded_by": m.recorded_by,
        "created_at": m.created_at.isoformat(),
        "updated_at": m.updated_at.isoformat(),
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
        "documents": [
            {
                "id": d.id,
                "kind": d.kind,
                "purpose": d.purpose.value,
                "number": d.number,
                "issued_on": _iso(d.issued_on),
                "expires_on": _iso(d.expires_on),
                "note": d.note,
                "evidence_id": d.evidence_id,
            }
            for d in r.documents
        ],
        "mailing": None
        if r.mailing is None
        else {
            "mailed_at": r.mailing.mailed_at.isoformat(),
            "tracking_number": r.mailing.tracking_number,
            "address": r.mailing.address,
            "outcome": r.mailing.outcome.value if r.mailing.outcome else None,
            "outcome_on": _iso(r.mailing.outcome_on),
        },
        "reliance": None
        if r.reliance is None
        else {
            "verification_id": r.reliance.verification_id,
            "matched_by": r.reliance.matched_by.value,
            "note": r.reliance.note,
        },
        "high_risk": None
        if r.high_risk is None
        else {"reasons": [x.value for x in r.high_risk.reasons], "note": r.high_risk.note},
        "identity": None
        if r.identity is None
        else {
            "result": r.identity.result.value,
            "decided_by": r.identity.decided_by,
            "decided_at": r.identity.decided_at.isoformat(),
            "reasons": [{"check": g.check, "reason": g.reason} for g in r.identity.reasons],
            "note": r.identity.note,
        },
        "engagement": None
        if r.engagement is None
        else {
            "engagement": r.engagement.engagement.value,
            "decided_by": r.engagement.decided_by,
            "decided_at": r.engagement.decided_at.isoformat(),
            "note": r.engagement.note,
        },
        "meetings": list(r.meetings),
    }
