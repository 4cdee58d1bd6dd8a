# recursion ~900 deep stays under CPython's default limit
def sum_to(n):
    if n == 0:
        return 0
    return n + sum_to(n - 1)

def count_down(n):
    if n > 0:
        count_down(n - 1)

print(sum_to(900))
print(count_down(900))
