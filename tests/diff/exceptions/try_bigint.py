# big-int errors caught
def shift(v, n):
    try:
        return v >> n
    except ValueError as e:
        return str(e)

print(shift(2 ** 100, 90), shift(2 ** 100, -1), shift(5, -3))
