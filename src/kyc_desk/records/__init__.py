"""kyc_desk.records"""
