"""Clients for the official EU sources: EUR-Lex/CELLAR, Have Your Say and the European
Parliament's open data. Each turns a source's payload into plain records (``records``); only
``http`` reaches outside the process."""
