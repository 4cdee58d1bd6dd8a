# Slicing tuples and strs: every bound form, negative indices and steps, clamping, big ints.
t = (0, 1, 2, 3, 4, 5, 6, 7, 8, 9)
s = "héllo wörld"
print(t[2:5], t[:3], t[7:], t[:], t[::2], t[1::3], t[::-1], t[-3:], t[:-7], t[8:2:-2])
print(s[1:4], s[:5], s[6:], s[::-1], s[::3], s[-5:-1], s[100:], s[-100:3], s[3:3] == "")
print(t[2**70:], t[:-(2**70)], t[::2**70], s[::-(2**70)], t[True:], s[False:True])
a, b, c = 1, None, -1
print(t[a:b:c], s[b:a:c], t[b:b:b])
u = s[2:2 + 5]
print(u, len(u), t[5:1], len(t[5:1]), (1, 2)[::-1] + ("x",))
ascii_text = "abcdefghij"
for k in range(-3, 4):
    if k != 0:
        print(k, ascii_text[::k], t[1:-1:k])
x = 3 if len(s) > 3 else (1, 2)
print(s[x:], t[:x])
