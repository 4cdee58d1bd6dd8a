# A self-recursive int function with two self-calls runs as a fast copy and its inlined twin
# (decisions/0017): its frames, their lines and the recursion limit must still be CPython's.
def count(n, acc):
    if n <= 0:
        return acc
    if n > 100:
        return count(n + 1, acc) + 1
    return count(n - 1, acc + n) + 0


print(count(10, 0), count(100, 1), count(-5, 7))
print("now past the limit:")
count(101, 0)
