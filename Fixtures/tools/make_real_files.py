#!/usr/bin/env python3
"""Writes Fixtures/files_as_they_come/: files as pandas, R, Excel, HuggingFace and Kaggle write
them, and cases.expected.json: for each case the args (paths relative to Fixtures/) and the
report scikit-learn computes on the data as pandas reads it (read_csv with its default
na_values; a missing prediction mapped to a label outside labels=, so it counts as wrong and is
no class's false positive; numeric labels compared and sorted as numbers).

usage: /tmp/sk/bin/python Fixtures/tools/make_real_files.py   (needs scikit-learn and pandas)
"""
import gzip
import json
import os
import subprocess
import warnings

import numpy as np
import pandas as pd
import sklearn
from sklearn.datasets import load_digits, load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (accuracy_score, balanced_accuracy_score, cohen_kappa_score, confusion_matrix,
                             hamming_loss, jaccard_score, matthews_corrcoef, multilabel_confusion_matrix,
                             precision_recall_fscore_support)
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB
from sklearn.preprocessing import MultiLabelBinarizer

FIXTURES = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(FIXTURES, "files_as_they_come")
MISSING = "\0missing"


def num(value):
    value = float(value)
    return None if np.isnan(value) else value


def shown(label):
    """A label as predeval shows it: a number in its shortest form, text as it is."""
    if isinstance(label, (float, np.floating)):
        return str(int(label)) if float(label).is_integer() else repr(float(label))
    if isinstance(label, (int, np.integer)):
        return str(int(label))
    return label


def report(actual, predicted, skipped=0, multi_label=False):
    """scikit-learn's report; a prediction of MISSING counts as wrong (a label outside labels=)."""
    out = {"rows": len(actual), "skipped_rows": skipped}
    if multi_label:
        labels = sorted({label for row in actual + predicted for label in row})
        mlb = MultiLabelBinarizer(classes=labels)
        Y = (mlb.fit_transform(actual), mlb.transform(predicted))
        out["mode"], averages, kw = "multi-label", ["micro", "macro", "weighted", "samples"], {}
        out["missing_predictions"] = 0
    else:
        present = [label for label in set(actual) | set(predicted) if not (isinstance(label, str) and label == MISSING)]
        labels = sorted(present)
        if any(isinstance(label, str) for label in labels) and any(not isinstance(label, str) for label in labels):
            raise ValueError("mixed labels")
        if isinstance(labels[0], str):
            sentinel = MISSING
        else:
            sentinel = min(labels) - 1
            predicted = [sentinel if isinstance(p, str) else p for p in predicted]
        Y = (actual, predicted)
        out["mode"], averages, kw = "single-label", ["micro", "macro", "weighted"], {"labels": labels}
        out["confusion_matrix"] = confusion_matrix(actual, predicted, labels=labels).tolist()
        out["missing_predictions"] = sum(1 for p in predicted if isinstance(sentinel, str) and p == MISSING
                                         or not isinstance(sentinel, str) and p == sentinel)
    mcm = multilabel_confusion_matrix(*Y, **kw)
    p, r, f, s = precision_recall_fscore_support(*Y, average=None, zero_division=0, **kw)
    out["labels"] = [shown(label) for label in labels]
    jaccard = jaccard_score(*Y, average=None, zero_division=0, **kw)
    out["classes"] = [{"label": shown(label), "tp": int(m[1][1]), "fp": int(m[0][1]), "fn": int(m[1][0]),
                       "tn": int(m[0][0]), "support": int(s[i]), "predicted": int(m[1][1] + m[0][1]),
                       "precision": num(p[i]), "recall": num(r[i]), "f1": num(f[i]),
                       "specificity": ratio(m[0][0], m[0][0] + m[0][1]), "npv": ratio(m[0][0], m[0][0] + m[1][0]),
                       "jaccard": num(jaccard[i])}
                      for i, (label, m) in enumerate(zip(labels, mcm))]
    support = sum(c["support"] for c in out["classes"])
    out["averages"] = {}
    for average in averages:
        ap, ar, af, _ = precision_recall_fscore_support(*Y, average=average, zero_division=0, **kw)
        out["averages"][average] = {"precision": num(ap), "recall": num(ar), "f1": num(af), "support": support}
    out["accuracy"] = float(accuracy_score(*Y))
    if multi_label:
        out["statistics"] = {"hamming_loss": float(hamming_loss(*Y)),
                             "jaccard": {a: num(jaccard_score(*Y, average=a, zero_division=0)) for a in averages}}
    else:
        # No labels= here: a missing prediction's label is a column of the matrix of its own.
        out["statistics"] = {"balanced_accuracy": num(balanced_accuracy_score(*Y)), "mcc": num(matthews_corrcoef(*Y)),
                             "cohen_kappa": num(cohen_kappa_score(*Y))}
    return out


