"""kyc_desk.ui"""
