"""Software-card builder modules. Each module registers its kinds with
:func:`kyc_desk.cards.softcard.registry.register_card_builder` when imported (see that module)."""
