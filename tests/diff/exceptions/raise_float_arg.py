# a float argument
raise OverflowError(2.5)
