# String building: f-strings, join, str methods in a loop.
rows = []
for i in range(100000):
    name = f"item{i % 97}"
    rows.append(f"{name:>8}|{i * 3:06d}|{i / 7:.3f}")
text = "\n".join(rows)
lines = text.splitlines()
total = 0
for line in lines:
    fields = line.split("|")
    total += int(fields[1])
print(len(text), len(lines), total, lines[12345].strip())
