#!/usr/bin/env python3
"""Writes Fixtures/bootstrap_intervals.json: a reference implementation of design §6 (the seeded
Poisson bootstrap) and, for each case, the intervals predeval must give to 1e-12.

Independent of predeval: each row's key (FNV-1a 64 of its --id cell, else the byte offset of its
first byte in the file, a byte-order mark and the header counted) and weights are computed here
from §6's formulas; each replicate's metrics are scikit-learn's, with the weights as
sample_weight (precision_recall_fscore_support, fbeta_score, jaccard_score, accuracy_score,
balanced_accuracy_score, matthews_corrcoef, cohen_kappa_score; specificity and NPV divided from
multilabel_confusion_matrix; for score columns top_k_accuracy_score and log_loss, and the
ranking figures roc_auc_score and average_precision_score per class and averaged); an interval
is numpy.quantile (method "linear") of the defined replicate values at (1 - L)/2 and (1 + L)/2.
The replicates report the point estimate's labels.

usage: /tmp/sk/bin/python Fixtures/tools/make_bootstrap_expected.py   (needs scikit-learn)
"""
import csv
import io
import json
import math
import os
import warnings

import numpy as np
import sklearn
from sklearn.metrics import (accuracy_score, average_precision_score, balanced_accuracy_score, cohen_kappa_score, fbeta_score,
                             hamming_loss, jaccard_score, log_loss, matthews_corrcoef, multilabel_confusion_matrix,
                             precision_recall_fscore_support, roc_auc_score, top_k_accuracy_score)
from sklearn.preprocessing import MultiLabelBinarizer

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MASK = (1 << 64) - 1

# (fixture, args, replicates, level, seed, id column name or None, beta or None)
CASES = [
    ("sklearn_docstring.csv", [], 200, 0.95, 0, None, None),
    ("random_single_label.csv", [], 300, 0.9, 7, None, None),
    ("random_single_label.csv", ["--id", "row"], 300, 0.95, 11, "row", 2.0),
    ("label_subset.csv", ["--labels", "dog,cat", "--zero-division", "nan"], 250, 0.8, 3, None, None),
    ("label_subset.csv", ["--id", "id", "--zero-division", "1"], 250, 0.95, 5, "id", None),
    ("quoted_non_ascii.csv", [], 200, 0.95, 1, None, 0.5),
    ("zero_division_single.csv", ["--zero-division", "nan"], 200, 0.9, 2, None, None),
    ("glossary_micro_multilabel.csv", ["--multi-label"], 200, 0.95, 0, None, None),
    ("random_multi_label.csv", ["--multi-label", "--zero-division", "nan"], 200, 0.9, 9, None, 2.0),
    ("random_multi_label.csv", ["--multi-label", "--labels", "rock,jazz,folk", "--id", "track"], 200, 0.95, 4, "track", None),
    ("multilabel_edge_sets.csv", ["--multi-label", "--zero-division", "1"], 200, 0.9, 6, None, 0.5),
]


# Score files: (fixture, args, replicates, level, seed, id column or None); intervals of
# top_k_accuracy and log_loss (and accuracy).
SCORE_CASES = [
    ("model_outputs/iris_proba.csv", ["--actual", "species", "--scores", "p_*", "--top-k", "2"], 300, 0.95, 0, None),
    ("model_outputs/iris_proba.csv", ["--actual", "species", "--scores", "p_*", "--top-k", "1", "--id", "id"], 250, 0.9, 8, "id"),
    ("model_outputs/digits_proba.csv", ["--actual", "digit", "--scores", "prob_*", "--top-k", "3"], 200, 0.95, 3, None),
    ("model_outputs/cancer_score.csv", ["--actual", "diagnosis", "--score", "p_malignant", "--positive", "malignant",
                                        "--threshold", "0.3"], 300, 0.95, 12, None),
]


# Ranking intervals (ROC-AUC, average precision) of score files: (fixture, args, replicates,
# level, seed, id column or None).
RANKING_CASES = [
    ("ranking/cancer_rf.csv", ["--actual", "diagnosis", "--score", "p_malignant", "--positive", "malignant"], 200, 0.95, 0, None),
    ("ranking/digits_lr.csv", ["--actual", "digit", "--scores", "p_*"], 100, 0.9, 4, "id"),
    ("ranking/wine_svm.csv", ["--actual", "cultivar", "--scores", "d_*"], 200, 0.95, 2, None),
    ("ranking/tags_lr.csv", ["--multi-label", "--actual-columns", "y_*", "--scores", "p_*"], 150, 0.95, 5, "id"),
]


