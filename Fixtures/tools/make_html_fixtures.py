#!/usr/bin/env python3
"""Writes the HTML report's fixtures in Fixtures/html/ from a fixed seed, and scikit-learn's
confusion matrix of each (matrices.expected.json, its non-zero cells), so that the browser tests compare the
heatmap's cells with scikit-learn's counts, not with predeval's own JSON alone:
- classes_20.csv: 20 classes, 1,000 rows, long, non-Latin and markup labels (<script>...);
- classes_300.csv: 300 classes, 6,000 rows, each class confused with two neighbours of a
  shuffled ring, so that seriation has structure to find;
and the rows of random_multi_label.csv by their own Jaccard index (the overlap histogram).
usage: /tmp/sk/bin/python Fixtures/tools/make_html_fixtures.py
"""
import csv
import json
import os
import random
from fractions import Fraction

import sklearn
from sklearn.metrics import confusion_matrix

HERE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "html")

LABELS_20 = [
    "cat", "dog", "bird", "fish", "hamster", "<script>alert(1)</script>", "Schwarzwälder Kirschtorte mit Sahne und Kirschwasser",
    "日本語のラベル", "العربية", "naïve", "a & b", "\"quoted\"", "horse", "lizard", "owl", "rabbit", "snake", "turtle", "wolf", "zebra",
]


def write(name, rows):
    with open(os.path.join(HERE, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["actual", "predicted"])
        w.writerows(rows)


def row_jaccard_histogram(name):
    """Rows of Fixtures/NAME (columns y_true, y_pred: sets split on |, labels trimmed, empty
    labels dropped) by |actual & predicted| / |actual | predicted| (two empty sets: 1), in
    bins [0, 0.1), ..., [0.9, 1) and exactly 1."""
    bins = [0] * 11
    with open(os.path.join(os.path.dirname(HERE), name), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            actual, predicted = ({l.strip() for l in row[c].split("|")} - {""} for c in ("y_true", "y_pred"))
            union = actual | predicted
            share = Fraction(1) if not union else Fraction(len(actual & predicted), len(union))
            bins[10 if share == 1 else int(share * 10)] += 1
    return bins


def main():
    rng = random.Random(19)
    rows20 = []
    for _ in range(1000):
        truth = rng.choice(LABELS_20)
        r = rng.random()
        if r < 0.7:
            guess = truth
        elif r < 0.9:
            guess = LABELS_20[(LABELS_20.index(truth) + 1) % 20]
        else:
            guess = rng.choice(LABELS_20)
        rows20.append((truth, guess))
    write("classes_20.csv", rows20)

    labels300 = [f"class_{i:03d}" for i in range(300)]
    ring = labels300[:]
    rng.shuffle(ring)
    rows300 = []
    for _ in range(6000):
        position = rng.randrange(300)
        truth = ring[position]
        r = rng.random()
        if r < 0.75:
            guess = truth
        elif r < 0.9:
            guess = ring[(position + 1) % 300]
        elif r < 0.99:
            guess = ring[(position - 1) % 300]
        else:
            guess = rng.choice(labels300)
        rows300.append((truth, guess))
    write("classes_300.csv", rows300)

    expected = {"about": __doc__.split("\n")[0], "scikit_learn": sklearn.__version__, "matrices": {}}
    for name, rows in (("classes_20.csv", rows20), ("classes_300.csv", rows300)):
        # The report's label order: UTF-8 byte order of the labels that occur.
        labels = sorted({label for row in rows for label in row}, key=lambda s: s.encode("utf-8"))
        matrix = confusion_matrix([r[0] for r in rows], [r[1] for r in rows], labels=labels)
        # Sparse: [actual index, predicted index, count] of every non-zero cell, row by row.
        cells = [[i, j, int(n)] for i, row in enumerate(matrix) for j, n in enumerate(row) if n]
        expected["matrices"][name] = {"labels": labels, "cells": cells}
    expected["row_jaccard_histograms"] = {"random_multi_label.csv": row_jaccard_histogram("random_multi_label.csv")}
    with open(os.path.join(HERE, "matrices.expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
