"""Software cards: an ISO 7816-4 card engine, card builders from personas, and the vpcd bridge.

They serve tests, benchmarks and the desk's demo mode. A software card put on the virtual reader is seen
by pcscd exactly as a real card on a real reader, so the desk's own code reads it unchanged.
"""
