# Re-exported from a module of the package: the module runs once, so one registration.
from shared.entities import merchant
