COMMON = {"online": True, "tecton_materialization_runtime": "1.2.1"}
COMMON2 = dict(offline=True, tecton_materialization_runtime="1.2.2")