def splitmix64(x):
    z = (x + 0x9E3779B97F4A7C15) & MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def fnv1a(data):
    h = 0xCBF29CE484222325
    for byte in data:
        h = ((h ^ byte) * 0x100000001B3) & MASK
    return h


def weights(key, seed, replicates):
    h = splitmix64(key ^ splitmix64(seed))
    out = []
    for b in range(replicates):
        u = (splitmix64((h + b) & MASK) >> 11) * 2.0 ** -53
        p = 0.36787944117144233
        cdf = p
        k = 0
        while u >= cdf and k < 20:
            k += 1
            p = p / k
            cdf = cdf + p
        out.append(k)
    return out


def rows_with_offsets(path):
    """The file's rows as latin-1 cells, each with the byte offset of its first line."""
    with open(path, "rb") as f:
        data = f.read()
    lines = data.splitlines(keepends=True)  # bytes split at LF, CR LF and CR only
    starts = np.cumsum([0] + [len(line) for line in lines]).tolist()
    texts = [line.decode("latin-1") for line in lines]
    if texts and texts[0].startswith("\xef\xbb\xbf"):
        texts[0] = texts[0][3:]
    position = [0]

    def feed():
        while position[0] < len(texts):
            position[0] += 1
            yield texts[position[0] - 1]

    reader = csv.reader(feed(), delimiter=",")
    out, before = [], 0
    for row in reader:
        start, before = before, position[0]
        if row:
            out.append((starts[start], row))
    return out


def column(header, name, defaults):
    names = [h.strip().lower() for h in header]
    if name:
        return header.index(name)
    return next(names.index(n) for n in defaults if n in names)


def ratio(numerator, denominator, zd):
    if denominator == 0:
        return math.nan if isinstance(zd, float) and math.isnan(zd) else (0.0 if zd == "warn" else float(zd))
    return numerator / denominator


def jaccard_nan(yt, yp, labels, w, average, zd):
    """jaccard_score under zero_division=nan, which it does not take: 0/0 left out of averages
    (labels None for binarized label sets)."""
    kw = {} if labels is None else {"labels": labels}
    if not (isinstance(zd, float) and math.isnan(zd)):
        return jaccard_score(yt, yp, average=average, sample_weight=w, zero_division=zd, **kw)
    if average == "samples":
        union = (yt | yp).sum(axis=1)
        rows = [i for i in range(len(union)) if union[i] > 0 and w[i] > 0]
        if not rows:
            return math.nan
        return float(sum(w[i] * (yt[i] & yp[i]).sum() / union[i] for i in rows) / sum(w[i] for i in rows))
    mcm = multilabel_confusion_matrix(yt, yp, sample_weight=w, **kw)
    tp, fp, fn = mcm[:, 1, 1], mcm[:, 0, 1], mcm[:, 1, 0]
    if average == "micro":
        d = (tp + fp + fn).sum()
        return tp.sum() / d if d > 0 else math.nan
    defined = (tp + fp + fn) > 0
    values = np.where(defined, tp / np.where(defined, tp + fp + fn, 1), np.nan)
    if average is None:
        return values
    support = tp + fn
    if average == "weighted" and support[defined].sum() > 0:
        return float(np.average(values[defined], weights=support[defined]))
    return float(np.mean(values[defined])) if defined.any() else math.nan