def ratio(numerator, denominator):
    """Specificity or NPV (no scikit-learn function; counts from multilabel_confusion_matrix), 0 for 0/0."""
    return float(numerator) / float(denominator) if denominator else 0.0


def column(frame, name):
    """A column as scikit-learn gets it from pandas: NaN as MISSING, integral floats as floats."""
    return [MISSING if pd.isna(value) else value for value in frame[name].tolist()]


def path(name):
    return os.path.join(OUT, name)


def held_out(X, y, model, seed=0):
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.5, random_state=seed, stratify=y)
    return y_test, model.fit(X_train, y_train).predict(X_test)


def main():
    os.makedirs(OUT, exist_ok=True)
    warnings.simplefilter("ignore")
    rng = np.random.default_rng(15)
    cases = []

    # pandas: integer truth, float predictions (a model that predicts floats), NaN where the model
    # gave no answer; pandas writes 0 and 1.0 and an empty cell.
    X, y = load_iris(return_X_y=True)
    actual, predicted = held_out(X, y, GaussianNB())
    predicted = predicted.astype(float)
    predicted[rng.choice(len(predicted), 6, replace=False)] = np.nan
    pd.DataFrame({"y_true": actual, "y_pred": predicted}).to_csv(path("pandas_float_nan.csv"), index=False)
    frame = pd.read_csv(path("pandas_float_nan.csv"))
    cases.append({"args": ["files_as_they_come/pandas_float_nan.csv"],
                  "expected": report(column(frame, "y_true"), column(frame, "y_pred"))})

    # pandas: 1,200 integer classes, predictions floats for a NaN: 2,400 spellings (7 and 7.0), more
    # than predeval keeps pairs for (1,024), which must still be one class each. No confusion
    # matrix: predeval shows none past 1,024 labels.
    # (A generator of its own, so that the cases after draw what they drew before this one came.)
    many = np.random.default_rng(1200)
    actual = many.integers(0, 1200, size=6000)
    predicted = np.where(many.random(6000) < 0.7, actual, many.integers(0, 1200, size=6000)).astype(float)
    predicted[many.choice(6000, 60, replace=False)] = np.nan
    pd.DataFrame({"actual": actual, "predicted": predicted}).to_csv(path("pandas_many_classes.csv"), index=False)
    frame = pd.read_csv(path("pandas_many_classes.csv"))
    expected = report(column(frame, "actual"), column(frame, "predicted"))
    del expected["confusion_matrix"]
    cases.append({"args": ["files_as_they_come/pandas_many_classes.csv"], "expected": expected})

    # pandas: twelve integer classes, which sort 0, 1, 2, ..., 11 as numbers (not 0, 1, 10, 11, 2).
    X, y = load_digits(n_class=10, return_X_y=True)
    y = (y + rng.integers(0, 3, size=len(y))) % 12
    actual, predicted = held_out(X, y, LogisticRegression(max_iter=2000))
    pd.DataFrame({"label": actual, "prediction": predicted}).to_csv(path("pandas_twelve_classes.csv"), index=False)
    frame = pd.read_csv(path("pandas_twelve_classes.csv"))
    cases.append({"args": ["files_as_they_come/pandas_twelve_classes.csv"],
                  "expected": report(column(frame, "label"), column(frame, "prediction"))})

    # R: write.csv(data.frame(Species = truth, pred = prediction)) writes a quoted row-name column,
    # quoted strings, and an unquoted NA (R's documented defaults: quote = TRUE, na = "NA").
    X, y = load_iris(return_X_y=True)
    names = np.array(["setosa", "versicolor", "virginica"])
    actual, predicted = held_out(X, y, LogisticRegression(max_iter=500), seed=3)
    actual, predicted = names[actual], names[predicted].astype(object)
    predicted[rng.choice(len(predicted), 9, replace=False)] = None
    with open(path("r_write_csv.csv"), "w", newline="") as f:
        f.write('"","Species","pred"\n')
        for index, (a, p) in enumerate(zip(actual, predicted), start=1):
            f.write(f'"{index}","{a}",{"NA" if p is None else chr(34) + p + chr(34)}\n')
    frame = pd.read_csv(path("r_write_csv.csv"))
    cases.append({"args": ["files_as_they_come/r_write_csv.csv", "--actual", "Species", "--predicted", "pred"],
                  "expected": report(column(frame, "Species"), column(frame, "pred"))})
    # The same file with --missing-prediction skip: the rows without a prediction are skipped.
    kept = frame[frame["pred"].notna()]
    expected = report(column(kept, "Species"), column(kept, "pred"), skipped=len(frame) - len(kept))
    expected["missing_predictions"] = len(frame) - len(kept)
    cases.append({"args": ["files_as_they_come/r_write_csv.csv", "--actual", "Species", "--predicted", "pred",
                           "--missing-prediction", "skip"], "expected": expected})

    # HuggingFace pipelines predict LABEL_0, LABEL_1; the truth column holds 0 and 1.
    actual = rng.integers(0, 2, size=80)
    predicted = np.where(rng.random(80) < 0.8, actual, 1 - actual)
    pd.DataFrame({"label": actual, "prediction": [f"LABEL_{p}" for p in predicted]}).to_csv(
        path("huggingface_labels.csv"), index=False)
    cases.append({"args": ["files_as_they_come/huggingface_labels.csv", "--label-map", "LABEL_0=0,LABEL_1=1"],
                  "expected": report([float(a) for a in actual], [float(p) for p in predicted])})
    with open(path("huggingface_label_map.csv"), "w") as f:
        f.write("from,to\nLABEL_0,0\nLABEL_1,1\n")
    cases.append({"args": ["files_as_they_come/huggingface_labels.csv", "--label-map",
                           "files_as_they_come/huggingface_label_map.csv"],
                  "expected": report([float(a) for a in actual], [float(p) for p in predicted])})

    # Kaggle: the truth file's ids are zero-padded, the submission's are not.
    ids = np.arange(1, 61)
    actual = rng.choice(["cat", "dog", "fox"], size=60)
    predicted = np.where(rng.random(60) < 0.7, actual, rng.choice(["cat", "dog", "fox"], size=60))
    pd.DataFrame({"id": [f"{i:03d}" for i in ids], "label": actual}).to_csv(path("kaggle_truth.csv"), index=False)
    order = rng.permutation(60)
    pd.DataFrame({"id": ids[order], "pred": predicted[order]}).to_csv(path("kaggle_submission.csv"), index=False)
    expected = report(list(actual), list(predicted))
    expected["audit"] = {"matched": 60, "missing": 0, "extra": 0, "missing_ids": [], "extra_ids": []}
    cases.append({"args": ["files_as_they_come/kaggle_submission.csv", "--truth", "files_as_they_come/kaggle_truth.csv",
                           "--id", "id", "--actual", "label", "--predicted", "pred", "--id-type", "number"],
                  "expected": expected})

    # Excel's "CSV (semicolon)" in a European locale: a byte-order mark, ';' and CRLF.
    actual = rng.choice(["élan", "ñandú", "ærø"], size=40)
    predicted = np.where(rng.random(40) < 0.75, actual, rng.choice(["élan", "ñandú", "ærø"], size=40))
    with open(path("excel_semicolon_bom_crlf.csv"), "wb") as f:
        f.write(b"\xef\xbb\xbf" + "actual;predicted\r\n".encode())
        for a, p in zip(actual, predicted):
            f.write(f"{a};{p}\r\n".encode())
    expected = report(list(actual), list(predicted))
    expected["dialect"] = {"delimiter": ";"}
    cases.append({"args": ["files_as_they_come/excel_semicolon_bom_crlf.csv", "-d", ";"], "expected": expected})

    with open(path("cases.expected.json"), "w", encoding="utf-8") as f:
        json.dump({"about": "Files as real tools write them: args (paths relative to Fixtures/) and the JSON report "
                            "scikit-learn computes on the data as pandas reads it (missing predictions as a label "
                            "outside labels=). Written by tools/make_real_files.py.",
                   "scikit_learn": sklearn.__version__, "pandas": pd.__version__, "cases": cases},
                  f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
