# Concatenation, repetition, membership, iteration over tuples and strings.
t = (1, 2) + (3,)
print(t, t * 2, 2 * (0,), (1, 2) * 0, (1,) * -1)
print(2 in t, 5 in t, 5 not in t, "b" in "abc", "x" not in "abc", "" in "abc")
print(2.0 in t, True in (1, 0), None in (None,))
total = 0
for v in (3, 4.5, 10):
    total = total + v
print(total)
for ch in "héllo":
    print(ch, end="|")
print()
for k, w in ((1, "one"), (2, "two")):
    print(k, w)
for i in ():
    print("never")
else:
    print("empty loop else")
for i in (1, 2, 3):
    if i == 2:
        continue
    if i == 3:
        break
    print("item", i)
else:
    print("not printed")
idx = 2
print(t[idx], "abc"[idx], "abc"[-1])
