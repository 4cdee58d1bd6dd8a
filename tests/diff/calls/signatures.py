# Defaults (evaluated once, when the def runs), keyword arguments, keyword-only and
# positional-only parameters, *args.
def power(base, exp=2):
    return base ** exp

print(power(3), power(2, 10), power(exp=3, base=2), power(5, exp=0))

def describe(name, /, greeting="Hello", *, punct="!", upper=False):
    text = greeting + ", " + name + punct
    if upper:
        return str(text) + " (upper)"
    return text

print(describe("Ann"), describe("Bob", "Hi"), describe("Cy", punct="?"), describe("Di", upper=True, greeting="Yo"))

def total(*nums):
    s = 0
    for n in nums:
        s += n
    return s, len(nums), nums

print(total(), total(1), total(1, 2, 3.5))

def head_tail(first, *rest, sep="-"):
    return str(first) + sep + str(rest)

print(head_tail(1), head_tail(1, 2, 3), head_tail("a", "b", sep="+"))
calls = []

def remember(x, seen=calls):
    seen.append(x)
    return len(seen)

print(remember(1), remember(2), calls)
counter = 10

def snapshot(v=counter):
    return v

counter = 20
print(snapshot(), counter)

def kwonly(*, a, b=2):
    return a * b

print(kwonly(a=3), kwonly(b=5, a=1))
