"""運転免許証 — the IC driver's licence (National Police Agency specification; cards.md §B)."""