def metrics(yt, yp, labels, w, zd, beta):
    """One replicate's values, by the report's JSON paths."""
    values = {}
    if sum(w) == 0:
        # No row drawn (scikit-learn refuses weights that are all zero): every score is a 0/0
        # and follows zero_division; accuracy and the statistics are undefined.
        empty = ratio(0, 0, zd)
        for i in range(len(labels)):
            for name in ["precision", "recall", "f1", "specificity", "npv", "jaccard"] + (["fbeta"] if beta else []):
                values[f"classes[{i}].{name}"] = empty
        for average in ["micro", "macro", "weighted"]:
            for name in ["precision", "recall", "f1"] + (["fbeta"] if beta else []):
                values[f"{average}.{name}"] = empty
        for name in ["accuracy", "balanced_accuracy", "mcc", "cohen_kappa"]:
            values[name] = math.nan
        return values
    p, r, f, _ = precision_recall_fscore_support(yt, yp, labels=labels, average=None, sample_weight=w, zero_division=zd)
    mcm = multilabel_confusion_matrix(yt, yp, labels=labels, sample_weight=w)
    jac = jaccard_nan(yt, yp, labels, w, None, zd)
    fb = fbeta_score(yt, yp, beta=beta, labels=labels, average=None, sample_weight=w, zero_division=zd) if beta else None
    for i in range(len(labels)):
        tn, fp_, fn_ = mcm[i][0][0], mcm[i][0][1], mcm[i][1][0]
        values[f"classes[{i}].precision"] = p[i]
        values[f"classes[{i}].recall"] = r[i]
        values[f"classes[{i}].f1"] = f[i]
        if beta:
            values[f"classes[{i}].fbeta"] = fb[i]
        values[f"classes[{i}].specificity"] = ratio(tn, tn + fp_, zd)
        values[f"classes[{i}].npv"] = ratio(tn, tn + fn_, zd)
        values[f"classes[{i}].jaccard"] = jac[i]
    for average in ["micro", "macro", "weighted"]:
        ap, ar, af, _ = precision_recall_fscore_support(yt, yp, labels=labels, average=average, sample_weight=w, zero_division=zd)
        values[f"{average}.precision"], values[f"{average}.recall"], values[f"{average}.f1"] = ap, ar, af
        if beta:
            values[f"{average}.fbeta"] = fbeta_score(yt, yp, beta=beta, labels=labels, average=average, sample_weight=w, zero_division=zd)
    values["accuracy"] = accuracy_score(yt, yp, sample_weight=w)
    values["balanced_accuracy"] = balanced_accuracy_score(yt, yp, sample_weight=w)
    values["mcc"] = matthews_corrcoef(yt, yp, sample_weight=w)
    values["cohen_kappa"] = cohen_kappa_score(yt, yp, sample_weight=w)
    return values


def multi_metrics(Yt, Yp, labels, w, zd, beta):
    """One replicate's values for label sets (binarized over the report's labels)."""
    values = {}
    averages = ["micro", "macro", "weighted", "samples"]
    scores = ["precision", "recall", "f1"] + (["fbeta"] if beta else [])
    if sum(w) == 0:
        empty = ratio(0, 0, zd)
        for i in range(len(labels)):
            for name in scores + ["specificity", "npv", "jaccard"]:
                values[f"classes[{i}].{name}"] = empty
        for average in averages:
            for name in scores:
                values[f"{average}.{name}"] = math.nan if average == "samples" else empty
            values[f"jaccard.{average}"] = math.nan if average == "samples" else empty
        values["accuracy"] = values["hamming_loss"] = math.nan
        return values
    p, r, f, _ = precision_recall_fscore_support(Yt, Yp, average=None, sample_weight=w, zero_division=zd)
    mcm = multilabel_confusion_matrix(Yt, Yp, sample_weight=w)
    jac = jaccard_nan(Yt, Yp, None, w, None, zd)
    fb = fbeta_score(Yt, Yp, beta=beta, average=None, sample_weight=w, zero_division=zd) if beta else None
    for i in range(len(labels)):
        tn, fp_, fn_ = mcm[i][0][0], mcm[i][0][1], mcm[i][1][0]
        values[f"classes[{i}].precision"], values[f"classes[{i}].recall"], values[f"classes[{i}].f1"] = p[i], r[i], f[i]
        if beta:
            values[f"classes[{i}].fbeta"] = fb[i]
        values[f"classes[{i}].specificity"] = ratio(tn, tn + fp_, zd)
        values[f"classes[{i}].npv"] = ratio(tn, tn + fn_, zd)
        values[f"classes[{i}].jaccard"] = jac[i]
    for average in averages:
        ap, ar, af, _ = precision_recall_fscore_support(Yt, Yp, average=average, sample_weight=w, zero_division=zd)
        values[f"{average}.precision"], values[f"{average}.recall"], values[f"{average}.f1"] = ap, ar, af
        if beta:
            values[f"{average}.fbeta"] = fbeta_score(Yt, Yp, beta=beta, average=average, sample_weight=w, zero_division=zd)
        values[f"jaccard.{average}"] = jaccard_nan(Yt, Yp, None, w, average, zd)
    values["accuracy"] = accuracy_score(Yt, Yp, sample_weight=w)
    values["hamming_loss"] = hamming_loss(Yt, Yp, sample_weight=w)
    return values


