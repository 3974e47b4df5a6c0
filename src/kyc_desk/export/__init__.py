"""kyc_desk.export"""
