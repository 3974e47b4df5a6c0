"""Software-card builder modules. Each module registers its kinds with
:func:`kyc_desk_testkit.softcard.registry.register_card_builder` when imported (see that module)."""
