from common.versions import RUNTIME

# Reaches a view through `**OPTIONS`: the view's argument is the expansion.
OPTIONS = dict(offline=True, tecton_materialization_runtime=RUNTIME)
