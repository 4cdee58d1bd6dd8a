# re: sub/subn templates and replacement functions in detail, Match.expand.
import re

p = re.compile(r"(?P<first>\w+) (?P<second>\w+)")
for t in [r"\2 \1", r"\g<second> \g<first>", r"\g<0>!", r"\g<2>\g<1>", r"[\1]\n", r"\\1", r"\0", r"\07", r"\101",
          r"\g<1>0", r"\10" if False else r"\1\2", "tab\there", r"\a\b\f\v\r"]:
    print(repr(t), repr(p.sub(t, "hello world")))
print(re.sub("(b)?a", r"[\1]", "a ba"), re.subn(r"(\d)", r"<\1>", "a1b22"))
print(re.sub("a", lambda m: m.group().upper() * 2, "banana", count=2))
print(re.sub(r"(\w+)", lambda m: str(len(m.group(1))), "one three five"))
print(re.sub(r"(?P<n>\d+)", lambda m: "%03d" % int(m["n"]), "7 42 123"))
calls = []


def repl(m):
    calls.append(m.span())
    return ""


print(re.sub("x*", repl, "axxb"), calls)
m = re.match(r"(\w+)@(\w+)\.com", "joe@site.com")
print(m.expand(r"user=\1 host=\2 all=\g<0>"), m.expand("plain"), m.expand(r"\n"))
print(re.sub("", "-", ""), re.sub("$", "!", "end"), re.sub("^", "> ", "a\nb", flags=re.M))
print(re.sub(r"(a)|(b)", r"1:\1 2:\2;", "ab"))
