# -*- coding: latin-1 -*-
OWNER = "josé"
