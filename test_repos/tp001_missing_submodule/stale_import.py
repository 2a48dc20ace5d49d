import ents.nosuch
