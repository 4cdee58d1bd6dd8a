# str methods: splitting, joining, stripping, searching, replacing, padding, case, predicates.
s = "  Hello, World! Hello again.  "
print(s.split(), s.split(","), s.strip().split(" ", 1), s.rsplit(None, 1), "a,b,,c".split(","), "".split())
print("-".join(["a", "b", "c"]), ", ".join("xyz"), "".join([]), s.strip(), s.lstrip(), s.rstrip(" ."), "xxhixx".strip("x"))
print(s.find("Hello"), s.rfind("Hello"), s.find("zz"), s.index("World"), s.count("l"), s.count(""), "banana".count("an"))
print(s.replace("Hello", "Bye"), "aaa".replace("a", "b", 2), s.startswith("  He"), s.endswith(("x", ".  ")), s.startswith("Hello", 2))
print("ab".center(7, "*"), "ab".ljust(5) + "|", "ab".rjust(5, "0"), "-42".zfill(6), "a\tb".expandtabs(4), "x".center(4))
print("key=value=x".partition("="), "key=value=x".rpartition("="), "nokey".partition("="))
print("line1\nline2\r\nline3".splitlines(), "a\nb\n".splitlines(keepends=True), "prefix-body".removeprefix("prefix-"), "file.py".removesuffix(".py"))
print("Hello".upper(), "Hello".lower(), "Hello".swapcase(), "straße".upper(), "hello world".title(), "hELLO".capitalize(), "Straße".casefold())
print("abc".isalpha(), "abc1".isalnum(), "123".isdigit(), "½".isnumeric(), "٣".isdecimal(), "   ".isspace(), "Title Case".istitle(), "abc".islower(), "ABC".isupper(), "x_1".isidentifier(), "a\x00".isprintable(), "abc".isascii())
print("{} and {}".format(1, "two"), "{1}{0}".format("a", "b"), "{name}: {value:>6.2f}".format(name="pi", value=3.14159), "{0[1]} {{x}}".format([10, 20]))
words = "the quick brown fox jumps over the lazy dog the end".split()
counts = []
for w in words:
    if w.startswith("t"):
        counts.append(w.upper())
print(counts, len(words), " ".join(sorted(words)))
n = "12,345".replace(",", "")
print(int(n) + 1, "3.5".split("."), "a b c".split(" ")[1])
