CURRENT = "1.2.13"
RETIRED = "0.9.25"


class Pins:
    STREAMING = "1.2.13"
