#!/usr/bin/env python3
"""Writes the generated fixture CSVs (the glossary example and the seeded random files).

The hand-written fixtures are committed as they are; this script makes the ones that are easier
to state as a rule. It is deterministic: running it again rewrites the same bytes.
usage: python3 Fixtures/tools/make_fixtures.py
"""
import os
import random

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def write(name, text):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="") as f:
        f.write(text)


def glossary():
    """The micro-precision/micro-recall glossary example as multi-label rows.

    Per class: A 2 TP, 8 FP, 5 FN; B 1 TP, 5 FP, 3 FN; C 1 TP, 3 FP, 4 FN; plus one row whose
    sets are both empty. Micro-precision 4/20 = 0.2, micro-recall 4/16 = 0.25.
    """
    plan = {"A": (0, ["tp"] * 2 + ["fp"] * 8 + ["fn"] * 5),
            "B": (3, ["tp"] * 1 + ["fp"] * 5 + ["fn"] * 3),
            "C": (6, ["tp"] * 1 + ["fp"] * 3 + ["fn"] * 4)}
    rows = [(set(), set()) for _ in range(16)]
    for label, (first_row, events) in plan.items():
        for offset, event in enumerate(events):
            actual, predicted = rows[first_row + offset]
            if event in ("tp", "fn"):
                actual.add(label)
            if event in ("tp", "fp"):
                predicted.add(label)
    lines = ["id,actual,predicted"]
    for index, (actual, predicted) in enumerate(rows, start=1):
        lines.append(f"{index},{'|'.join(sorted(actual))},{'|'.join(sorted(predicted))}")
    write("glossary_micro_multilabel.csv", "\n".join(lines) + "\n")


def random_single():
    rng = random.Random(20261122)
    classes = ["ant", "bee", "cat", "dog", "eel", "fox", "gnu"]
    weights = [30, 20, 15, 12, 10, 8, 5]
    lines = ["row,actual,predicted,score"]
    for index in range(2000):
        actual = rng.choices(classes, weights)[0]
        predicted = actual if rng.random() < 0.7 else rng.choice(classes)
        lines.append(f"{index},{actual},{predicted},{rng.random():.3f}")
    write("random_single_label.csv", "\n".join(lines) + "\n")


def random_multi():
    rng = random.Random(7)
    tags = ["blues", "folk", "jazz", "pop", "rap", "rock"]
    lines = ["track,y_true,y_pred"]
    for index in range(1000):
        actual = [t for t in tags if rng.random() < 0.3]
        predicted = [t for t in tags if (t in actual and rng.random() < 0.8) or (t not in actual and rng.random() < 0.15)]
        lines.append(f"t{index},{'|'.join(actual)},{'|'.join(predicted)}")
    write("random_multi_label.csv", "\n".join(lines) + "\n")


if __name__ == "__main__":
    glossary()
    random_single()
    random_multi()
