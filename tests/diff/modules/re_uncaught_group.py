# re: an uncaught IndexError from Match.group (a method of sre's C code: no library frames).
import re


def second_word(text):
    m = re.match(r"(\w+) (\w+)", text)
    return m.group(3)


print(re.match(r"(\w+) (\w+)", "a b").group(2))
print(second_word("hello world"))
