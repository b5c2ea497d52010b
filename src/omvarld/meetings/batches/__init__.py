"""Import batches: the files given together, imported one by one, split by layer.

- :mod:`.checks`: who may import, and what an upload must be (size, count, kind of file);
- :mod:`.entries`: the files and archive members of a batch, read within limits;
- :mod:`.run`: the run, one file at a time, each written in its own short transaction and
  recorded as it finishes, so that a run stopped by a crash resumes from the first unfinished file;
- :mod:`.create`: a batch from an upload or a command; the only part that queues the task;
- :mod:`.summary`: what a batch did, as data for the pages and as lines for the command;
- :mod:`.recovery`: batches left unfinished by a stopped worker or command, resumed or failed.
"""
