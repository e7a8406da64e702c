#!/usr/bin/env python3
"""Writes Fixtures/NAME.expected.json for every fixture in Fixtures/manifest.json: scikit-learn's
answer for each case (the fixture's args, with and without each --labels list, and with --beta,
under every --zero-division mode), in the report's JSON schema.

Every expected number comes from scikit-learn: per-class tp/fp/fn from
multilabel_confusion_matrix (the counts precision_recall_fscore_support itself uses), scores and
averages from precision_recall_fscore_support, F-beta from fbeta_score, Jaccard from
jaccard_score, accuracy from accuracy_score, the matrix from confusion_matrix; the statistics
from balanced_accuracy_score, matthews_corrcoef, cohen_kappa_score and hamming_loss. Only
specificity and NPV, which scikit-learn has no function for, are divided here (tn, fp and fn from
multilabel_confusion_matrix). Only reading the CSV and choosing columns is done here, by the rules of
docs/input-format.md. It works like ../shared/oracle/sk_expected.py, with two differences that
make it follow the report contract: tp/fp/fn come from multilabel_confusion_matrix (the oracle
derives them from confusion_matrix, which drops rows outside --labels), and multi-label cells
are trimmed of surrounding spaces.

usage: /tmp/sk/bin/python Fixtures/tools/make_expected.py   (needs scikit-learn)
"""
import argparse
import csv
import io
import json
import math
import os
import warnings

import numpy as np
import sklearn
from sklearn.metrics import (accuracy_score, balanced_accuracy_score, cohen_kappa_score, confusion_matrix,
                             fbeta_score, hamming_loss, jaccard_score, matthews_corrcoef,
                             multilabel_confusion_matrix, precision_recall_fscore_support)
from sklearn.preprocessing import MultiLabelBinarizer

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ACTUAL_NAMES = ["actual", "y_true", "true", "truth", "gold", "label", "target"]
PREDICTED_NAMES = ["predicted", "y_pred", "pred", "prediction", "predictions"]
ZERO_DIVISION = {"warn": "warn", "0": 0.0, "1": 1.0, "nan": math.nan}


def parse_args(args):
    parser = argparse.ArgumentParser()
    parser.add_argument("--actual")
    parser.add_argument("--predicted")
    parser.add_argument("--no-header", action="store_true")
    parser.add_argument("--delimiter")
    parser.add_argument("--multi-label", action="store_true")
    parser.add_argument("--label-separator", default="|")
    parser.add_argument("--labels")
    parser.add_argument("--zero-division", default="warn")
    parser.add_argument("--skip-bad-rows", action="store_true")
    parser.add_argument("--lenient-quotes", action="store_true")
    parser.add_argument("--beta", type=float)
    return parser.parse_args(args)


def column(spec, header, defaults):
    if spec is not None and spec.isdigit():
        return int(spec) - 1
    if spec is not None:
        return header.index(spec)
    names = [h.strip().lower() for h in header]
    return next(names.index(n) for n in defaults if n in names)


def read_rows(path, options):
    """The file's cells as latin-1 strings: one character per byte, so labels stay distinct byte
    strings (NUL and invalid UTF-8 included) and sort in byte order, as predeval sorts them."""
    delimiter = options.delimiter or ("\t" if path.endswith((".tsv", ".tab")) else ",")
    delimiter = "\t" if delimiter == "tab" else delimiter
    with open(path, "rb") as f:
        data = f.read()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    text = data.decode("latin-1")
    rows = [r for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=not options.lenient_quotes) if r]  # blank lines are no rows
    if options.no_header:
        header, body = None, rows
        ia = int(options.actual or "1") - 1
        ip = int(options.predicted or "2") - 1
        width = len(rows[0])
    else:
        header, body = [shown(h) for h in rows[0]], rows[1:]
        ia = column(options.actual, header, ACTUAL_NAMES)
        ip = column(options.predicted, header, PREDICTED_NAMES)
        width = len(header)
    kept = [r for r in body if len(r) == width]
    assert options.skip_bad_rows or len(kept) == len(body), "a bad row without --skip-bad-rows"
    return [r[ia] for r in kept], [r[ip] for r in kept], len(body) - len(kept)


