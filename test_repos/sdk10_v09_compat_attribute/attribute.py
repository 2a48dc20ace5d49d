import tecton

# `import tecton` does not load `tecton.v09_compat`, and no file of this repository imports it.
store = tecton.v09_compat.Entity(name="store", join_keys=["store_id"])
