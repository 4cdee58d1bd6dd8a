# int() of text that is not a number raises CPython's ValueError
def parse(s):
    return int(s)

print(parse("10"))
print(parse("ten"))
