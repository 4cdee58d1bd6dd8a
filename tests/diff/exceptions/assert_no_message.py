# assert without a message
x = 3
assert x == 3
assert x < 2
