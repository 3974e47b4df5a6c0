"""kyc_desk.verify"""
