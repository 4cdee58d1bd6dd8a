# Dicts with enumerate, zip, sorted, comprehensions, nested structures and tuple keys.
scores = {"ann": [90, 85], "bob": [70], "cy": []}
for i, (name, marks) in enumerate(sorted(scores.items())):
    avg = sum(marks) / len(marks) if marks else 0.0
    print(i, name, round(avg, 1), max(marks, default=None))
keys = ["x", "y", "z"]
vals = [1, 2, 3]
d = dict(zip(keys, vals))
inv = {v: k for k, v in d.items()}
print(d, inv, {k: [j for j in range(v)] for k, v in d.items() if v > 1})
grid = {}
for r in range(3):
    for c in range(3):
        grid[(r, c)] = r * 3 + c
print(grid[(1, 2)], len(grid), (2, 2) in grid, sorted(grid)[:4], sum(grid.values()))
counts = {}
for ch in "hello world":
    if ch != " ":
        counts[ch] = counts.get(ch, 0) + 1
print(sorted(counts.items(), reverse=True)[:3], max(counts.values()), list(counts)[:4])
