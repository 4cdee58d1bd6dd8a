# strings compare by code point, lexicographically
print("a" < "b", "B" < "a", "abc" < "abd", "ab" < "abc", "é" > "z", "" == "", "Z" < "a")
print(min("pear", "apple"), max("pear", "apple"))
