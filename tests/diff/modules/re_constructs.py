# re: lookarounds, backreferences, conditionals, atomic groups, possessive and lazy repeats.
import re

print(re.findall(r"\w+(?=!)", "hi! there you!"), re.findall(r"\b\w+\b(?!!)", "hi! there you!"))
print(re.findall(r"(?<=\$)\d+", "cost $30 or 40 or $5"), re.findall(r"(?<!\$)\b\d+", "cost $30 or 40"))
print(re.sub(r"(?<=\d)(?=(\d{3})+$)", ",", "1234567"))
print(re.search(r"(\w)\1", "abccd").group(), re.findall(r"(?P<q>['\"]).*?(?P=q)", "'a' \"b\" 'c\""))
print(re.match(r"(a)?(?(1)b|c)", "ab").group(), re.match(r"(a)?(?(1)b|c)", "c").group(), re.match(r"(a)?(?(1)b|c)", "ac"))
print(re.fullmatch(r"(<)?\w+(?(1)>)", "<a>"), re.fullmatch(r"(<)?\w+(?(1)>)", "<a"))
print(re.match(r"(?>a+)b", "aaab"), re.match(r"(?>a+)a", "aaa"), re.match(r"a++a", "aaa"), re.match(r"a*+b", "aab"))
print(re.match(r"(?:ab)?+ab", "ab"), re.match(r"a{2,3}+a", "aaaa"))
print(re.match(r"a+?", "aaa").group(), re.match(r"a*?b", "aaab").group(), re.match(r"a{2,}?", "aaaa").group())
print(re.match(r"<.*>", "<a><b>").group(), re.match(r"<.*?>", "<a><b>").group())
print(re.match(r"(a|ab)(c|bcd)(d*)", "abcd").groups(), re.match(r"(a+)+b", "aaab").groups())
print(re.match(r"(?:(a)|b)+", "ab").groups(), re.match(r"(a*)*", "b").groups(), re.match(r"(a|)+", "aa").groups())
print(re.match(r"(\d+)-(\d+)", "10-20").group(2, 1), re.match(r"((\w)\w)\2", "abb"))
print(re.findall(r"[\w.+-]+@[\w-]+\.[\w.]+", "mail a.b@c.org, x+y@d-e.co.uk now"))
print(re.findall(r"[^\W\d]+", "abc123def_4"), re.findall(r"[\d\s]+", "a1 2b"), re.findall(r"[]x]", "]x"))
print(re.findall(r"\bcat\b", "cat concat cat."), re.findall(r"\Bcat\B", "concatenate"))
print(re.findall(r"[\u00e0-\u00ff]+", "caf\u00e9 na\u00efve"), re.findall(r"\x41\101\u0041", "AAA"))
text = "x" * 100000 + "y"
print(re.search(r"x*y", text).span(), len(re.findall(r"x", text)), re.match(r"(?:x|z)*y", text).end())
print(re.match(r"(x+)+y", "x" * 20 + "y").span(), len(re.sub(r"x", "ab", text)))
print(re.match(r"(?:a(?=b)|.)*", "abacab").group(), re.match(r"(?<=a)b", "ab"), re.search(r"(?<=a)b", "ab").span())
