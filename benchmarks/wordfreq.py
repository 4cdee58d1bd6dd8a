# Word frequency over generated text: str.split, dict get/set, sorting the counts.
words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu"]
parts = []
x = 17
for i in range(200000):
    x = (x * 1103515245 + 12345) % 2147483648
    parts.append(words[x % 12])
text = " ".join(parts)
counts = {}
for w in text.split():
    counts[w] = counts.get(w, 0) + 1
pairs = []
for w, c in counts.items():
    pairs.append((c, w))
pairs.sort(reverse=True)
print(len(parts), pairs[:3], sum(counts.values()))
