def f(items):
    async for i in items:
        pass
