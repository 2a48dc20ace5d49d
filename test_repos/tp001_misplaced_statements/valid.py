"""Valid code that puts statements in unusual places."""
from __future__ import annotations

import asyncio


class Holder:
    def method(self):
        for i in range(3):
            def inner():
                return i
            if i:
                continue
        return inner


def loops():
    while True:
        for x in range(2):
            pass
        else:
            break
    for y in range(3):
        try:
            continue
        finally:
            pass
    for z in range(2):
        for w in range(2):
            pass
        else:
            continue
    return None


gen = lambda: (yield)


def outer():
    count = 0

    def bump():
        nonlocal count
        count += 1

    class Inner:
        def g(self):
            yield 1
    return bump, Inner


async def fetch(items):
    async for item in items:
        await asyncio.sleep(0)
    async with asyncio.Lock():
        pass
    return [await asyncio.sleep(0) for _ in range(2)]


def sync_with_async_gen(items):
    return (x async for x in items)


f = lambda a, b=lambda c, d=1: c: a
