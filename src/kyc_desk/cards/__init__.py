"""kyc_desk.cards"""
