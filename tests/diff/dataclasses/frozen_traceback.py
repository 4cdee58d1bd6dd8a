# Assigning a field of a frozen dataclass: dataclasses.FrozenInstanceError from the generated
# __setattr__, whose traceback row is CPython's `File "<string>", line 4, in __setattr__`.
import dataclasses


@dataclasses.dataclass(frozen=True)
class Config:
    name: str
    retries: int = 3


cfg = Config("svc")
print(cfg, cfg.retries)
cfg.retries = 5
