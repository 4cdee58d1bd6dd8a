from string import Template, capwords

print(capwords("a b"), Template("$x").substitute(x=1))
