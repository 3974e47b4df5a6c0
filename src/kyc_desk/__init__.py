"""KYC Desk (本人確認デスク): identity verification for Japanese judicial scriveners.

Layers, lowest first (each may import only those below it; ``pyproject.toml``'s import-linter contracts
enforce this; docs/architecture.md has the full order, with the shared top-level modules and the CLI):

- ``kyc_desk.crypto`` / ``kyc_desk.jp`` — the one ``cryptography.hazmat`` import / Japanese eras and text
- ``kyc_desk.cards`` — APDUs, PC/SC transport, card applications
- ``kyc_desk.verify`` / ``kyc_desk.faces`` — signatures and certificates / face matching and liveness
- ``kyc_desk.records`` — the encrypted verification records
- ``kyc_desk.sync`` / ``kyc_desk.export`` — remote submissions / exports
- ``kyc_desk.ui`` — the Qt window (the only package that imports Qt)
- ``kyc_desk.cli`` — the command, on top of everything (demo mode lives in the test kit, ``kyc_desk_testkit``)
"""

__version__ = "0.1.0"
