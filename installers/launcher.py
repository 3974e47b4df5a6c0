"""Entry point for frozen builds (PyInstaller): the same as the ``kyc-desk`` command.

``freeze_support()`` comes first: the face engine runs in a ``spawn`` child process
(:class:`kyc_desk.app.faces.FaceService`), and in a frozen build that child is this same executable
started with multiprocessing's arguments; without the call it would parse them as a desk command and the
face process would never start.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()

    from kyc_desk.cli.main import main

    sys.exit(main())
