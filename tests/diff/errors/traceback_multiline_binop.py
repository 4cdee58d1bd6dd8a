# an operator over two lines: markers to the end of its first line
a = 2
b = (a +
     None)
