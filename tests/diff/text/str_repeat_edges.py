# repetition by zero, negative and boolean counts
print(repr("ab" * 0), repr("ab" * -2), repr("ab" * True), repr(3 * "x"))
