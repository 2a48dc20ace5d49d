# A list another module imports and then grows: the two names hold one list.
NAMES = []
