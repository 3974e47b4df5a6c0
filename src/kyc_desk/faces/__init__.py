"""kyc_desk.faces"""