def interval(values, level):
    defined = [v for v in values if not math.isnan(v)]
    if not defined:
        return None
    low, high = np.quantile(np.array(defined), [(1 - level) / 2, (1 + level) / 2])
    return [float(low), float(high)]


def expected(fixture, args, replicates, level, seed, id_name, beta):
    rows = rows_with_offsets(os.path.join(HERE, fixture))
    header = rows[0][1]
    body = rows[1:]
    ia = column(header, None, ["actual", "y_true", "true", "truth", "gold", "label", "target"])
    ip = column(header, None, ["predicted", "y_pred", "pred", "prediction", "predictions"])
    multi = "--multi-label" in args
    if multi:
        ia = header.index(args[args.index("--actual") + 1]) if "--actual" in args else ia
    yt = [r[ia] for _, r in body]
    yp = [r[ip] for _, r in body]
    zd = "warn"
    if "--zero-division" in args:
        zd = {"0": 0.0, "1": 1.0, "nan": math.nan, "warn": "warn"}[args[args.index("--zero-division") + 1]]
    if multi:
        split = lambda cell: [t.strip(" \t") for t in cell.split("|") if t.strip(" \t") != ""]
        yt, yp = [split(c) for c in yt], [split(c) for c in yp]
        everything = sorted({label for row in yt + yp for label in row})
        labels = args[args.index("--labels") + 1].split(",") if "--labels" in args else everything
        binarizer = MultiLabelBinarizer(classes=labels)
        yt, yp = binarizer.fit_transform(yt), binarizer.transform(yp)
    else:
        labels = args[args.index("--labels") + 1].split(",") if "--labels" in args else sorted(set(yt) | set(yp))
    if id_name:
        keys = [fnv1a(r[header.index(id_name)].encode("latin-1")) for _, r in body]
    else:
        keys = [offset for offset, _ in body]
    table = np.array([weights(key, seed, replicates) for key in keys])  # rows x replicates
    replicate_metrics = multi_metrics if multi else metrics
    per_replicate = [replicate_metrics(yt, yp, labels, table[:, b].astype(float), zd, beta) for b in range(replicates)]
    paths = per_replicate[0].keys()
    ci = {path: interval([values[path] for values in per_replicate], level) for path in paths}
    shown = lambda label: label.encode("latin-1").decode("utf-8", "replace")
    out = {"classes": [], "averages": {}, "statistics": {}}
    for i, label in enumerate(labels):
        names = ["precision", "recall", "f1"] + (["fbeta"] if beta else []) + ["specificity", "npv", "jaccard"]
        out["classes"].append({"label": shown(label), "ci": {n: ci[f"classes[{i}].{n}"] for n in names}})
    for average in ["micro", "macro", "weighted"] + (["samples"] if multi else []):
        names = ["precision", "recall", "f1"] + (["fbeta"] if beta else [])
        out["averages"][average] = {"ci": {n: ci[f"{average}.{n}"] for n in names}}
    out["accuracy_ci"] = ci["accuracy"]
    if multi:
        out["statistics"]["ci"] = {"hamming_loss": ci["hamming_loss"]}
        out["statistics"]["jaccard"] = {"ci": {a: ci[f"jaccard.{a}"] for a in ["micro", "macro", "weighted", "samples"]}}
    else:
        out["statistics"]["ci"] = {n: ci[n] for n in ["balanced_accuracy", "mcc", "cohen_kappa"]}
    out["bootstrap"] = {"replicates": replicates, "level": level, "seed": seed, "key": "id" if id_name else "offset"}
    return out


