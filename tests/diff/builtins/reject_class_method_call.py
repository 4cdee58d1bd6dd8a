# molt: expect-reject E0101
# float.fromhex (a class method of float) is not provided yet.
print(float.fromhex("0x1p3"))
