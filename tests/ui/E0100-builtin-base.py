class Stack(list):
    def push(self, x):
        self.append(x)
