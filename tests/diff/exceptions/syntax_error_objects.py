# SyntaxError and its subclasses as objects: members, str(), and an uncaught one's location.
import sys
for args in [(), ("msg",), ("bad", ("f.py", 3, 5, "x = = 1\n")), ("bad", ("/a/b/f.py", 3, 5, "x = = 1\n", 3, 7)),
             ("m", (None, None, None, None)), ("m", ("f.py", True, 1, "t")), (1, 2, 3)]:
    e = SyntaxError(*args)
    print(repr(e), "|", str(e), "|", e.args, e.msg, e.filename, e.lineno, e.offset, e.text, e.end_lineno, e.end_offset, e.print_file_and_line)
for bad in [("m", (1, 2)), ("m", 5), ("m", (1, 2, 3, 4, 5)), ("m", (1, 2, 3, 4, 5, 6, 7))]:
    try:
        SyntaxError(*bad)
    except TypeError as t:
        print("TypeError:", t)
print([c.__name__ for c in TabError.__mro__])
e = IndentationError("unexpected indent", ("m.py", 2, 4, "   y = 2\n"))
print(str(e), isinstance(e, SyntaxError))
e.lineno = 9
e.msg = "changed"
print(e)
try:
    raise SyntaxError("invalid syntax", ("prog.py", 1, 3, "a b c\n", 1, 4))
except SyntaxError as s:
    print("caught", s, s.offset)
sys.stdout.flush()


def parse(src):
    raise SyntaxError("expected ':'", ("<input>", 1, len(src) + 1, src, 1, len(src) + 2))


parse("if x")
