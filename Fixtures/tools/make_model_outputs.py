#!/usr/bin/env python3
"""Writes Fixtures/model_outputs/: model output files as real tools write them — probability
columns of fitted scikit-learn models on scikit-learn's bundled datasets (iris, digits, breast
cancer) and a one-vs-rest multi-label model — and cases.expected.json: for each case, the args
(paths relative to Fixtures/) and the report scikit-learn computes from the file as written
(read back with the csv module): argmax by numpy.argmax, top_k_accuracy_score, log_loss,
precision_recall_fscore_support with average='binary' and pos_label, thresholded
MultiLabelBinarizer matrices.

usage: /tmp/sk/bin/python Fixtures/tools/make_model_outputs.py   (needs scikit-learn)
"""
import ast
import csv
import json
import os
import types
import warnings

import numpy as np
import sklearn
from sklearn.datasets import load_breast_cancer, load_digits, load_iris, make_multilabel_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss, precision_recall_fscore_support, top_k_accuracy_score
from sklearn.model_selection import train_test_split
from sklearn.multiclass import OneVsRestClassifier
from sklearn.naive_bayes import GaussianNB

from make_expected import scored

FIXTURES = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(FIXTURES, "model_outputs")


def options(multi_label=False, labels=None):
    return types.SimpleNamespace(zero_division="warn", labels=labels, multi_label=multi_label, label_separator="|")


