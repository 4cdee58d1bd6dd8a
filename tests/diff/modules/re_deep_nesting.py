# re: deeply nested groups compile; nesting past CPython's recursion limit is a RecursionError (never a native stack overflow).
import re
p = re.compile("(" * 200 + "a" + ")" * 200)
print(p.groups, p.match("a").span(200))
try:
    re.compile("(?:" * 5000 + ")" * 5000)
except RecursionError as e:
    print("RecursionError")
