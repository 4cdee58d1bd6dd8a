# a recursion that would end at depth 100000 still exceeds the limit: RecursionError
def depth(n):
    if n == 0:
        return 0
    return 1 + depth(n - 1)

print(depth(500))
print(depth(100000))