def shown(cell):
    """A latin-1 cell as the report shows it: its bytes read as UTF-8, U+FFFD for invalid bytes."""
    return cell.encode("latin-1").decode("utf-8", "replace")


def as_bytes(label):
    """A label given in UTF-8 (as --labels gives it) as a latin-1 cell."""
    return label.encode("utf-8").decode("latin-1")


def rows_read(path, options):
    """Data rows in the file, skipped ones included: what rows + skipped_rows must add up to."""
    options.skip_bad_rows = True
    actual, _, skipped = read_rows(path, options)
    return len(actual) + skipped


def num(x):
    x = float(x)
    return None if math.isnan(x) else x


def expected(path, options):
    yt, yp, skipped = read_rows(path, options)
    return scored(yt, yp, skipped, options)


def scored(yt, yp, skipped, options):
    """scikit-learn's report on these actual and predicted cells (latin-1 strings)."""
    zd = ZERO_DIVISION[options.zero_division]
    listed = [as_bytes(l) for l in options.labels.split(",")] if options.labels else None
    out = {"rows": len(yt), "skipped_rows": skipped}
    if options.multi_label:
        sep = options.label_separator
        split = lambda s: [t.strip(" \t") for t in s.split(sep) if t.strip(" \t") != ""]
        T, P = [split(s) for s in yt], [split(s) for s in yp]
        labels = listed or sorted({l for s in T + P for l in s})
        mlb = MultiLabelBinarizer(classes=labels)
        Y = (mlb.fit_transform(T), mlb.transform(P))
        out["mode"] = "multi-label"
        averages, kw = ["micro", "macro", "weighted", "samples"], {}
    else:
        labels = listed or sorted(set(yt) | set(yp))
        Y = (yt, yp)
        out["mode"] = "single-label"
        out["confusion_matrix"] = confusion_matrix(yt, yp, labels=labels).tolist()
        averages, kw = ["micro", "macro", "weighted"], {"labels": labels}
    mcm = multilabel_confusion_matrix(*Y, **kw)
    p, r, f, s = precision_recall_fscore_support(*Y, average=None, zero_division=zd, **kw)
    jaccard = jaccard_or_nan(Y, None, zd, kw)
    out["labels"] = [shown(l) for l in labels]
    out["classes"] = [{"label": shown(l), "tp": int(m[1][1]), "fp": int(m[0][1]), "fn": int(m[1][0]),
                       "tn": int(m[0][0]), "support": int(s[i]), "predicted": int(m[1][1] + m[0][1]),
                       "precision": num(p[i]), "recall": num(r[i]), "f1": num(f[i]),
                       "specificity": ratio(m[0][0], m[0][0] + m[0][1], zd),
                       "npv": ratio(m[0][0], m[0][0] + m[1][0], zd), "jaccard": num(jaccard[i])}
                      for i, (l, m) in enumerate(zip(labels, mcm))]
    if options.beta is not None:
        out["beta"] = options.beta
        fb = fbeta_score(*Y, beta=options.beta, average=None, zero_division=zd, **kw)
        for entry, value in zip(out["classes"], fb):
            entry["fbeta"] = num(value)
    support = sum(c["support"] for c in out["classes"])
    out["averages"] = {}
    for average in averages:
        ap, ar, af, _ = precision_recall_fscore_support(*Y, average=average, zero_division=zd, **kw)
        out["averages"][average] = {"precision": num(ap), "recall": num(ar), "f1": num(af), "support": support}
        if options.beta is not None:
            out["averages"][average]["fbeta"] = num(fbeta_score(*Y, beta=options.beta, average=average, zero_division=zd, **kw))
    out["accuracy"] = float(accuracy_score(*Y))
    if options.multi_label:
        out["statistics"] = {"hamming_loss": float(hamming_loss(*Y)),
                             "jaccard": {a: num(jaccard_or_nan(Y, a, zd, kw)) for a in averages}}
    else:
        # scikit-learn's functions take no labels= here: every label of the rows counts.
        out["statistics"] = {"balanced_accuracy": num(balanced_accuracy_score(yt, yp)),
                             "mcc": num(matthews_corrcoef(yt, yp)), "cohen_kappa": num(cohen_kappa_score(yt, yp))}
    return out


