"""Settings shared by the whole suite.

- Every test session gets its own ``KYC_DESK_HOME`` (settings, data, logs) in a temporary folder, so the
  suite never touches a real desk's data.
- Qt runs offscreen unless a test asks for the real X display (screenshot tests use ``DISPLAY``, which
  scripts/test provides with Xvfb).
- The interface language is Japanese, as for users, unless a test changes it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

_session_home = Path(tempfile.mkdtemp(prefix="kyc-desk-tests-"))
os.environ["KYC_DESK_HOME"] = str(_session_home)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLCONFIGDIR", str(_session_home / "matplotlib"))
os.environ.pop("KYC_DESK_LANG", None)

# Fixtures shared across test areas live in tests/plugins/ (one module per area that others use).
pytest_plugins = ["tests.plugins.pcsc", "tests.plugins.postgres"]


import pytest  # noqa: E402  (after the environment is set, before any kyc_desk import)


@pytest.fixture(autouse=True)
def _interface_language_per_test() -> object:
    """Each test starts in Japanese: an in-process ``main(["--lang", "en", …])`` must not leak into the next."""
    from kyc_desk.i18n import set_language

    set_language(None)
    yield
    set_language(None)
