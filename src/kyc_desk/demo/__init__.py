"""kyc_desk.demo"""
