"""Statistics Sweden's PxWebApi 2.0: the client (``client``), the JSON-stat2 reader (``jsonstat``)
and what SCB's codes mean (``codes``). Only ``client`` reaches outside the process, through the
platform's one HTTP client."""
