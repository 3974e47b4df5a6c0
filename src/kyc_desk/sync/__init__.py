"""kyc_desk.sync"""
