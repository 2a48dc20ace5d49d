from ents.renamed import user