def jaccard_or_nan(Y, average, zd, kw):
    """jaccard_score, which takes no zero_division=nan: under nan, its value with 0 where the
    index is defined and NaN where it is 0/0, averaged leaving the NaNs out, as
    precision_recall_fscore_support averages under nan (weighted by support; a plain mean when
    the supports add to 0)."""
    if not (isinstance(zd, float) and math.isnan(zd)):
        return jaccard_score(*Y, average=average, zero_division=zd, **kw)
    values = jaccard_score(*Y, average=None if average != "micro" else "micro", zero_division=0, **kw)
    if average == "micro":
        mcm = multilabel_confusion_matrix(*Y, **kw)
        return values if (mcm[:, 1, 1] + mcm[:, 0, 1] + mcm[:, 1, 0]).sum() > 0 else math.nan
    if average == "samples":
        yt, yp = np.asarray(Y[0]), np.asarray(Y[1])
        union = (yt | yp).sum(axis=1)
        rows = [(yt[i] & yp[i]).sum() / union[i] for i in range(len(union)) if union[i] > 0]
        return float(np.mean(rows)) if rows else math.nan
    mcm = multilabel_confusion_matrix(*Y, **kw)
    defined = (mcm[:, 1, 1] + mcm[:, 0, 1] + mcm[:, 1, 0]) > 0
    values = np.where(defined, values, np.nan)
    if average is None:
        return values
    support = mcm[:, 1, 1] + mcm[:, 1, 0]
    if average == "weighted" and support[defined].sum() > 0:
        return float(np.average(values[defined], weights=support[defined]))
    return float(np.mean(values[defined])) if defined.any() else math.nan


def ratio(numerator, denominator, zd):
    """numerator / denominator, or what --zero-division makes of 0/0 (specificity and NPV have no
    scikit-learn function; their counts come from multilabel_confusion_matrix)."""
    if denominator == 0:
        return None if zd != "warn" and math.isnan(zd) else (0.0 if zd == "warn" else zd)
    return float(numerator) / float(denominator)


def main():
    with open(os.path.join(HERE, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    warnings.simplefilter("ignore")
    for fixture in manifest["fixtures"]:
        cases = []
        # Each label list under each mode; F-beta with beta 2 on all labels, 0.5 on the first list.
        variants = [(labels, None) for labels in [None] + fixture["label_lists"]] + [(None, "2")]
        if fixture["label_lists"]:
            variants.append((fixture["label_lists"][0], "0.5"))
        for labels, beta in variants:
            for mode in ZERO_DIVISION:
                args = list(fixture["args"])
                if labels:
                    args += ["--labels", ",".join(labels)]
                args += ["--zero-division", mode]
                if beta:
                    args += ["--beta", beta]
                cases.append({"args": args, "expected": expected(os.path.join(HERE, fixture["file"]), parse_args(args))})
        stem = os.path.splitext(fixture["file"])[0]
        result = {"fixture": fixture["file"], "scikit_learn": sklearn.__version__,
                  "rows_read": rows_read(os.path.join(HERE, fixture["file"]), parse_args(fixture["args"])),
                  "cases": cases}
        with open(os.path.join(HERE, stem + ".expected.json"), "w", encoding="utf-8") as f:
            json.dump(result, f, indent=1, ensure_ascii=False)
            f.write("\n")
        print(f"{stem}.expected.json: {len(cases)} cases")


if __name__ == "__main__":
    main()
