"""The course's grader, in the order it works (``tools/grade.py`` runs it):

1. ``handins``  — find the hand-ins in a submissions folder and read each as plain cells;
2. ``sandbox``  — run one hand-in's cells in a bubblewrap sandbox against a copy of the course without the
   answer key (``course``), with ``runner`` inside, and bring back plain values only;
3. ``judge``    — judge those values with the answer key, in the grader's own process;
4. ``results``  — write scores, totals, written answers to mark and a summary, all at once.

Each step passes records (``HandIn``, ``Run``, ``Result`` with its ``Score`` and ``WrittenAnswer`` rows).
"""
