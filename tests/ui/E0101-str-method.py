# str methods come with the text work: a call of one is refused, never an AttributeError.
words = "a b"
print(words.split())
