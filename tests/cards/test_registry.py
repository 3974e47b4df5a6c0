"""Software-card registry, the serve entry point's failure path, and the vpcd port → reader mapping."""

from __future__ import annotations

import pytest

from kyc_desk_testkit.softcard import registry
from kyc_desk_testkit.softcard.engine import SoftCard
from kyc_desk_testkit.softcard.serve import main as serve_main
from kyc_desk_testkit.softcard.vpcd import reader_name_for_port


def test_kinds_include_the_card_stack_own_cards():
    kinds = registry.card_kinds()
    for kind in ("diagnostic", "minimal-mynumber", "minimal-licence", "minimal-residence", "minimal-unknown"):
        assert kind in kinds
    assert isinstance(registry.build_card("diagnostic"), SoftCard)


def test_unknown_kind_and_persona_are_clear_errors():
    with pytest.raises(registry.UnknownCardKind, match="no software card 'nope'"):
        registry.build_card("nope")
    with pytest.raises(registry.UnknownCardKind, match="no demo persona"):
        registry.build_card("diagnostic", "nobody")


def test_a_kind_cannot_be_taken_over():
    def other(persona):
        return SoftCard()

    with pytest.raises(ValueError):
        registry.register_card_builder("diagnostic", other)


def test_serve_fails_in_one_line_for_an_unknown_kind(capsys):
    assert serve_main(["--card", "nope", "--port", "35963"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("serve: no software card 'nope'") and err.count("\n") == 1


@pytest.mark.parametrize(
    ("port", "reader"),
    [
        (35963, "Virtual PCD 00 00"),
        (35964, "Virtual PCD 00 01"),
        (35965, "Virtual PCD 1 00 00"),
        (35966, "Virtual PCD 1 00 01"),
        (35971, "Virtual PCD 4 00 00"),
        (35972, "Virtual PCD 4 00 01"),
    ],
)
def test_reader_name_for_port(port, reader):
    assert reader_name_for_port(port) == reader
