# re: Unicode subjects and patterns — code point positions, classes, case-insensitivity.
import re

s = "naïve café — 東京 2024 ٣"
print(re.findall(r"\w+", s), re.findall(r"\w+", s, re.ASCII))
print([m.span() for m in re.finditer(r"\w+", s)])
print(re.findall(r"\d+", s), re.findall(r"\d", s, re.A), re.findall(r"\s", "a\u00a0b\u3000c"))
print(re.search("東京", s).span(), re.sub("é", "e", s), re.split(r"\s*—\s*", s))
print(re.findall("(?i)CAFÉ", "Café CAFÉ café"), re.match("ΣΑΣ", "σας", re.I), re.match("(?i)straße", "STRASSE"))
print(re.findall(r"[α-ω]+", "αβγ ΔΕΖ δεζ"), re.findall(r"(?i)[α-ω]+", "αβγ ΔΕΖ"))
print(re.match(r"\u00e9", "é"), re.match(r"\U0001F600", "\U0001F600!"), re.findall(r"[😀-😂]", "a😀b😂"))
print(re.match(".", "😀"), len(re.match(".+", "😀x😀").group()), re.match(r"\W", "—"))
m = re.search(r"(?P<word>\w+)ë", "Noël")
print(m, m.start(), m.group("word"))
print(re.sub(r"\b", "|", "héllo wörld"), re.findall(r"\b\w", "ünïcode wörds"))
print(re.fullmatch(r"[^\W\d_]+", "Ünïcödé"), re.fullmatch(r"[^\W\d_]+", "abc1"))
