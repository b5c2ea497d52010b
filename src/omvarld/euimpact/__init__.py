"""The EU-impact engine: reads meeting documents, finds their agenda items and codes them.

Plain Python without Django, so the command line, the benchmarks and the web app share it.
"""

__version__ = "0.1.0"
