from common import Names, table

table(Names.PLAIN)
