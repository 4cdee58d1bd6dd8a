# except ... as e: the exception object prints as its message
def parse(n):
    try:
        if n < 0:
            raise ValueError("negative: " + str(n))
        return n * 2
    except ValueError as e:
        print("caught", e)
        print(repr(e))
        return -1

print(parse(4), parse(-3))
