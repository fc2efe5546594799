"""Grading answer sheets from scans and phone photos (`quizgen grade`; needs `quizgen[grade]`).

    scans ──images──▶ page pixels ──locate──▶ page in mm (markers, homography, QR)
          ──measure──▶ every bubble filled / empty / uncertain ──score──▶ grades.csv, review page

Nothing imports OpenCV or numpy at module level outside `images`, `locate` and `measure`, and the
command imports this package only when it runs: the rest of quizgen stays fast to start.
"""
