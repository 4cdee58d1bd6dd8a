# Reading the standard input (stdin_lines.stdin): input() with and without a prompt, sys.stdin's
# readline (with a size), read(n), iteration, readlines; "\r" is kept (newline="\n" on POSIX);
# non-ASCII text; then EOFError at the end.
import sys
from sys import stdin

name = input("name? ")
print("hello", repr(name))
print(repr(input()))
print(repr(sys.stdin.readline()))
print(repr(sys.stdin.readline(3)), repr(sys.stdin.readline(-1)), repr(stdin.read(4)))
print(repr(sys.stdin.readline(True)), repr(sys.stdin.readline(0)))
for i, line in enumerate(sys.stdin):
    print(i, repr(line))
    if i == 2:
        break
print(sys.stdin.readlines(1))
print(sys.stdin.readlines(), repr(sys.stdin.read(None)))
print(repr(sys.stdin.read()), repr(sys.stdin.readline()), list(sys.stdin))
print(sys.stdin.readable(), sys.stdin.writable(), sys.stdout.readable(), sys.stdin.fileno(), sys.stdin.isatty())
print(sys.stdin.name, sys.stdin.mode, sys.stdin.encoding, repr(sys.stdin))
for bad in (lambda: input("a", "b"), lambda: input(prompt="x"), lambda: sys.stdin.read(1.5), lambda: sys.stdin.readline(None), lambda: sys.stdin.readline(1, 2), lambda: sys.stdin.fileno(1)):
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
try:
    input(42)
except EOFError as e:
    print("EOFError:", e)
print(input("last? "))
