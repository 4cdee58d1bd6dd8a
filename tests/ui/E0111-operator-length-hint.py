import operator

print(operator.length_hint([1, 2]), operator.matmul)
