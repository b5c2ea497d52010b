"""The knowledge base: EU acts, Swedish statutes, EU policies, policy areas and subject cues.

The YAML files in ``data/`` are written from facts (the Official Journal, EUR-Lex, the Swedish
statute register) and read by the EU-impact engine without Django; the web app loads them into the
database so administrators can edit them.
"""
