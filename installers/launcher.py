"""Entry point for frozen builds (PyInstaller): the same as the ``kyc-desk`` command."""

import sys

from kyc_desk.cli.main import main

sys.exit(main())
