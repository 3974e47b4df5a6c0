"""在留カード / 特別永住者証明書 — the residence card and the special permanent resident certificate.

Built to the Immigration Services Agency's public specification (在留カード等仕様書 Ver 1.5; cards.md §C).
"""
