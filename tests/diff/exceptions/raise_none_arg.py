# None as the argument prints "None"
raise TypeError(None)
