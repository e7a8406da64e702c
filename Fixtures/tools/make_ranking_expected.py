#!/usr/bin/env python3
"""Writes Fixtures/ranking/: score files of fitted scikit-learn models on scikit-learn's bundled
datasets (breast cancer: logistic regression and a random forest, whose probabilities tie;
digits: logistic regression and a random forest; wine: a linear SVM's decision function, which
is no probability; generated tags: one-vs-rest logistic regression), and
Fixtures/ranking_expected.json: for each case, the args and what scikit-learn computes from the
file as written (read back with the csv module) —

- per class: roc_auc_score(y == c, s_c), average_precision_score(y == c, s_c); null when the
  class has no positive or no negative row;
- ranking: binary, the positive label's two values; single-label, roc_auc_score(multi_class='ovr',
  average=macro|weighted|micro) and average_precision_score on label_binarize(y) (nan → null);
  multi-label, both with average=macro|weighted|micro|samples;
- curves (--curves): roc_curve(drop_intermediate=False) as [fpr, tpr, threshold] and
  precision_recall_curve as [recall, precision, threshold] (scikit-learn's inf and missing last
  threshold as null), thinned as design §3 says: past N points, both ends and the point nearest
  to each of the N - 2 evenly spaced lengths along the curve (Euclidean), each point once;
- calibration (probabilities only): brier_score_loss, the bins of calibration_curve(
  strategy='uniform') — as numpy.searchsorted(linspace(0, 1, n + 1)[1:-1], p) bins them, empty
  bins kept with count 0 — and ECE = Σ count / n · |prob_true − prob_pred|.

Binary scores are read as scikit-learn would be handed them: s for the positive label, 1 − s for
the negative one. A slice of the digits file holds one class only (its other classes: no rows).
Classes are those a report lists (the labels its rows name); averages are over every score column.

usage: /tmp/sk/bin/python Fixtures/tools/make_ranking_expected.py   (needs scikit-learn)
"""
import csv
import json
import math
import os
import warnings

import numpy as np
import sklearn
from sklearn.calibration import calibration_curve
from sklearn.datasets import load_breast_cancer, load_digits, load_wine, make_multilabel_classification
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, brier_score_loss, precision_recall_curve, roc_auc_score, roc_curve
from sklearn.model_selection import train_test_split
from sklearn.multiclass import OneVsRestClassifier
from sklearn.preprocessing import label_binarize
from sklearn.svm import LinearSVC

FIXTURES = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(FIXTURES, "ranking")


