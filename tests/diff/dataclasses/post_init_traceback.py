# An exception raised through a dataclass's generated __init__: its frame is CPython's
# `File "<string>", line N, in __init__` (the text dataclasses writes), with no source line.
from dataclasses import dataclass, field


@dataclass
class Account:
    owner: str
    balance: int = 0
    log: list = field(default_factory=list)

    def __post_init__(self):
        if self.balance < 0:
            raise ValueError(f"negative balance for {self.owner}: {self.balance}")
        self.log.append("opened")


print(Account("ann", 5))
try:
    Account("bob", -1)
except ValueError as e:
    print("ValueError:", e)
Account("cid", -2)
