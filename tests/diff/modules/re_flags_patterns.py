# re: flags (IGNORECASE, MULTILINE, DOTALL, VERBOSE, ASCII, inline and scoped), Pattern objects.
import re

print(re.findall("abc", "ABC abc aBc", re.I), re.findall("(?i)straße", "STRAßE"))
print(re.findall("^\\w+$", "one\ntwo\nthree", re.M), re.findall("^\\w+$", "one\ntwo"))
print(re.findall("a.b", "a\nb axb", re.S), re.findall("a.b", "a\nb axb"))
print(re.findall("a$", "a\na\n"), re.findall("a$", "a\na\n", re.M), re.findall(r"a\Z", "a\na"))
pat = re.compile(r"""
    (?P<year>\d{4})   # the year
    -(?P<month>\d\d)  # the month
    -(?P<day>\d\d)    # the day
""", re.VERBOSE)
m = pat.search("on 2024-03-15.")
print(m.groupdict(), pat.groups, pat.groupindex["day"], sorted(pat.groupindex))
print(re.findall(r"\w+", "héllo wörld 123", re.A), re.findall(r"\w+", "héllo wörld 123"))
print(re.findall(r"\d", "1٢3"), re.findall(r"\d", "1٢3", re.ASCII), re.findall(r"\s", "a\u2003b"))
print(re.findall("a(?i:b)c", "abc aBc ABC"), re.findall("(?i)a(?-i:b)c", "abc Abc aBc"))
print(re.findall("(?m)^x", "x\nx"), re.findall("(?s:.)x", "\nx"), re.findall("(?x) a b c ", "abc"))
print(re.match("ſ", "S", re.I), re.match("K", "\u212a", re.I), re.match("[a-z]+", "HeLLo", re.I))
print(re.match("[^a]", "A", re.I), re.match("é", "É", re.I), re.match("(?i)(a)\\1", "aA"))
print(re.I == 2, re.M == 8, re.S == 16, re.X == 64, re.A == 256, re.U == 32, re.L == 4, re.NOFLAG == 0, int(re.IGNORECASE | re.MULTILINE))
for p in [re.compile("a+"), re.compile("a+", re.I), re.compile("x", re.I | re.M | re.S),
          re.compile("x", re.X | re.A), re.compile("(?i)a"), re.compile("a", re.U), re.compile("'\"\n")]:
    print(p, repr(p), p.pattern, p.flags, p.groups, p.groupindex)
a, b = re.compile("ab"), re.compile("ab")
print(a == b, a is b, a == re.compile("ab", re.I), a != re.compile("ac"), hash(a) == hash(b))
re.purge()
print(re.compile("ab") == a, re.compile(a) is a, re.search(a, "xab").span())
print(type(a).__name__, type(re.match("a", "a")).__name__, isinstance(a, re.Pattern), isinstance(re.match("a", "a"), re.Match))
print(re.compile("x" * 300))
import copy
p = re.compile("a(b)")
m = p.match("ab")
print(copy.copy(p) is p, copy.deepcopy(p) is p, copy.copy(m) is m, copy.deepcopy(m) is m)
print(copy.deepcopy({"k": [p]})["k"][0] is p, p.__copy__() is p, m.__deepcopy__({}) is m)
