"""The ``kyc-desk`` command line."""