def write(name, header, rows):
    with open(os.path.join(OUT, name), "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def read(name):
    with open(os.path.join(OUT, name), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return rows


def num(value):
    return None if value is None or np.isnan(value) else float(value)


def held_out(X, y, model):
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.5, random_state=0, stratify=y)
    model.fit(X_train, y_train)
    return X_test, y_test, model


def make_files():
    os.makedirs(OUT, exist_ok=True)
    # iris: scikit-learn's predict_proba columns, full precision (pandas' to_csv default).
    iris = load_iris()
    X, y, model = held_out(iris.data, iris.target_names[iris.target], LogisticRegression(max_iter=1000))
    proba = model.predict_proba(X)
    write("iris_proba.csv", ["id", "species"] + [f"p_{c}" for c in model.classes_],
          [[i, t] + [repr(float(p)) for p in row] for i, (t, row) in enumerate(zip(y, proba))])
    # digits: Gaussian naive Bayes (extreme probabilities, many exact zeros) written with 6 decimals.
    digits = load_digits()
    X, y, model = held_out(digits.data, digits.target.astype(str), GaussianNB())
    proba = model.predict_proba(X)
    write("digits_proba.csv", ["digit"] + [f"prob_{c}" for c in model.classes_],
          [[t] + [f"{p:.6f}" for p in row] for t, row in zip(y, proba)])
    # breast cancer: one positive-class score, and the model's own predicted label.
    cancer = load_breast_cancer()
    names = cancer.target_names[cancer.target]
    X, y, model = held_out(cancer.data, names, LogisticRegression(max_iter=5000))
    malignant = list(model.classes_).index("malignant")
    proba = model.predict_proba(X)[:, malignant]
    write("cancer_score.csv", ["id", "diagnosis", "p_malignant", "predicted"],
          [[i, t, repr(float(p)), pred] for i, (t, p, pred) in enumerate(zip(y, proba, model.predict(X)))])
    # multi-label: a one-vs-rest model's per-label probabilities, indicators, and list cells.
    labels = ["arts", "news", "sport", "tech", "travel"]
    X, Y = make_multilabel_classification(n_samples=240, n_classes=5, n_labels=2, allow_unlabeled=True, random_state=1)
    X_train, X_test, Y_train, Y_test = X[:120], X[120:], Y[:120], Y[120:]
    model = OneVsRestClassifier(LogisticRegression(max_iter=2000)).fit(X_train, Y_train)
    P = model.predict_proba(X_test)
    rows = []
    for i, (truth, scores) in enumerate(zip(Y_test, P)):
        actual = [l for l, v in zip(labels, truth) if v]
        predicted = [l for l, s in zip(labels, scores) if s >= 0.5]
        rows.append([i] + [int(v) for v in truth] + [repr(float(s)) for s in scores]
                    + [repr(actual), json.dumps(predicted)] + [str(bool(s >= 0.5)) for s in scores])
    write("tags_truth.csv", ["id", "tags"], [[r[0], r[-7]] for r in rows])
    # Kaggle's multi-label truth files: one 0/1 column per label, rows in another order.
    write("tags_truth_indicators.csv", ["id"] + [f"y_{l}" for l in labels], [r[:6] for r in reversed(rows)])
    write("tags_scores.csv", ["id"] + [f"y_{l}" for l in labels] + [f"p_{l}" for l in labels]
          + ["tags", "predicted_tags"] + [f"hat_{l}" for l in labels], rows)


def single_label_case(name, actual, score_prefix, k, labels=None):
    rows = read(name)
    columns = [c for c in rows[0].keys() if c.startswith(score_prefix)]
    classes = [c[len(score_prefix):] for c in columns]
    P = np.array([[float(r[c]) for c in columns] for r in rows])
    yt = [r[actual] for r in rows]
    yp = [classes[i] for i in np.argmax(P, axis=1)]
    report = {"file": "model_outputs/" + name, **scored(yt, yp, 0, options(labels=labels))}
    order = np.argsort(classes)  # top_k_accuracy_score wants its labels sorted
    report["top_k_accuracy"] = {"k": k, "value": float(top_k_accuracy_score(
        yt, P[:, order], k=k, labels=[classes[i] for i in order]))}
    report["log_loss"] = float(log_loss(yt, P, labels=classes))
    args = ["model_outputs/" + name, "--actual", actual, "--scores", score_prefix + "*", "--top-k", str(k)]
    return {"args": args + (["--labels", labels] if labels else []), "expected": report}


def binary_case(threshold, negative_given):
    rows = read("cancer_score.csv")
    yt = [r["diagnosis"] for r in rows]
    t = 0.5 if threshold is None else threshold
    yp = ["malignant" if float(r["p_malignant"]) >= t else "benign" for r in rows]
    report = {"file": "model_outputs/cancer_score.csv", **scored(yt, yp, 0, options())}
    p, r, f, _ = precision_recall_fscore_support(yt, yp, average="binary", pos_label="malignant")
    report["averages"]["binary"] = {"precision": num(p), "recall": num(r), "f1": num(f),
                                    "support": yt.count("malignant")}
    report["thresholds"] = {"malignant": t}
    p_malignant = np.array([float(r["p_malignant"]) for r in rows])
    report["log_loss"] = float(log_loss(yt, np.column_stack([1 - p_malignant, p_malignant]), labels=["benign", "malignant"]))
    args = ["model_outputs/cancer_score.csv", "--actual", "diagnosis", "--score", "p_malignant", "--positive", "malignant"]
    if threshold is not None:
        args += ["--threshold", str(threshold)]
    if negative_given:
        args += ["--negative", "benign"]
    return {"args": args, "expected": report}


def positive_with_labels_case():
    rows = read("cancer_score.csv")
    yt, yp = [r["diagnosis"] for r in rows], [r["predicted"] for r in rows]
    report = {"file": "model_outputs/cancer_score.csv", **scored(yt, yp, 0, options())}
    p, r, f, _ = precision_recall_fscore_support(yt, yp, average="binary", pos_label="benign")
    report["averages"]["binary"] = {"precision": num(p), "recall": num(r), "f1": num(f), "support": yt.count("benign")}
    return {"args": ["model_outputs/cancer_score.csv", "--actual", "diagnosis", "--predicted", "predicted",
                     "--positive", "benign"], "expected": report}


def multi_label_case(args, actual, predicted, thresholds=None):
    rows = read("tags_scores.csv")
    labels = ["arts", "news", "sport", "tech", "travel"]
    sets = {
        "indicators": lambda r, prefix: [l for l in labels if r[prefix + l] in ("1", "True")],
        "python list": lambda r, column: ast.literal_eval(r[column]),
        "json list": lambda r, column: json.loads(r[column]),
        "scores": lambda r, cut: [l for l in labels if float(r["p_" + l]) >= cut.get(l, 0.5)],
    }
    yt = ["|".join(sets[actual[0]](r, actual[1])) for r in rows]
    yp = ["|".join(sets[predicted[0]](r, predicted[1])) for r in rows]
    report = {"file": "model_outputs/tags_scores.csv", **scored(yt, yp, 0, options(multi_label=True))}
    if thresholds is not None:
        report["thresholds"] = {l: thresholds.get(l, 0.5) for l in labels}
    return {"args": ["model_outputs/tags_scores.csv", "--multi-label"] + args, "expected": report}


def truth_join_case():
    """Scores joined by id to a truth file of Python list cells (every id matches)."""
    case = multi_label_case([], ("python list", "tags"), ("scores", {}), {})
    truth = {r["id"]: r["tags"] for r in read("tags_truth.csv")}
    assert all(truth[r["id"]] == r["tags"] for r in read("tags_scores.csv"))
    case["expected"]["audit"] = {"matched": len(truth), "missing": 0, "extra": 0, "missing_ids": [], "extra_ids": []}
    case["args"] = ["model_outputs/tags_scores.csv", "--multi-label", "--truth", "model_outputs/tags_truth.csv", "--id", "id",
                    "--actual", "tags", "--label-format", "list", "--scores", "p_*"]
    return case


def truth_indicators_case():
    """Scores joined by id to a truth file of indicator columns, its rows in another order."""
    labels = ["arts", "news", "sport", "tech", "travel"]
    case = multi_label_case([], ("indicators", "y_"), ("scores", {}), {})
    truth = {r["id"]: r for r in read("tags_truth_indicators.csv")}
    assert all(all(truth[r["id"]]["y_" + l] == r["y_" + l] for l in labels) for r in read("tags_scores.csv"))
    case["expected"]["audit"] = {"matched": len(truth), "missing": 0, "extra": 0, "missing_ids": [], "extra_ids": []}
    case["args"] = ["model_outputs/tags_scores.csv", "--multi-label", "--truth", "model_outputs/tags_truth_indicators.csv",
                    "--id", "id", "--actual-columns", "y_*", "--scores", "p_*"]
    return case


def main():
    warnings.simplefilter("ignore")
    make_files()
    cases = [
        single_label_case("iris_proba.csv", "species", "p_", 2),
        single_label_case("digits_proba.csv", "digit", "prob_", 3),
        single_label_case("iris_proba.csv", "species", "p_", 1, labels="virginica,setosa"),
        binary_case(None, False),
        binary_case(0.3, False),
        binary_case(0.7, True),
        positive_with_labels_case(),
        multi_label_case(["--actual-columns", "y_*", "--scores", "p_*", "--threshold", "0.4"],
                         ("indicators", "y_"), ("scores", {l: 0.4 for l in ["arts", "news", "sport", "tech", "travel"]}),
                         {l: 0.4 for l in ["arts", "news", "sport", "tech", "travel"]}),
        multi_label_case(["--actual-columns", "y_*", "--scores", "p_*", "--threshold", "arts=0.3,tech=0.6"],
                         ("indicators", "y_"), ("scores", {"arts": 0.3, "tech": 0.6}), {"arts": 0.3, "tech": 0.6}),
        multi_label_case(["--actual", "tags", "--predicted", "predicted_tags", "--label-format", "list"],
                         ("python list", "tags"), ("json list", "predicted_tags")),
        multi_label_case(["--actual", "tags", "--label-format", "list", "--scores", "p_*"],
                         ("python list", "tags"), ("scores", {}), {}),
        multi_label_case(["--actual-columns", "y_*", "--predicted-columns", "hat_*"],
                         ("indicators", "y_"), ("indicators", "hat_")),
        truth_join_case(),
        truth_indicators_case(),
    ]
    with open(os.path.join(OUT, "cases.expected.json"), "w", encoding="utf-8") as f:
        json.dump({"about": "Model-output cases: args (paths relative to Fixtures/) and the JSON report scikit-learn "
                            "computes from each file as written. Written by tools/make_model_outputs.py.",
                   "scikit_learn": sklearn.__version__, "cases": cases}, f, indent=1)
        f.write("\n")
    print(f"model_outputs/cases.expected.json: {len(cases)} cases")


if __name__ == "__main__":
    main()
