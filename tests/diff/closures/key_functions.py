# key= in sorted, list.sort, min and max, with lambdas, functions and builtins.
words = ["banana", "Apple", "cherry", "date", "Elder"]
print(sorted(words))
print(sorted(words, key=len))
print(sorted(words, key=lambda w: w.lower()))
print(sorted(words, key=len, reverse=True))
def last(w):
    return w[-1]
ws = list(words)
ws.sort(key=last)
print(ws)
print(min(words, key=len), max(words, key=len))
print(min([3, -7, 5], key=abs), max([3, -7, 5], key=abs))
print(max([], key=len, default="none"))
pairs = [(1, "b"), (0, "c"), (1, "a"), (0, "a")]
print(sorted(pairs, key=lambda p: p[0]))
print(sorted(pairs, key=lambda p: p[1]))
print(min(4, 2, 8, key=lambda v: -v))
