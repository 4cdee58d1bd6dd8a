# re: an uncaught TypeError from a Pattern method given a non-string.
import re

p = re.compile(r"\d+")
print(p.findall("1 2 3"))
p.search(42)
