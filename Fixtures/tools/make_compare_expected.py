#!/usr/bin/env python3
"""Writes the files of Fixtures/compare/ and Fixtures/compare_expected.json: for each case of
`predeval compare`, what scikit-learn and statsmodels give — each file's metric, the paired
bootstrap interval of the difference (design §6: a row weighs the same in both files, by the
FNV-1a 64 of its id, or in row order by the byte offset of the baseline's row; each replicate's
metric is scikit-learn's with the weights as sample_weight; the interval is numpy.quantile
(method "linear") of the defined replicate differences), McNemar's b and c, and the p-value of
statsmodels' mcnemar(exact=True). Also McNemar's p-value for a table of (b, c) pairs.
Multi-label files (ml_*.csv: sets joined by "|") are binarized over the labels of both sets;
a row is right for McNemar when its two sets are equal (subset accuracy).

Independent of predeval: the weights and keys come from make_bootstrap_expected.py, which
implements §6 from its formulas.

usage: /tmp/sk/bin/python Fixtures/tools/make_compare_expected.py   (needs scikit-learn, statsmodels)
"""
import csv
import json
import math
import os
import sys
import warnings

import numpy as np
import sklearn
import statsmodels
from sklearn.metrics import (accuracy_score, balanced_accuracy_score, cohen_kappa_score, log_loss, matthews_corrcoef,
                             precision_recall_fscore_support, top_k_accuracy_score)
from statsmodels.stats.contingency_tables import mcnemar

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_bootstrap_expected import fnv1a, interval, multi_metrics, rows_with_offsets, weights  # noqa: E402
from sklearn.preprocessing import MultiLabelBinarizer  # noqa: E402

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FOLDER = os.path.join(HERE, "compare")
LABELS = ["bird", "cat", "dog", "fish"]
TAGS = ["folk", "jazz", "pop", "rock"]


