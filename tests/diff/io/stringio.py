# io.StringIO (CPython's Modules/_io/stringio.c and the IOBase methods it inherits): writing,
# getvalue, reading by size, line and iteration, seek/tell/truncate, newline modes, closing,
# and the errors.
import io

buf = io.StringIO()
print(buf.write("hello"), buf.write(" world\n"), buf.write(""), buf.tell())
print("line two", 3, sep="|", file=buf)
buf.writelines(["a\n", "b\n", "c"])
print(repr(buf.getvalue()), buf.tell())
print(repr(buf.read()), repr(buf.readline()))
print(buf.seek(0), repr(buf.read(5)), repr(buf.readline()), repr(buf.readline(4)), buf.tell())
print(buf.readlines())
buf.seek(0)
print(list(buf))
buf.seek(0)
print(buf.readlines(8), repr(buf.read()))
for i, line in enumerate(io.StringIO("x\ny\n\nz")):
    print(i, repr(line))

s = io.StringIO("abcdef")
print(repr(s.read(2)), s.tell(), s.seek(0, 2), s.seek(0, 1), s.seek(10), s.write("Z"), repr(s.getvalue()))
s.seek(2)
print(s.write("XY"), repr(s.getvalue()), s.truncate(), repr(s.getvalue()), s.tell(), s.truncate(3), repr(s.getvalue()), s.tell())
print(repr(s.read()), repr(s.read(-1)), repr(s.read(None)), repr(s.readline(None)))
print(s.readable(), s.writable(), s.seekable(), s.isatty(), s.closed, s.line_buffering, s.newlines)

for nl in [None, "", "\n", "\r", "\r\n"]:
    t = io.StringIO(newline=nl)
    t.write("a\r\nb\rc\nd")
    t.seek(0)
    print(repr(nl), repr(t.getvalue()), list(t))
u = io.StringIO("one\r\ntwo\rthree", newline=None)
print(repr(u.getvalue()), u.readlines())
print(repr(io.StringIO(None).getvalue()), repr(io.StringIO(initial_value="kw", newline="").read()))

with io.StringIO("ctx") as c:
    print(c.read(), c.closed)
print(c.closed)


def attempt(label, f):
    try:
        r = f()
        print(label, repr(r))
    except (ValueError, TypeError, OSError) as e:
        print(label, type(e).__name__, e)


attempt("getvalue closed", c.getvalue)
attempt("read closed", c.read)
attempt("write closed", lambda: c.write("x"))
attempt("writelines closed", lambda: c.writelines(["x"]))
attempt("flush closed", c.flush)
attempt("iter closed", lambda: iter(c))
attempt("next closed", lambda: next(c))
attempt("enter closed", lambda: c.__enter__())
attempt("close again", c.close)
d = io.StringIO("data")
attempt("write int", lambda: d.write(5))
attempt("write bytes", lambda: d.write(b"x"))
attempt("read str", lambda: d.read("2"))
attempt("read two", lambda: d.read(1, 2))
attempt("seek whence", lambda: d.seek(0, 3))
attempt("seek negative", lambda: d.seek(-1))
attempt("seek relative", lambda: d.seek(1, 1))
attempt("seek float", lambda: d.seek(1.5))
attempt("truncate negative", lambda: d.truncate(-2))
attempt("newline bad", lambda: io.StringIO(newline="x"))
attempt("newline type", lambda: io.StringIO(newline=5))
attempt("initial type", lambda: io.StringIO(b"bytes"))
attempt("flush", d.flush)
attempt("readlines two", lambda: d.readlines(1, 2))
attempt("getvalue arg", lambda: d.getvalue(1))
attempt("write none", lambda: d.write())
attempt("three args", lambda: io.StringIO("a", "b", "c"))
attempt("bad keyword", lambda: io.StringIO(x=1))
attempt("seek none", lambda: d.seek())
attempt("truncate two", lambda: d.truncate(1, 2))
attempt("tell arg", lambda: d.tell(1))
attempt("readable arg", lambda: d.readable(1))
attempt("writable arg", lambda: d.writable(1))
attempt("seekable kw", lambda: d.seekable(x=1))
attempt("read kw", lambda: d.read(size=1))
attempt("readline two", lambda: d.readline(1, 2))
print(type(d).__name__, isinstance(d, io.StringIO), type(d) is io.StringIO)
