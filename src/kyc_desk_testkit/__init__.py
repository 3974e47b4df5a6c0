"""KYC Desk's test kit: software cards, synthetic faces, sample photos and demo mode.

It lives beside the product (``kyc_desk``) in the same repository, is installed by the set-up step for
the tests, the benchmarks and the demo, and is never part of a product build: no module of ``kyc_desk``
imports it (an import-linter contract and ``tests/unit/test_testkit_fence.py`` check this), the product
wheel excludes it, and the PyInstaller spec excludes it.

- :mod:`kyc_desk_testkit.softcard` — software cards on the vpcd virtual reader, with their test PKI;
- :mod:`kyc_desk_testkit.faces` — synthetic liveness clips and the face test set;
- :mod:`kyc_desk_testkit.samples` — real sample photos from a package registry;
- :mod:`kyc_desk_testkit.demo` — demo mode (``python -m kyc_desk_testkit.demo``).
"""