def write(name, header, rows):
    with open(os.path.join(FOLDER, name), "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def noisy(rng, truth, accuracy, labels):
    return [t if rng.random() < accuracy else labels[rng.integers(len(labels))] for t in truth]


def make_files():
    os.makedirs(FOLDER, exist_ok=True)
    rng = np.random.default_rng(20261201)
    n = 400
    truth = [LABELS[i] for i in rng.choice(4, n, p=[0.1, 0.4, 0.35, 0.15])]
    ids = [f"r{i:04d}" for i in range(n)]
    base = noisy(rng, truth, 0.70, LABELS)
    better = noisy(rng, truth, 0.85, LABELS)
    worse = noisy(rng, truth, 0.55, LABELS)
    # Row order: the candidates' rows start at other offsets than the baseline's.
    write("base.csv", ["id", "actual", "predicted"], zip(ids, truth, base))
    write("better.csv", ["predicted", "actual", "confidence"],
          [(p, t, f"{rng.random():.6f}") for p, t in zip(better, truth)])
    write("worse.csv", ["actual", "predicted"], zip(truth, worse))
    write("same.csv", ["actual", "predicted", "note"], [(t, p, "x" * (i % 7)) for i, (t, p) in enumerate(zip(truth, base))])
    # By id: a candidate in another order.
    order = rng.permutation(n)
    write("shuffled.csv", ["id", "actual", "predicted"], [(ids[i], truth[i], better[i]) for i in order])
    # A truth file, and prediction files without actual labels, one lacking some ids.
    write("truth.csv", ["id", "label"], zip(ids, truth))
    write("pred_a.csv", ["id", "pred"], [(ids[i], base[i]) for i in rng.permutation(n)])
    kept = [i for i in rng.permutation(n) if i % 9 != 4]
    write("pred_b.csv", ["id", "pred"], [(ids[i], worse[i]) for i in kept])
    # Binary problems.
    churn = ["yes" if rng.random() < 0.3 else "no" for _ in range(n)]
    write("churn_a.csv", ["id", "churned", "predicted"], zip(ids, churn, noisy(rng, churn, 0.75, ["no", "yes"])))
    write("churn_b.csv", ["id", "churned", "predicted"], zip(ids, churn, noisy(rng, churn, 0.80, ["no", "yes"])))
    # Probabilities of two models (softmax of noisy logits), the second's columns in another order.
    onehot = np.array([[1.0 if t == label else 0.0 for label in LABELS] for t in truth])

    def probabilities(signal):
        logits = signal * onehot + rng.normal(0, 1, onehot.shape)
        e = np.exp(logits - logits.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)

    pa, pb = probabilities(1.5), probabilities(2.5)
    write("probs_a.csv", ["actual"] + [f"p_{label}" for label in LABELS], [[t] + [repr(float(v)) for v in row] for t, row in zip(truth, pa)])
    reversed_labels = LABELS[::-1]
    write("probs_b.csv", [f"p_{label}" for label in reversed_labels] + ["actual"],
          [[repr(float(row[LABELS.index(label)])) for label in reversed_labels] + [t] for t, row in zip(truth, pb)])
    make_multi_label_files(rng, ids)


def make_multi_label_files(rng, ids):
    """Tag sets (some empty) and three models' sets; the candidates write their sets in another
    order, one its columns too, one its rows."""
    n = len(ids)
    truth = [sorted(t for t in TAGS if rng.random() < 0.35) for _ in range(n)]

    def noisy_sets(flip):
        return [sorted(t for t in TAGS if (t in row) != (rng.random() < flip)) for row in truth]

    def cell(tags, reverse=False):
        return "|".join(sorted(tags, reverse=reverse))

    base, better, worse = noisy_sets(0.15), noisy_sets(0.07), noisy_sets(0.25)
    write("ml_base.csv", ["id", "tags", "predicted"], [(i, cell(t), cell(p)) for i, t, p in zip(ids, truth, base)])
    write("ml_better.csv", ["predicted", "tags"], [(cell(p, True), cell(t, True)) for t, p in zip(truth, better)])
    write("ml_worse.csv", ["tags", "predicted"], [(cell(t), cell(p, True)) for t, p in zip(truth, worse)])
    order = rng.permutation(n)
    write("ml_shuffled.csv", ["id", "tags", "predicted"], [(ids[i], cell(truth[i], True), cell(better[i])) for i in order])
    write("ml_truth.csv", ["id", "tags"], [(i, cell(t)) for i, t in zip(ids, truth)])
    write("ml_pred_a.csv", ["id", "pred"], [(ids[i], cell(base[i])) for i in rng.permutation(n)])
    kept = [i for i in rng.permutation(n) if i % 7 != 3]
    write("ml_pred_b.csv", ["id", "pred"], [(ids[i], cell(worse[i], True)) for i in kept])


def read(name, truth_file=None):
    """A file's counted rows: (key by offset, id cell or None, actual, predicted, scores by
    class or None); a file of p_* columns predicts their argmax."""
    rows = rows_with_offsets(os.path.join(FOLDER, name))
    header, body = rows[0][1], rows[1:]
    names = [h.lower() for h in header]
    if any(h.startswith("p_") for h in header):
        columns = [i for i, h in enumerate(header) if h.startswith("p_")]
        classes = [header[i][2:] for i in columns]
        ia = names.index("actual")
        out = []
        for offset, r in body:
            scores = [float(r[i]) for i in columns]
            out.append((offset, None, r[ia], classes[int(np.argmax(scores))], dict(zip(classes, scores))))
        return out
    if truth_file:
        truth = {r[0]: r[1] for _, r in rows_with_offsets(os.path.join(FOLDER, truth_file))[1:]}
        return [(offset, r[0], truth[r[0]], r[names.index("pred")], None) for offset, r in body if r[0] in truth]
    ia = next(names.index(n) for n in ["actual", "churned", "tags"] if n in names)
    ip = names.index("predicted")
    iid = names.index("id") if "id" in names else None
    return [(offset, r[iid] if iid is not None else None, r[ia], r[ip], None) for offset, r in body]


def tag_set(cell):
    return frozenset(t for t in cell.split("|") if t != "")


def multi_metric_value(metric, yt, yp, labels, w, zd):
    """A metric of label sets, as multi_metrics (scikit-learn, binarized) gives it."""
    binarizer = MultiLabelBinarizer(classes=labels)
    Yt, Yp = binarizer.fit_transform([sorted(tag_set(c)) for c in yt]), binarizer.transform([sorted(tag_set(c)) for c in yp])
    values = multi_metrics(Yt, Yp, labels, w, zd, None)
    if metric in ("accuracy", "hamming-loss"):
        return values[metric.replace("-", "_")]
    if ":" in metric:
        score, label = metric.split(":")
        return values[f"classes[{labels.index(label)}].{score}"]
    average, score = metric.split("-")
    return values[f"{average}.{score}"]


def metric_value(metric, yt, yp, labels, w, zd, positive, scores=None, k=None, multi=False):
    if multi:
        return multi_metric_value(metric, yt, yp, labels, w, zd)
    if sum(w) == 0:
        return math.nan
    kw = {"sample_weight": w}
    if metric in ("log-loss", "top-k-accuracy"):
        classes = sorted(scores[0])
        P = np.array([[row[c] for c in classes] for row in scores])
        if metric == "log-loss":
            return log_loss(yt, P, labels=classes, **kw)
        return top_k_accuracy_score(yt, P, k=k, labels=classes, **kw)
    if metric == "accuracy":
        return accuracy_score(yt, yp, **kw)
    if metric == "mcc":
        return matthews_corrcoef(yt, yp, **kw)
    if metric == "cohen-kappa":
        return cohen_kappa_score(yt, yp, **kw)
    if metric == "balanced-accuracy":
        return balanced_accuracy_score(yt, yp, **kw)
    index = {"precision": 0, "recall": 1, "f1": 2}
    if ":" in metric:
        score, label = metric.split(":")
        values = precision_recall_fscore_support(yt, yp, labels=labels, average=None, zero_division=zd, **kw)
        return values[index[score]][labels.index(label)]
    average, score = metric.split("-")
    if average == "binary":
        values = precision_recall_fscore_support(yt, yp, labels=labels, average=None, zero_division=zd, **kw)
        return values[index[score]][labels.index(positive)]
    values = precision_recall_fscore_support(yt, yp, labels=labels, average=average, zero_division=zd, **kw)
    return values[index[score]]


# (baseline, candidates, metric, replicates, level, seed, by id, truth file, extra args)
CASES = [
    ("base.csv", ["better.csv", "worse.csv", "same.csv"], "macro-f1", 300, 0.95, 0, False, None, []),
    ("base.csv", ["same.csv", "better.csv"], "accuracy", 250, 0.9, 5, False, None, []),
    ("base.csv", ["shuffled.csv"], "mcc", 250, 0.95, 3, True, None, []),
    ("base.csv", ["shuffled.csv"], "weighted-recall", 200, 0.8, 1, True, None,
     ["--labels", "dog,cat,bird", "--zero-division", "nan"]),
    ("base.csv", ["better.csv"], "f1:fish", 200, 0.95, 9, False, None, []),
    ("pred_a.csv", ["pred_b.csv"], "cohen-kappa", 200, 0.95, 2, True, "truth.csv",
     ["--actual", "label", "--predicted", "pred", "--on-missing", "ignore"]),
    ("pred_a.csv", ["pred_b.csv"], "balanced-accuracy", 200, 0.9, 4, True, "truth.csv",
     ["--actual", "label", "--predicted", "pred", "--on-missing", "ignore"]),
    ("churn_a.csv", ["churn_b.csv"], "binary-f1", 300, 0.95, 6, False, None, ["--actual", "churned", "--positive", "yes"]),
    ("probs_a.csv", ["probs_b.csv"], "log-loss", 300, 0.95, 1, False, None, ["--scores", "p_*"]),
    ("probs_a.csv", ["probs_b.csv"], "top-k-accuracy", 250, 0.9, 2, False, None, ["--scores", "p_*", "--top-k", "2"]),
    ("ml_base.csv", ["ml_better.csv", "ml_worse.csv"], "samples-f1", 300, 0.95, 0, False, None,
     ["--multi-label", "--actual", "tags"]),
    ("ml_base.csv", ["ml_shuffled.csv"], "micro-f1", 250, 0.9, 4, True, None, ["--multi-label", "--actual", "tags"]),
    ("ml_base.csv", ["ml_better.csv", "ml_worse.csv"], "hamming-loss", 200, 0.95, 7, False, None,
     ["--multi-label", "--actual", "tags"]),
    ("ml_base.csv", ["ml_worse.csv"], "accuracy", 200, 0.95, 2, False, None, ["--multi-label", "--actual", "tags"]),
    ("ml_base.csv", ["ml_shuffled.csv"], "f1:pop", 200, 0.9, 8, True, None,
     ["--multi-label", "--actual", "tags", "--zero-division", "1"]),
    ("ml_pred_a.csv", ["ml_pred_b.csv"], "macro-f1", 200, 0.95, 5, True, "ml_truth.csv",
     ["--multi-label", "--actual", "tags", "--predicted", "pred", "--on-missing", "ignore"]),
]

MCNEMAR_TABLES = [(0, 0), (0, 1), (1, 0), (5, 5), (3, 10), (10, 3), (46, 94), (100, 130), (0, 40), (12, 1),
                  (1000, 1100), (2000, 2150), (25, 26), (50000, 50500), (300000, 301500)]


def compare(baseline, candidates, metric, replicates, level, seed, by_id, truth_file, args):
    zd = "warn"
    if "--zero-division" in args:
        zd = {"0": 0.0, "1": 1.0, "nan": math.nan}[args[args.index("--zero-division") + 1]]
    positive = args[args.index("--positive") + 1] if "--positive" in args else None
    listed = args[args.index("--labels") + 1].split(",") if "--labels" in args else None
    k = int(args[args.index("--top-k") + 1]) if "--top-k" in args else None
    multi = "--multi-label" in args

    def values_of(rows, keys):
        yt, yp, scores = [r[2] for r in rows], [r[3] for r in rows], [r[4] for r in rows]
        if multi:
            labels = listed or sorted(set().union(*map(tag_set, yt + yp)))
        else:
            labels = listed or sorted(set(yt) | set(yp))
        point = metric_value(metric, yt, yp, labels, np.ones(len(rows)), zd, positive, scores, k, multi)
        table = np.array([weights(key, seed, replicates) for key in keys])
        per = [metric_value(metric, yt, yp, labels, table[:, b].astype(float), zd, positive, scores, k, multi)
               for b in range(replicates)]
        return point, per

    base_rows = read(baseline, truth_file)
    key = (lambda r: fnv1a(r[1].encode("utf-8"))) if by_id else (lambda r: r[0])
    base_point, base_per = values_of(base_rows, [key(r) for r in base_rows])
    out = []
    for candidate in candidates:
        rows = read(candidate, truth_file)
        if by_id:
            keys = [key(r) for r in rows]
            by = {r[1]: r for r in base_rows}
            pairs = [(by[r[1]], r) for r in rows if r[1] in by]
        else:
            keys = [r[0] for r in base_rows]  # the baseline's offsets
            pairs = list(zip(base_rows, rows))
        point, per = values_of(rows, keys)
        differences = [c - b if not (math.isnan(c) or math.isnan(b)) else math.nan for b, c in zip(base_per, per)]
        same = (lambda a, p: tag_set(a) == tag_set(p)) if multi else (lambda a, p: a == p)
        right = [(same(b[2], b[3]), same(c[2], c[3])) for b, c in pairs]
        n01 = sum(1 for b, c in right if b and not c)
        n10 = sum(1 for b, c in right if c and not b)
        n00 = sum(1 for b, c in right if b and c)
        n11 = sum(1 for b, c in right if not b and not c)
        test = mcnemar([[n00, n01], [n10, n11]], exact=True)
        out.append({"baseline": baseline, "candidate": candidate, "metric": metric,
                    "baseline_value": None if math.isnan(base_point) else base_point,
                    "candidate_value": None if math.isnan(point) else point,
                    "difference_ci": interval(differences, level),
                    "mcnemar": {"b": n01, "c": n10, "p_value": float(test.pvalue)}, "paired_rows": len(pairs)})
    return out


def main():
    warnings.simplefilter("ignore")
    make_files()
    cases = []
    for baseline, candidates, metric, replicates, level, seed, by_id, truth_file, args in CASES:
        arguments = args + ["--metric", metric, "--ci", str(level), "--bootstrap", str(replicates), "--seed", str(seed)]
        if by_id:
            arguments += ["--id", "id"]
        if truth_file:
            arguments += ["--truth", truth_file]
        cases.append({"files": [baseline] + candidates, "args": arguments,
                      "key": "id" if by_id else "offset",
                      "expected": compare(baseline, candidates, metric, replicates, level, seed, by_id, truth_file, args)})
        print(baseline, candidates, " ".join(arguments))
    tables = [{"b": b, "c": c, "p_value": float(mcnemar([[0, b], [c, 0]], exact=True).pvalue)} for b, c in MCNEMAR_TABLES]
    with open(os.path.join(HERE, "compare_expected.json"), "w", encoding="utf-8") as f:
        json.dump({"about": "predeval compare computed by Fixtures/tools/make_compare_expected.py with scikit-learn "
                   + sklearn.__version__ + " and statsmodels " + statsmodels.__version__
                   + " (weights as sample_weight; McNemar: mcnemar(exact=True))",
                   "cases": cases, "mcnemar": tables}, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
