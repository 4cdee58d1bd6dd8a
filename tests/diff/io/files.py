# open(): text and binary files written, appended, read whole, by line, by size and by iteration,
# newline= modes, seek/tell, encodings, with-statements, and CPython's errors (OSError subclasses
# with errno and filename, bad modes, closed files, unknown encodings, decode errors).
path = "molt_file_test.txt"
with open(path, "w") as f:
    print(f.write("first line\n"), f.name, f.mode, f.closed)
    f.write("second λ line\r\nthird\rfourth\n")
    f.writelines(["a\n", "b\n"])
    print("x", 1, file=f)
print(f.closed)
with open(path) as f:
    print(repr(f.read()))
with open(path, newline="") as f:
    print(f.readlines())
with open(path, newline="\n") as f:
    print([line for line in f])
f = open(path)
print(repr(f.readline()), repr(f.readline(4)), repr(f.read(3)), f.tell())
pos = f.tell()
print(repr(f.readline()))
f.seek(pos)
print(repr(f.readline()), f.readable(), f.writable(), f.seekable())
f.seek(0)
print(len(f.read()), repr(f.read()), repr(f.readline()))
f.close()
f.close()
try:
    f.read()
except ValueError as e:
    print("ValueError:", e)
with open(path, "a") as f:
    f.write("appended\n")
with open(path, "rb") as f:
    data = f.read()
    print(data, type(f).__name__, f.mode)
with open(path, "rb") as f:
    print(f.readline(), f.read(5), list(f)[:2])
with open(path + ".bin", "wb") as f:
    print(f.write(b"\x00\x01abc\n"), f.tell())
with open(path + ".bin", "rb") as f:
    print(f.read(), f.read())
for bad in ["rw", "rr", "", "z", "rbt"]:
    try:
        open(path, bad)
    except ValueError as e:
        print("ValueError:", e)
for args in [("/nonexistent/dir/x",), (".",), (".", "w")]:
    try:
        open(*args)
    except OSError as e:
        print(type(e).__name__, e.errno, e.strerror, e.filename, e)
try:
    open(path + ".bin", "x")
except FileExistsError as e:
    print("FileExistsError:", e)
try:
    open(path, "rb", encoding="utf-8")
except ValueError as e:
    print("ValueError:", e)
try:
    open(path, encoding="nope")
except LookupError as e:
    print("LookupError:", e)
with open(path, "w", encoding="latin-1") as f:
    f.write("café\n")
with open(path, "rb") as f:
    print(f.read())
with open(path, encoding="latin-1") as f:
    print(f.read())
with open(path, encoding="ascii") as f:
    try:
        f.read()
    except UnicodeDecodeError as e:
        print("UnicodeDecodeError:", e)
with open(path, "w") as f:
    try:
        f.write(5)
    except TypeError as e:
        print("TypeError:", e)
print(open(path).read(), end="")
print(repr(open(path)).startswith("<_io.TextIOWrapper name='molt_file_test.txt' mode='r' encoding="), repr(open(path, "rb")))
with open(path, "w") as f:
    f.write("".join(f"line {i}\n" for i in range(1000)))
with open(path) as f:
    total = 0
    for i, line in enumerate(f):
        total += len(line)
    print(i, total, f.closed)
with open(path) as f:
    print(len(f.readlines(20)), len(f.readlines()), f.readline(), f.read(5))
try:
    with open(path) as f:
        raise KeyError("inside")
except KeyError as e:
    print("KeyError", e, f.closed)
print(sum(1 for _ in open(path)))
for bad in (lambda: open(path).close(1), lambda: open(path, "rb").tell(2), lambda: open(path).read(1, 2), lambda: open(path, "w").write()):
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
for bad in (lambda: open(path, "w").writelines(), lambda: open(path + ".bin", "wb").write(), lambda: open(path, "wb").write("text")):
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
for bad in (lambda: open(path).read(size=1), lambda: open(path, "rb").readline(1.5)):
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
