# +=, *= mutate in place (aliases see it); + and * make new lists.
a = [1, 2]
alias = a
a += [3]
a += (4, 5)
a += "xy"
print(a, alias, a is alias)
a *= 2
print(len(alias), alias[-1])
b = a + [0]
print(len(a), len(b), b is a)
z = [1]
z *= 0
print(z, alias is a)
s = "ab"
s2 = s
s += "c"
print(s, s2)
t = (1,)
t2 = t
t += (2,)
print(t, t2)
n = 5
n += 2
n //= 2
n **= 3
n -= 1
n <<= 2
n %= 7
n |= 8
n ^= 3
n &= 14
n >>= 1
print(n)
f = 1.5
f *= 2
f /= 4
print(f)
print(3 in [1, 2, 3], "x" not in ["a"], [1] in [[1], 2], (1,) in [[1]])
total = 0
for v in [1, 2, 3, 4]:
    total += v
print(total)
