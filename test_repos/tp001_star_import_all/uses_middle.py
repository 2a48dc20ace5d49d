from middle import hidden
