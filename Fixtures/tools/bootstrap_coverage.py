#!/usr/bin/env python3
"""How often predeval's 95 % bootstrap intervals cover the true value (docs/metrics.md).

Draws DATASETS datasets of ROWS rows each from one known population — three classes with
shares 0.5, 0.3, 0.2 and a fixed confusion matrix of probabilities — scores each with
`predeval --ci 0.95 --bootstrap 1000 --seed i`, and counts the datasets whose accuracy and macro-F1
intervals hold the population's value (accuracy: the chance that a row is right; macro F1: the
mean over classes of 2·P(actual = predicted = c) / (P(actual = c) + P(predicted = c))).

Then as many datasets of a binary score, 30 % positive, the score the logistic function of a
normal draw (mean 1.2 for positives, 0 for negatives, spread 1), scored with `--score`: the
ROC-AUC interval against the population's Φ(1.2 / √2), the average-precision interval against
∫ precision d(recall) over the population's thresholds.

usage: /tmp/sk/bin/python Fixtures/tools/bootstrap_coverage.py PREDEVAL [DATASETS] [ROWS]
"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
from scipy import integrate, stats

SHARES = np.array([0.5, 0.3, 0.2])
# P(predicted = column | actual = row).
CONFUSION = np.array([[0.85, 0.10, 0.05], [0.15, 0.70, 0.15], [0.10, 0.20, 0.70]])
LABELS = ["a", "b", "c"]


def population():
    joint = SHARES[:, None] * CONFUSION
    accuracy = float(np.trace(joint))
    f1 = [2 * joint[c, c] / (joint[c, :].sum() + joint[:, c].sum()) for c in range(3)]
    return accuracy, float(np.mean(f1))


POSITIVE_SHARE, SEPARATION = 0.3, 1.2


def ranking_population():
    """ROC-AUC and average precision of the population: scores logistic(N(1.2, 1)) for positives,
    logistic(N(0, 1)) for negatives (the logistic is monotone: the normal draws rank alike)."""
    auc = float(stats.norm.cdf(SEPARATION / np.sqrt(2)))

    def precision(t):
        positives, negatives = POSITIVE_SHARE * stats.norm.sf(t - SEPARATION), (1 - POSITIVE_SHARE) * stats.norm.sf(t)
        return positives / (positives + negatives)

    # AP = E[precision at a positive's own score] = ∫ precision(t) · density of positives(t) dt.
    ap, _ = integrate.quad(lambda t: precision(t) * stats.norm.pdf(t - SEPARATION), -12, 14, limit=200)
    return auc, float(ap)


def ranking_coverage(predeval, datasets, rows):
    true_auc, true_ap = ranking_population()
    rng = np.random.default_rng(2027)
    covered = {"roc-auc": 0, "average-precision": 0}
    widths = {"roc-auc": [], "average-precision": []}
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "scores.csv")
        for index in range(datasets):
            positive = rng.random(rows) < POSITIVE_SHARE
            score = 1 / (1 + np.exp(-(rng.standard_normal(rows) + SEPARATION * positive)))
            with open(path, "w") as f:
                f.write("actual,score\n")
                f.writelines(f"{'pos' if p else 'neg'},{s!r}\n" for p, s in zip(positive, score.tolist()))
            run = subprocess.run([predeval, path, "--actual", "actual", "--score", "score", "--positive", "pos", "--ci", "0.95",
                                  "--bootstrap", "1000", "--seed", str(index), "--format", "json"],
                                 capture_output=True, text=True, check=True)
            ci = json.loads(run.stdout)["ranking"]["ci"]
            for name, interval, truth in [("roc-auc", ci["roc_auc"], true_auc), ("average-precision", ci["average_precision"], true_ap)]:
                covered[name] += interval[0] <= truth <= interval[1]
                widths[name].append(interval[1] - interval[0])
    print(f"{datasets} datasets of {rows} scored rows; population ROC-AUC {true_auc:.4f}, average precision {true_ap:.4f}")
    for name in covered:
        print(f"{name}: covered in {covered[name]} of {datasets} ({100 * covered[name] / datasets:.1f} %), "
              f"mean width {np.mean(widths[name]):.4f}")


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
    ranking_coverage(predeval, datasets, rows)


if __name__ == "__main__":
    main()
