class Name(str):
    def shout(self):
        return self.upper()
