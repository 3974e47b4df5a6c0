"""Layer 2: card applications — one package per card, one module per application (AP).

Each AP module names its AID and files, and offers a wrapper created with ``XxxApp.select(card)`` so
callers never handle raw AIDs. Packages:

- :mod:`kyc_desk.cards.apps.mynumber` — 個人番号カード (JPKI AP, 券面事項入力補助AP, 券面事項確認AP, 共通AP);
- ``driver_licence`` and ``residence`` — the other identity cards, each owned by its own package.

The card layer returns raw bytes and challenge/response pairs; it never decides trust (that is
:mod:`kyc_desk.verify`).
"""

__all__: list[str] = []