def score_expected(fixture, args, replicates, level, seed, id_name):
    """Intervals of top_k_accuracy and log_loss (and accuracy) of a score file."""
    rows = rows_with_offsets(os.path.join(HERE, fixture))
    header, body = rows[0][1], rows[1:]
    yt = [r[header.index(args[args.index("--actual") + 1])] for _, r in body]
    if "--scores" in args:
        prefix = args[args.index("--scores") + 1].rstrip("*")
        columns = [i for i, h in enumerate(header) if h.startswith(prefix)]
        classes = [header[i][len(prefix):] for i in columns]
        P = np.array([[float(r[i]) for i in columns] for _, r in body])
        yp = [classes[i] for i in np.argmax(P, axis=1)]
        k = int(args[args.index("--top-k") + 1])
        order = np.argsort(classes)  # top_k_accuracy_score wants its labels sorted
    else:
        positive = args[args.index("--positive") + 1]
        threshold = float(args[args.index("--threshold") + 1])
        p = np.array([float(r[header.index(args[args.index("--score") + 1])]) for _, r in body])
        negative = next(label for label in sorted(set(yt)) if label != positive)
        classes = sorted([negative, positive])
        P = np.column_stack([1 - p, p] if classes[1] == positive else [p, 1 - p])
        yp = [positive if v >= threshold else negative for v in p]
        k = None
    if id_name:
        keys = [fnv1a(r[header.index(id_name)].encode("latin-1")) for _, r in body]
    else:
        keys = [offset for offset, _ in body]
    table = np.array([weights(key, seed, replicates) for key in keys])
    top_k, losses, accuracies = [], [], []
    for b in range(replicates):
        w = table[:, b].astype(float)
        if w.sum() == 0:
            top_k.append(math.nan), losses.append(math.nan), accuracies.append(math.nan)
            continue
        if k is not None:
            top_k.append(top_k_accuracy_score(yt, P[:, order], k=k, labels=[classes[i] for i in order], sample_weight=w))
        losses.append(log_loss(yt, P, labels=classes, sample_weight=w))
        accuracies.append(accuracy_score(yt, yp, sample_weight=w))
    out = {"accuracy_ci": interval(accuracies, level), "log_loss_ci": interval(losses, level),
           "bootstrap": {"replicates": replicates, "level": level, "seed": seed, "key": "id" if id_name else "offset"}}
    if k is not None:
        out["top_k_accuracy"] = {"k": k, "ci": {"value": interval(top_k, level)}}
    return out


def ranking_expected(fixture, args, replicates, level, seed, id_name):
    """Intervals of each class's ROC-AUC and average precision and of their averages (a binary
    score's two), each replicate's as scikit-learn computes them under its weights; a figure
    whose replicate has no positive or no negative weight is undefined there, one undefined in
    the point estimate has a null interval."""
    rows = rows_with_offsets(os.path.join(HERE, fixture))
    header, body = rows[0][1], rows[1:]
    multi = "--multi-label" in args
    if "--score" in args:
        positive = args[args.index("--positive") + 1]
        yt = [r[header.index(args[args.index("--actual") + 1])] for _, r in body]
        p = np.array([float(r[header.index(args[args.index("--score") + 1])]) for _, r in body])
        negative = next(label for label in sorted(set(yt)) if label != positive)
        classes = [negative, positive]
        S = np.column_stack([1 - p, p])
        Y = np.column_stack([[int(y == negative) for y in yt], [int(y == positive) for y in yt]])
    else:
        prefix = args[args.index("--scores") + 1].rstrip("*")
        columns = [i for i, h in enumerate(header) if h.startswith(prefix)]
        classes = [header[i][len(prefix):] for i in columns]
        S = np.array([[float(r[i]) for i in columns] for _, r in body])
        if multi:
            truth = args[args.index("--actual-columns") + 1].rstrip("*")
            Y = np.array([[int(r[header.index(truth + c)]) for c in classes] for _, r in body])
        else:
            yt = [r[header.index(args[args.index("--actual") + 1])] for _, r in body]
            Y = np.array([[int(y == c) for c in classes] for y in yt])
    keys = [fnv1a(r[header.index(id_name)].encode("latin-1")) for _, r in body] if id_name else [o for o, _ in body]
    table = np.array([weights(key, seed, replicates) for key in keys])

    def figures(w):
        """Every figure of rows weighted w (nan where undefined)."""
        out = {}
        defined = []
        for k, c in enumerate(classes):
            pos, neg = float((w * Y[:, k]).sum()), float((w * (1 - Y[:, k])).sum())
            ok = pos > 0 and neg > 0
            defined.append(ok)
            out[f"{c}.roc_auc"] = float(roc_auc_score(Y[:, k], S[:, k], sample_weight=w)) if ok else math.nan
            out[f"{c}.average_precision"] = float(average_precision_score(Y[:, k], S[:, k], sample_weight=w)) if ok else math.nan
        if "--score" in args:
            out["binary.roc_auc"], out["binary.average_precision"] = out[f"{positive}.roc_auc"], out[f"{positive}.average_precision"]
            return out
        positives = (w[:, None] * Y).sum(axis=0)
        aucs = [out[f"{c}.roc_auc"] for c in classes]
        out["roc_auc.macro"] = float(np.mean(aucs)) if all(defined) else math.nan
        weighted = [(positives[k], aucs[k]) for k in range(len(classes)) if positives[k] > 0]
        out["roc_auc.weighted"] = (float(sum(n * a for n, a in weighted) / sum(n for n, _ in weighted))
                                   if weighted and not any(math.isnan(a) for _, a in weighted) else math.nan)
        flat_w = np.repeat(w, len(classes))
        flat_y = Y.ravel()
        micro_ok = (flat_w * flat_y).sum() > 0 and (flat_w * (1 - flat_y)).sum() > 0
        out["roc_auc.micro"] = float(roc_auc_score(flat_y, S.ravel(), sample_weight=flat_w)) if micro_ok else math.nan
        for average in ["macro", "weighted"]:
            out[f"average_precision.{average}"] = float(average_precision_score(Y, S, average=average, sample_weight=w))
        out["average_precision.micro"] = (float(average_precision_score(Y, S, average="micro", sample_weight=w))
                                          if (flat_w * flat_y).sum() > 0 else math.nan)
        if multi:
            kept = w > 0
            one_kind = [Y[i].min() == Y[i].max() for i in range(len(w))]
            if w.sum() == 0:
                out["roc_auc.samples"] = out["average_precision.samples"] = math.nan
            else:
                row_aucs = [roc_auc_score(Y[i], S[i]) if kept[i] and not one_kind[i] else 0.0 for i in range(len(w))]
                out["roc_auc.samples"] = (math.nan if any(kept[i] and one_kind[i] for i in range(len(w)))
                                          else float(np.average(row_aucs, weights=w)))
                row_aps = [average_precision_score(Y[i], S[i]) if kept[i] else 0.0 for i in range(len(w))]
                out["average_precision.samples"] = float(np.average(row_aps, weights=w))
        return out

    point = figures(np.ones(len(body)))
    per_replicate = [figures(table[:, b].astype(float)) for b in range(replicates)]
    ci = {path: (None if math.isnan(point[path]) else interval([values[path] for values in per_replicate], level))
          for path in point}
    listed = sorted(classes, key=(lambda c: float(c)) if all(c.isdigit() for c in classes) else (lambda c: c.encode()))
    out = {"classes": [{"label": c, "ci": {n: ci[f"{c}.{n}"] for n in ["roc_auc", "average_precision"]}} for c in listed]}
    if "--score" in args:
        out["ranking"] = {"ci": {n: ci[f"binary.{n}"] for n in ["roc_auc", "average_precision"]}}
    else:
        averages = ["macro", "weighted", "micro"] + (["samples"] if multi else [])
        out["ranking"] = {f: {"ci": {a: ci[f"{f}.{a}"] for a in averages}} for f in ["roc_auc", "average_precision"]}
    out["bootstrap"] = {"replicates": replicates, "level": level, "seed": seed, "key": "id" if id_name else "offset"}
    return out


