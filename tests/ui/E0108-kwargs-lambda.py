f = lambda **kw: kw
