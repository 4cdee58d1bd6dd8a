# Cyclic garbage structures: a self-containing list, a dict and a closure cycle each
# iteration; the cycle collector keeps memory bounded.
def make(n):
    def rec(k):
        return k if k <= 0 else rec(k - 1)
    return rec

total = 0
for i in range(200000):
    a = [i]
    a.append(a)
    d = {"self": None}
    d["self"] = d
    total += make(1)(1) + len(a)
print(total)