def main():
    warnings.simplefilter("ignore")
    cases = []
    for fixture, args, replicates, level, seed, id_name in RANKING_CASES:
        arguments = args + ["--ci", str(level), "--bootstrap", str(replicates), "--seed", str(seed)]
        if id_name:
            arguments += ["--id", id_name]
        cases.append({"fixture": fixture, "args": arguments,
                      "expected": ranking_expected(fixture, args, replicates, level, seed, id_name)})
        print(fixture, " ".join(arguments))
    for fixture, args, replicates, level, seed, id_name in SCORE_CASES:
        arguments = args + ["--ci", str(level), "--bootstrap", str(replicates), "--seed", str(seed)]
        cases.append({"fixture": fixture, "args": arguments,
                      "expected": score_expected(fixture, args, replicates, level, seed, id_name)})
        print(fixture, " ".join(arguments))
    for fixture, args, replicates, level, seed, id_name, beta in CASES:
        arguments = args + ["--ci", str(level), "--bootstrap", str(replicates), "--seed", str(seed)]
        if beta:
            arguments += ["--beta", str(beta)]
        cases.append({"fixture": fixture, "args": arguments,
                      "expected": expected(fixture, args, replicates, level, seed, id_name, beta)})
        print(fixture, " ".join(arguments))
    with open(os.path.join(HERE, "bootstrap_intervals.json"), "w", encoding="utf-8") as f:
        json.dump({"about": "design §6 computed by Fixtures/tools/make_bootstrap_expected.py with scikit-learn "
                   + sklearn.__version__ + " (weights as sample_weight)", "cases": cases}, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
