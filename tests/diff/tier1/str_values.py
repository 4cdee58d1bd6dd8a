# str values stored, passed, returned, concatenated, compared and repeated
def greet(name):
    return "hello, " + name

s = greet("molt")
print(s)
t = s + "!" * 3
print(t)
print("a" < "b", "abc" == "abc", "x" != "y", "b" >= "ab", "" < "a")
if s:
    print("non-empty")
if not "":
    print("empty is false")
print(3 * "ab", "ab" * 0, "-" * 10)
