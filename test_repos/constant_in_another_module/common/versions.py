"""Runtimes shared by the feature modules: a finding about one is reported at each view that takes
it (in the view's file) and labels this definition."""

RUNTIME = "1.1.5"
CURRENT_RUNTIME = "1.2.13"
