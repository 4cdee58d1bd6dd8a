# sys: writing to stdout and stderr, print(file=), limits, exit codes.
import sys

n = sys.stdout.write("written\n")
print(n, sys.maxsize, sys.maxunicode, sys.byteorder, sys.platform)
print("to stderr", 1, 2, file=sys.stderr)
sys.stderr.write("direct to stderr\n")
print("sep", "end", sep="-", end="!\n", file=sys.stdout)
print(len(sys.argv), sys.getrecursionlimit())
print(sys.intern("abc") == "abc")


class Collector:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)


c = Collector()
print("into", "object", file=c)
print(c.parts)
print(None, file=None)
try:
    sys.stdout.write(5)
except TypeError as e:
    print("TypeError:", e)


def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)


sys.setrecursionlimit(20000)
print(sys.getrecursionlimit(), depth(15000))
sys.setrecursionlimit(100)
try:
    depth(200)
except RecursionError as e:
    print("RecursionError:", e)
for bad in [0, -5, "x"]:
    try:
        sys.setrecursionlimit(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
sys.setrecursionlimit(1000)
sys.stdout.flush()
sys.exit(3)
