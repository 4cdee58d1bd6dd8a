# float.fromhex is not implemented yet: a call of one is refused, never an AttributeError.
x = 2.5
print(x.fromhex("0x1p-2"))