def write(name, header, rows):
    with open(os.path.join(OUT, name), "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def read(name):
    with open(os.path.join(OUT, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def num(value):
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)


def held_out(X, y, model, seed=0):
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.5, random_state=seed, stratify=y)
    model.fit(X_train, y_train)
    return X_test, y_test, model


def make_files():
    os.makedirs(OUT, exist_ok=True)
    cancer = load_breast_cancer()
    names = np.array(["malignant", "benign"])  # target 0 is malignant
    for tag, model in [("lr", LogisticRegression(max_iter=5000)), ("rf", RandomForestClassifier(n_estimators=25, random_state=0))]:
        X, y, fitted = held_out(cancer.data, cancer.target, model)
        p = fitted.predict_proba(X)[:, 0]
        write(f"cancer_{tag}.csv", ["id", "diagnosis", "p_malignant"],
              [(i, names[t], repr(float(v))) for i, (t, v) in enumerate(zip(y, p))])
    digits = load_digits()
    for tag, model in [("lr", LogisticRegression(max_iter=5000)), ("rf", RandomForestClassifier(n_estimators=20, random_state=0))]:
        X, y, fitted = held_out(digits.data, digits.target, model)
        P = fitted.predict_proba(X)
        sites = ["zero" if t == 0 and i % 3 == 0 else ("a" if i % 2 else "b") for i, t in enumerate(y)]
        write(f"digits_{tag}.csv", ["id", "digit", "site"] + [f"p_{c}" for c in range(10)],
              [[i, int(t), s] + [repr(float(v)) for v in row] for i, (t, s, row) in enumerate(zip(y, sites, P))])
    wine = load_wine()
    X, y, fitted = held_out(wine.data, wine.target, LinearSVC(C=0.01, max_iter=20000, dual=True, random_state=0))
    D = fitted.decision_function(X)
    cultivars = ["barolo", "grignolino", "barbera"]
    write("wine_svm.csv", ["id", "cultivar"] + [f"d_{c}" for c in cultivars],
          [[i, cultivars[t]] + [repr(float(v)) for v in row] for i, (t, row) in enumerate(zip(y, D))])
    X, Y = make_multilabel_classification(n_samples=400, n_features=12, n_classes=5, n_labels=2, allow_unlabeled=True,
                                          random_state=3)
    tags = ["arts", "news", "sport", "tech", "travel"]
    X_train, X_test, Y_train, Y_test = train_test_split(X, Y, test_size=0.5, random_state=0)
    model = OneVsRestClassifier(LogisticRegression(max_iter=5000)).fit(X_train, Y_train)
    P = model.predict_proba(X_test)
    write("tags_lr.csv", ["id"] + [f"y_{t}" for t in tags] + [f"p_{t}" for t in tags],
          [[i] + [int(v) for v in yrow] + [repr(float(v)) for v in prow] for i, (yrow, prow) in enumerate(zip(Y_test, P))])


def binned(scores, bins):
    """--score-bins N: each score as the lower edge of its bin of width 1 / (N - 1)."""
    if bins is None:
        return scores
    steps = float(bins - 1)
    return np.floor(scores * steps) / steps


def per_class(y, S, classes):
    out = []
    for k, c in enumerate(classes):
        yk = (np.array(y) == c).astype(int)
        if yk.min() == yk.max():
            out.append({"label": str(c), "roc_auc": None, "average_precision": None})
        else:
            out.append({"label": str(c), "roc_auc": float(roc_auc_score(yk, S[:, k])),
                        "average_precision": float(average_precision_score(yk, S[:, k]))})
    return out


def thinned(points, maximum):
    """At most `maximum` of the points: the first, the last, and the nearest to each evenly spaced
    length along the curve between them (a step between two points goes to the nearer; a tie to
    the earlier)."""
    if len(points) <= maximum:
        return points
    lengths = [0.0]
    for a, b in zip(points, points[1:]):
        lengths.append(lengths[-1] + math.sqrt((b[0] - a[0]) * (b[0] - a[0]) + (b[1] - a[1]) * (b[1] - a[1])))
    total = lengths[-1]
    kept = [0]
    for step in range(1, maximum - 1):
        target = step * total / (maximum - 1)
        # The first point at least this far along, or the one before it when that is nearer.
        i = next(i for i in range(1, len(points)) if target <= lengths[i])
        nearest = i - 1 if target - lengths[i - 1] <= lengths[i] - target else i
        if nearest > kept[-1]:
            kept.append(nearest)
    if kept[-1] < len(points) - 1:
        kept.append(len(points) - 1)
    return [points[i] for i in kept]


def curves(yk, s, maximum):
    """One class's ROC and precision-recall points as scikit-learn gives them, thinned."""
    fpr, tpr, roc_thresholds = roc_curve(yk, s, drop_intermediate=False)
    precision, recall, pr_thresholds = precision_recall_curve(yk, s)
    roc = [[float(x), float(y), None if math.isinf(t) else float(t)] for x, y, t in zip(fpr, tpr, roc_thresholds)]
    pr = [[float(r), float(q), float(t) if i < len(pr_thresholds) else None]
          for i, (r, q, t) in enumerate(zip(recall, precision, list(pr_thresholds) + [None]))]
    return {"roc": thinned(roc, maximum), "pr": thinned(pr, maximum)}


def calibration(y_true, p, n_bins, brier):
    """calibration_curve's bins, all of them, and ECE."""
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    ids = np.searchsorted(edges[1:-1], p, side="left")
    prob_true, prob_pred = calibration_curve(y_true, p, n_bins=n_bins, strategy="uniform")
    bins, ece, used = [], 0.0, 0
    for b in range(n_bins):
        inside = ids == b
        count = int(inside.sum())
        if count:
            mean_score, fraction = float(prob_pred[used]), float(prob_true[used])
            used += 1
            ece += count / len(p) * abs(fraction - mean_score)
        else:
            mean_score = fraction = None
        bins.append({"low": float(edges[b]), "high": float(edges[b + 1]), "count": count, "mean_score": mean_score,
                     "fraction_positive": fraction})
    return {"brier": float(brier), "ece": ece, "bins": bins}


def single_label_case(name, actual, prefix, n_bins=10, rows=None, score_bins=None, curve_points=None):
    data = rows if rows is not None else read(name)
    columns = [k for k in data[0].keys() if k.startswith(prefix)]
    classes = [k[len(prefix):] for k in columns]
    y = [r[actual] for r in data]
    raw = np.array([[float(r[k]) for k in columns] for r in data])
    S = binned(raw, score_bins)
    Y = label_binarize(y, classes=classes)
    ranking = {"roc_auc": {}, "average_precision": {}}
    probabilities = raw.min() >= 0 and raw.max() <= 1
    for average in ["macro", "weighted", "micro"]:
        if probabilities and score_bins is None:
            value = roc_auc_score(y, S, multi_class="ovr", average=average, labels=classes)
        else:
            # multi_class='ovr' takes probabilities only; one-vs-rest on the binarized labels is the same figure.
            value = roc_auc_score(Y, S, average=average)
        ranking["roc_auc"][average] = num(float(value))
        ranking["average_precision"][average] = num(float(average_precision_score(Y, S, average=average)))
    # The report lists the labels its rows name (actual or predicted), as any report does.
    named = set(y) | {classes[i] for i in raw.argmax(axis=1)}
    out = {"classes": [c for c in per_class(y, S, classes) if c["label"] in named], "ranking": ranking}
    if curve_points is not None:
        out["curves"] = {}
        for k, c in enumerate(classes):
            yk = (np.array(y) == c).astype(int)
            if c in named and yk.min() != yk.max():
                out["curves"][c] = curves(yk, S[:, k], curve_points)
    if probabilities:
        top = raw.argmax(axis=1)
        right = (np.array(classes)[top] == np.array(y)).astype(int)
        out["calibration"] = calibration(right, raw.max(axis=1), n_bins, brier_score_loss(y, raw, labels=classes))
    else:
        out["calibration"] = None
    return out


def binary_case(name, actual, score, positive, n_bins=10, score_bins=None, curve_points=None):
    data = read(name)
    y = [r[actual] for r in data]
    p = np.array([float(r[score]) for r in data])
    negative = next(c for c in sorted(set(y)) if c != positive)
    yp = (np.array(y) == positive).astype(int)
    classes = [{"label": positive, "s": binned(p, score_bins)}, {"label": negative, "s": binned(1 - p, score_bins)}]
    out = {"classes": []}
    for c in classes:
        yk = (np.array(y) == c["label"]).astype(int)
        out["classes"].append({"label": c["label"], "roc_auc": float(roc_auc_score(yk, c["s"])),
                               "average_precision": float(average_precision_score(yk, c["s"]))})
    bp = binned(p, score_bins)
    out["ranking"] = {"roc_auc": float(roc_auc_score(yp, bp)), "average_precision": float(average_precision_score(yp, bp))}
    out["calibration"] = calibration(yp, p, n_bins, brier_score_loss(yp, p))
    if curve_points is not None:
        out["curves"] = {positive: curves(yp, bp, curve_points)}
    return out


def multi_label_case(name, truth_prefix, prefix, score_bins=None, curve_points=None):
    data = read(name)
    tags = [k[len(prefix):] for k in data[0].keys() if k.startswith(prefix)]
    Y = np.array([[int(r[truth_prefix + t]) for t in tags] for r in data])
    raw = np.array([[float(r[prefix + t]) for t in tags] for r in data])
    S = binned(raw, score_bins)
    out = {"classes": [], "ranking": {"roc_auc": {}, "average_precision": {}}}
    for k, t in enumerate(tags):
        if Y[:, k].min() == Y[:, k].max():
            out["classes"].append({"label": t, "roc_auc": None, "average_precision": None})
        else:
            out["classes"].append({"label": t, "roc_auc": float(roc_auc_score(Y[:, k], S[:, k])),
                                   "average_precision": float(average_precision_score(Y[:, k], S[:, k]))})
    if curve_points is not None:
        out["curves"] = {t: curves(Y[:, k], S[:, k], curve_points) for k, t in enumerate(tags) if Y[:, k].min() != Y[:, k].max()}
    for average in ["macro", "weighted", "micro", "samples"]:
        # samples: each row's own ranking of its labels, from its scores as read (never binned).
        scores = raw if average == "samples" else S
        out["ranking"]["roc_auc"][average] = num(float(roc_auc_score(Y, scores, average=average)))
        out["ranking"]["average_precision"][average] = num(float(average_precision_score(Y, scores, average=average)))
    return out


def main():
    warnings.simplefilter("ignore")
    make_files()
    cases = []

    def in_report_order(expected):
        """Classes as predeval lists them: by value when every label is a number, else by bytes."""
        for part in [expected] + expected.get("groups", []):
            if "classes" in part:
                labels = [c["label"] for c in part["classes"]]
                numeric = all(label.lstrip("-").replace(".", "", 1).isdigit() for label in labels)
                part["classes"].sort(key=(lambda c: float(c["label"])) if numeric else (lambda c: c["label"].encode("utf-8")))
        return expected

    def add(files, args, expected):
        cases.append({"files": files, "args": args, "expected": in_report_order(expected)})

    for tag in ["lr", "rf"]:
        add([f"ranking/cancer_{tag}.csv"], ["--actual", "diagnosis", "--score", "p_malignant", "--positive", "malignant"],
            binary_case(f"cancer_{tag}.csv", "diagnosis", "p_malignant", "malignant"))
        add([f"ranking/digits_{tag}.csv"], ["--actual", "digit", "--scores", "p_*"],
            single_label_case(f"digits_{tag}.csv", "digit", "p_"))
    add(["ranking/digits_rf.csv"], ["--actual", "digit", "--scores", "p_*", "--calibration-bins", "7"],
        single_label_case("digits_rf.csv", "digit", "p_", n_bins=7))
    add(["ranking/wine_svm.csv"], ["--actual", "cultivar", "--scores", "d_*"], single_label_case("wine_svm.csv", "cultivar", "d_"))
    add(["ranking/tags_lr.csv"], ["--multi-label", "--actual-columns", "y_*", "--scores", "p_*"],
        multi_label_case("tags_lr.csv", "y_", "p_"))
    # --score-bins N: every figure from scores floored to the bins' lower edges.
    add(["ranking/cancer_rf.csv"], ["--actual", "diagnosis", "--score", "p_malignant", "--positive", "malignant", "--score-bins", "11"],
        {**binary_case("cancer_rf.csv", "diagnosis", "p_malignant", "malignant", score_bins=11), "ranking_exact": False})
    add(["ranking/digits_lr.csv"], ["--actual", "digit", "--scores", "p_*", "--score-bins", "50"],
        {**single_label_case("digits_lr.csv", "digit", "p_", score_bins=50), "ranking_exact": False})
    add(["ranking/wine_svm.csv"], ["--actual", "cultivar", "--scores", "d_*", "--score-bins", "5"],
        {**single_label_case("wine_svm.csv", "cultivar", "d_", score_bins=5), "ranking_exact": False})
    add(["ranking/tags_lr.csv"], ["--multi-label", "--actual-columns", "y_*", "--scores", "p_*", "--score-bins", "20"],
        {**multi_label_case("tags_lr.csv", "y_", "p_", score_bins=20), "ranking_exact": False})
    # --curves: every point (ties in the forest's scores), thinned to the default 200, to 10; binned.
    add(["ranking/cancer_rf.csv"], ["--actual", "diagnosis", "--score", "p_malignant", "--positive", "malignant", "--curves",
                                    "--curve-points", "100000"],
        binary_case("cancer_rf.csv", "diagnosis", "p_malignant", "malignant", curve_points=100000))
    add(["ranking/cancer_lr.csv"], ["--actual", "diagnosis", "--score", "p_malignant", "--positive", "malignant", "--curves"],
        binary_case("cancer_lr.csv", "diagnosis", "p_malignant", "malignant", curve_points=200))
    add(["ranking/digits_lr.csv"], ["--actual", "digit", "--scores", "p_*", "--curves"],
        single_label_case("digits_lr.csv", "digit", "p_", curve_points=200))
    add(["ranking/wine_svm.csv"], ["--actual", "cultivar", "--scores", "d_*", "--curve-points", "10"],
        single_label_case("wine_svm.csv", "cultivar", "d_", curve_points=10))
    add(["ranking/tags_lr.csv"], ["--multi-label", "--actual-columns", "y_*", "--scores", "p_*", "--curves", "--curve-points", "1000"],
        multi_label_case("tags_lr.csv", "y_", "p_", curve_points=1000))
    add(["ranking/digits_rf.csv"], ["--actual", "digit", "--scores", "p_*", "--curves", "--score-bins", "30", "--curve-points", "25"],
        {**single_label_case("digits_rf.csv", "digit", "p_", score_bins=30, curve_points=25), "ranking_exact": False})
    # One slice of the digits file holds only zeros: every other class has no positive row there.
    data = read("digits_lr.csv")
    groups = []
    for site in sorted({r["site"] for r in data}):
        expected = single_label_case("digits_lr.csv", "digit", "p_", rows=[r for r in data if r["site"] == site])
        groups.append({"group": site, **expected})
    add(["ranking/digits_lr.csv"], ["--actual", "digit", "--scores", "p_*", "--group-by", "site"], {"groups": groups, "ranking_exact": True})
    with open(os.path.join(FIXTURES, "ranking_expected.json"), "w", encoding="utf-8") as f:
        json.dump({"about": "ranking and calibration computed by Fixtures/tools/make_ranking_expected.py with scikit-learn "
                   + sklearn.__version__, "cases": cases}, f, indent=1)
        f.write("\n")
    for case in cases:
        print(" ".join(case["files"] + case["args"]))


if __name__ == "__main__":
    main()
