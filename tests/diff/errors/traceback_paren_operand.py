# a parenthesized left operand: the marker skips its closing parenthesis
n = 0
print((7 * 3) % n)
