# Sorting records with key= functions (a lambda, a def, a builtin), min/max with key=, map and
# filter over a list of records: calls of function objects from the runtime.
records = []
x = 7
for i in range(60000):
    x = (x * 1103515245 + 12345) % 2147483648
    records.append((x % 1000, "n" + str(x % 97), i))


def by_name(r):
    return r[1]


total = 0
a = b = c = []
for rnd in range(3):
    a = sorted(records, key=lambda r: r[0])
    b = sorted(records, key=by_name)
    c = sorted(records, key=lambda r: (r[1], -r[0]))
    total += a[0][2] + b[-1][2] + c[len(c) // 2][2]
    total += max(records, key=lambda r: r[0] * 31 % 1009)[2]
    total += sum(map(lambda r: r[0], filter(lambda r: r[2] % 3 == 0, records)))
print(total, a[:2], b[:2], c[:2])
