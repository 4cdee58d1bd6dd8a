# re: pos and endpos (anchors see the real start, the subject ends at endpos), Match.pos/endpos.
import re

p = re.compile(r"^\w+")
print(p.match("ab cd", 3), p.search("ab cd", 3), re.compile(r"\w+").match("ab cd", 3))
m = re.compile(r"\w+$").search("abc def", 0, 3)
print(m, m.pos, m.endpos, m.string)
print(re.compile(r"\bc").search("abc", 2), re.compile(r"c\b").search("abcd", 0, 3))
print(re.compile("a").match("a", -5), re.compile("a").match("a", 5), re.compile("a").search("aaa", 1, 0))
print(re.compile("a*").findall("aaaa", 1, 3), re.compile("").findall("abc", 1, 2), re.compile("x").findall("x", 2))
m = re.compile(r"(?<=a)b").search("ab", 1)
print(m.span(), m.pos, m.endpos)
print(re.compile(r"\Z").search("abc", 0, 2).span(), re.compile(r"$").search("ab\nc", 0, 3).span())
print([m.span() for m in re.compile(r"\w").finditer("abcdef", 2, 4)])
print(re.compile("b").fullmatch("abc", 1, 2), re.compile("b").fullmatch("abc", 1))
m = re.compile("(a)(b)?").match("xab", pos=1, endpos=2)
print(m, m.groups(), m.regs, m.pos, m.endpos, m.lastindex)
