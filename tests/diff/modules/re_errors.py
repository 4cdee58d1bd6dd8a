# re: re.error's message, pos, lineno, colno for bad patterns; template errors; argument errors.
import re

bad = ["(", "(abc", ")", "a)", "*", "a**", "^*", r"\q", "\\", "[a", "[z-a]", "(?<x", "(?P<1>a)",
       "(?P<a>x)(?P<a>y)", "(?P=b)", "(?z)", "a(?i)", "(?i", r"\1", r"(a)\2", r"(a\1)", "(?(2)a)",
       "(?<=a*)b", "a{3,2}", r"\x4", "(?#abc", "x{5}{3}", "ab\ncd(", "a\n\nb)", "(?(1)a|b|c)", "[]"]
for p in bad:
    try:
        re.compile(p)
        print("compiled", repr(p))
    except re.error as e:
        print(repr(p), "->", str(e), "|", e.msg, e.pos, e.lineno, e.colno, e.pattern == p, type(e).__name__)
try:
    re.compile("a{99999999999}")
except OverflowError as e:
    print("OverflowError", e)
print(isinstance(re.error("x"), Exception), issubclass(re.error, Exception), re.error.__name__, re.error.__module__)
for repl in [r"\3", r"\g<x>", r"\g<1a>", r"\g<", r"\q", r"\g<99>"]:
    try:
        print(re.sub("(a)", repl, "a"))
    except re.error as e:
        print(repr(repl), "re.error:", e)
    except IndexError as e:
        print(repr(repl), "IndexError:", e)
m = re.match("(a)(?P<n>b)", "ab")
for g in [3, -1, "x", 1.5, "n"]:
    try:
        print(m.group(g))
    except IndexError as e:
        print("IndexError:", e)
try:
    m.start(5)
except IndexError as e:
    print("IndexError:", e)
for call in [lambda: re.match("a", 1), lambda: re.compile(1), lambda: re.search("a", None),
             lambda: re.sub("a", lambda m: 1, "a"), lambda: re.compile(re.compile("a"), re.I),
             lambda: re.compile("a", "x"), lambda: re.escape(1)]:
    try:
        print(call())
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
try:
    re.compile("(?P<name>x")
except re.error as e:
    print(e)
e = re.error("custom", "ab\ncd", 4)
print(str(e), e.args, e.msg, e.pattern, e.pos, e.lineno, e.colno)
e = re.error("plain")
print(str(e), e.args, e.msg, e.pattern, e.pos, e.lineno, e.colno)
try:
    raise re.error("raised", "xyz", 1)
except re.error as err:
    print(repr(err), err.colno)
