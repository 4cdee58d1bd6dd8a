# printf-style formatting: str % value and str % tuple, every conversion and flag.
n, x, s = 42, 3.14159, "Molt"
print("%d items" % n)
print("%s is %d years, %.2f%% done" % (s, n, x))
print("%5d|%-5d|%05d|%+d|% d|%x|%X|%#x|%o|%#o|%c|%c" % (n, n, n, n, n, n, n, n, n, n, 65, "z"))
print("%e|%E|%.3e|%f|%F|%g|%G|%.3g|%10.4f|%-10.2f|" % (x, x, x, x, x, x, x, x, x, x))
print("%r %s %a" % ("é", "é", "é"))
print("%*d|%-*d|%.*f" % (6, n, 6, n, 2, x))
print("%d %i %u" % (3.99, -2.5, True), "%s %r" % (None, (1, "a")))
print("%s" % ((1, 2),))
print("%d" % 2**100, "%x" % -(2**70), "%.1f" % float("inf"), "%g" % float("nan"), "%+.0f" % -0.0)
print("no conversions" % ())
t = (1, 2.5, "three")
print("%s-%s-%s" % t)
for i in range(3):
    print("row %2d: %-6s|" % (i, "ab" * i))
