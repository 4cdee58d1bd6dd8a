# int methods are not implemented yet: a call of one is refused, never an AttributeError.
n = 255
print(n.bit_length())
