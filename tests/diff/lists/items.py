# Item and slice assignment, augmented items, del.
a = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
a[0] = "zero"
a[-1] = "nine"
print(a)
a[2] += 100
a[3] *= 2
a[-2] -= 1
print(a)
del a[0]
del a[-1]
print(a)
del a[1:3]
print(a)
del a[::2]
print(a)
b = list((0, 1, 2, 3, 4, 5, 6, 7, 8, 9))
b[2:5] = ["a", "b"]
print(b)
b[:0] = [-1, -2]
print(b)
b[len(b):] = (100, 200)
print(b)
b[::3] = "vwxyz"
print(b)
b[1:4] = []
print(b)
b[::-1] = b[:]
print(b)
c = [1, 2, 3]
c[:] = c
print(c)
c[1:2] = c
print(c)
c[::-2] = [7, 8, 9]
print(c)
d = [0, 1, 2, 3, 4, 5, 6, 7]
del d[::-3]
print(d)
del d[:]
print(d)
g = [[0, 0], [0, 0]]
g[1][0] = 5
g[0][1] += 3
print(g)
h = [1, 2]
h[5:10] = [3]
h[-100:1] = ["s"]
print(h)
del h[100:200]
print(h)
x, y = [10, 20]
[p, q] = "ab"
print(x, y, p, q)
a2 = [[1, 2], [3, 4]]
for k, v in a2:
    print(k, v)
