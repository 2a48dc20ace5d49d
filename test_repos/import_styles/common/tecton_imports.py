# A re-export module: other modules import Tecton classes from here.
from tecton import BatchSource, Entity, FileConfig  # noqa: F401
from tecton.types import Field, String  # noqa: F401
