"""KYC Desk (本人確認デスク): identity verification for Japanese judicial scriveners.

Layers, lowest first (each may import only those below it; ``pyproject.toml``'s import-linter contracts
enforce this):

- ``kyc_desk.jp`` — Japanese eras and text folding
- ``kyc_desk.cards`` — APDUs, PC/SC transport, card applications, software cards
- ``kyc_desk.verify`` / ``kyc_desk.faces`` — signatures and certificates / face matching and liveness
- ``kyc_desk.records`` — the encrypted verification records
- ``kyc_desk.sync`` / ``kyc_desk.export`` — remote submissions / exports
- ``kyc_desk.ui`` — the Qt window (the only package that imports Qt)
"""

__version__ = "0.1.0"
