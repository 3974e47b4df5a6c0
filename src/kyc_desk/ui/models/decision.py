"""判断の規則 — when the split decision can be saved, for the desk flow and for a saved record (no Qt).

The decision step asks the same of every verification, whether it is about to be saved at the desk
(:class:`~kyc_desk.ui.models.flow.DeskFlow`) or was imported and waits for review (:class:`RecordDecision`,
the remote review): a result and an engagement chosen, a reason for every gap before 確認済み, some reason
for any other result, no 受任する without 確認済み, 確認済み refused while a high-risk case lacks its
additional document, and 確認者 / 記録作成者 chosen. The store enforces the same rules again
(:mod:`kyc_desk.records.decision`); here they only tell the scrivener what is missing before saving.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kyc_desk.records.model import Engagement, IdentityResult


def decision_problem(
    result: IdentityResult | None,
    engagement: Engagement | None,
    *,
    gaps: Collection[str],
    gap_reasons: Mapping[str, str],
    result_reason: str,
    high_risk_unresolved: bool,
    checked_by: str,
    recorded_by: str,
) -> str | None:
    """Why the decision cannot be saved as it stands (a code the view words), or ``None``.

    ``result``/``engagement``: not chosen; ``high_risk``: 確認済み without the additional document;
    ``reason``: 確認済み with a gap that has no reason, or another result with no reason at all;
    ``accept_unconfirmed``: taking the engagement without the identity confirmed; ``operators``: 確認者 or
    記録作成者 not chosen.
    """
    from kyc_desk.records.model import Engagement, IdentityResult

    if result is None:
        return "result"
    if engagement is None:
        return "engagement"
    confirmed = result is IdentityResult.CONFIRMED
    if confirmed and high_risk_unresolved:
        return "high_risk"
    explained = {key for key, reason in gap_reasons.items() if reason.strip()}
    if confirmed and any(key not in explained for key in gaps):
        return "reason"
    if not confirmed and not explained & set(gaps) and not result_reason.strip():
        return "reason"
    if engagement is Engagement.ACCEPTED and not confirmed:
        return "accept_unconfirmed"
    if not checked_by.strip() or not recorded_by.strip():
        return "operators"
    return None


@dataclass
class RecordDecision:
    """The split decision on a saved verification (an imported submission under review): its gaps as the
    store names them (:meth:`~kyc_desk.app.caseload.CaseloadService.gaps`) and what the scrivener chose.
    ``recorded_by`` is the record's own 記録作成者 (the review does not change it)."""

    gap_keys: tuple[str, ...]
    recorded_by: str
    high_risk_unresolved: bool = False
    result: IdentityResult | None = None
    engagement: Engagement | None = None
    gap_reasons: dict[str, str] = field(default_factory=dict)
    result_reason: str = ""
    checked_by: str = ""

    def gaps(self, today: dt.date) -> tuple[str, ...]:
        """The gaps (``today`` is the desk flow's argument: a saved record's gaps are fixed)."""
        return self.gap_keys

    def decision_problem(self, today: dt.date) -> str | None:
        return decision_problem(
            self.result,
            self.engagement,
            gaps=self.gap_keys,
            gap_reasons=self.gap_reasons,
            result_reason=self.result_reason,
            high_risk_unresolved=self.high_risk_unresolved,
            checked_by=self.checked_by,
            recorded_by=self.recorded_by,
        )
