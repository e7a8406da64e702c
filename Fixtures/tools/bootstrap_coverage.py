#!/usr/bin/env python3
"""How often predeval's 95 % bootstrap intervals cover the true value (docs/metrics.md).

Draws DATASETS datasets of ROWS rows each from one known population — three classes with
shares 0.5, 0.3, 0.2 and a fixed confusion matrix of probabilities — scores each with
`predeval --ci 0.95 --bootstrap 1000 --seed i`, and counts the datasets whose accuracy and macro-F1
intervals hold the population's value (accuracy: the chance that a row is right; macro F1: the
mean over classes of 2·P(actual = predicted = c) / (P(actual = c) + P(predicted = c))).

usage: /tmp/sk/bin/python Fixtures/tools/bootstrap_coverage.py PREDEVAL [DATASETS] [ROWS]
"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

SHARES = np.array([0.5, 0.3, 0.2])
# P(predicted = column | actual = row).
CONFUSION = np.array([[0.85, 0.10, 0.05], [0.15, 0.70, 0.15], [0.10, 0.20, 0.70]])
LABELS = ["a", "b", "c"]


def population():
    joint = SHARES[:, None] * CONFUSION
    accuracy = float(np.trace(joint))
    f1 = [2 * joint[c, c] / (joint[c, :].sum() + joint[:, c].sum()) for c in range(3)]
    return accuracy, float(np.mean(f1))


def main():
    predeval = sys.argv[1]
    datasets = int(sys.argv[2]) if len(sys.argv) > 2 else 400
    rows = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
    true_accuracy, true_macro_f1 = population()
    rng = np.random.default_rng(2026)
    covered = {"accuracy": 0, "macro-f1": 0}
    widths = {"accuracy": [], "macro-f1": []}
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "sample.csv")
        for index in range(datasets):
            actual = rng.choice(3, size=rows, p=SHARES)
            predicted = np.array([rng.choice(3, p=CONFUSION[a]) for a in actual])
            with open(path, "w") as f:
                f.write("actual,predicted\n")
                f.writelines(f"{LABELS[a]},{LABELS[p]}\n" for a, p in zip(actual, predicted))
            run = subprocess.run([predeval, path, "--ci", "0.95", "--bootstrap", "1000", "--seed", str(index), "--format", "json"],
                                 capture_output=True, text=True, check=True)
            report = json.loads(run.stdout)
            for name, interval, truth in [("accuracy", report["accuracy_ci"], true_accuracy),
                                          ("macro-f1", report["averages"]["macro"]["ci"]["f1"], true_macro_f1)]:
                covered[name] += interval[0] <= truth <= interval[1]
                widths[name].append(interval[1] - interval[0])
    print(f"{datasets} datasets of {rows} rows; population accuracy {true_accuracy:.4f}, macro F1 {true_macro_f1:.4f}")
    for name in covered:
        print(f"{name}: covered in {covered[name]} of {datasets} ({100 * covered[name] / datasets:.1f} %), "
              f"mean width {np.mean(widths[name]):.4f}")


if __name__ == "__main__":
    main()
