# -*- coding: latin-1 -*-
# A Latin-1 source (PEP 263): its text is decoded as CPython decodes it.
s = "café à µ"
print(s, len(s), s[3], s * 2)
print(repr("ÿ"), ascii("é"))
