# Counting words with a dict: the shape of many real programs.
text = "the quick brown fox jumps over the lazy dog the fox"
counts = {}
for w in text.split():
    counts[w] = counts.get(w, 0) + 1
print(counts)
by_count = sorted(counts.items(), key=None)
print(by_count)
top = []
for w, c in counts.items():
    if c > 1:
        top.append((c, w))
top.sort(reverse=True)
print(top)
first_letter = {}
for w in text.split():
    first_letter.setdefault(w[0], []).append(w)
print(first_letter, len(first_letter))
