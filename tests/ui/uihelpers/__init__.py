def greet():
    return salutation + ", world"
