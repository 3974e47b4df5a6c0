"""Japanese conventions shared by every layer: eras (和暦) and text folding.

The lowest layer: it imports nothing else from the desk, so cards, records and the UI can all use it.
"""
