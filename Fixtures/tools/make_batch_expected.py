#!/usr/bin/env python3
"""Writes Fixtures/batch/cases.expected.json: for each batch-scoring case (several files, slices
with --group-by, a prediction file joined to a truth file by id), the whole JSON output predeval
must print, every report computed by scikit-learn (make_expected.scored) on the rows it covers:
each file's rows, each slice's rows, the matched rows of a join. Joining and slicing are done
here with the csv module, independently of predeval.

usage: /tmp/sk/bin/python Fixtures/tools/make_batch_expected.py   (needs scikit-learn)
"""
import csv
import json
import os
import warnings

import sklearn

from make_expected import parse_args, scored

FIXTURES = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ID_LIMIT = 20


def table(name):
    with open(os.path.join(FIXTURES, "batch", name), newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def column(header, name):
    return header.index(name)


def report(name, actual, predicted, options, groups=None, min_rows=1):
    """The report on the rows (actual, predicted); with groups, one slice report per value."""
    out = {"file": name, **scored(actual, predicted, 0, options)}
    if groups is not None:
        out["groups"] = []
        for value in sorted(set(groups), key=lambda g: g.encode("utf-8")):
            rows = [i for i, g in enumerate(groups) if g == value]
            if len(rows) >= min_rows:
                out["groups"].append({"group": value, **report(
                    name, [actual[i] for i in rows], [predicted[i] for i in rows], options)})
    return out


def own_file(name, args, group_by=None, min_rows=1):
    header, rows = table(name)
    options = parse_args(args)
    a, p = column(header, "actual"), column(header, "predicted")
    groups = [r[column(header, group_by)] for r in rows] if group_by else None
    return report("batch/" + name, [r[a] for r in rows], [r[p] for r in rows], options, groups, min_rows)


def joined(prediction, truth, args, pred_id, truth_id, label, pred_col, group_by=None):
    """The report on the matched rows of a join, with its audit."""
    th, trows = table(truth)
    ph, prows = table(prediction)
    truth_by_id = {r[column(th, truth_id)]: r for r in trows}
    matched, extra, seen = [], [], set()
    for r in prows:
        pid = r[column(ph, pred_id)]
        assert pid not in seen, "a repeated id"
        seen.add(pid)
        (matched if pid in truth_by_id else extra).append(r)
    actual = [truth_by_id[r[column(ph, pred_id)]][column(th, label)] for r in matched]
    predicted = [r[column(ph, pred_col)] for r in matched]
    groups = [truth_by_id[r[column(ph, pred_id)]][column(th, group_by)] for r in matched] if group_by else None
    out = report("batch/" + prediction, actual, predicted, parse_args(args), groups)
    missing = [r[column(th, truth_id)] for r in trows if r[column(th, truth_id)] not in seen]
    out["audit"] = {"matched": len(matched), "missing": len(missing), "extra": len(extra),
                    "missing_ids": missing[:ID_LIMIT], "extra_ids": [r[column(ph, pred_id)] for r in extra][:ID_LIMIT]}
    return out


def main():
    warnings.simplefilter("ignore")
    models = ["model_a.csv", "model_b.csv", "model_c.csv"]
    join_args = ["--truth", "batch/truth.csv", "--id", "id", "--actual", "label", "--predicted", "pred"]
    cases = [
        (["batch/" + m for m in models], {"reports": [own_file(m, []) for m in models]}),
        (["batch/model_c.csv", "batch/model_a.csv", "--zero-division", "nan"],
         {"reports": [own_file(m, ["--zero-division", "nan"]) for m in ["model_c.csv", "model_a.csv"]]}),
        (["batch/model_a.csv", "--group-by", "lang"], own_file("model_a.csv", [], "lang")),
        (["batch/model_b.csv", "--group-by", "lang", "--min-group-rows", "20"],  # de has exactly 20 rows
         own_file("model_b.csv", [], "lang", min_rows=20)),
        (["batch/model_b.csv", "--group-by", "2", "--labels", "dog,cat", "--zero-division", "1"],
         own_file("model_b.csv", ["--labels", "dog,cat", "--zero-division", "1"], "lang")),
        (["batch/tags_model.csv", "--multi-label", "--group-by", "source"],
         own_file("tags_model.csv", ["--multi-label"], "source")),
        (["batch/submission.csv"] + join_args + ["--on-missing", "ignore"],
         joined("submission.csv", "truth.csv", [], "id", "id", "label", "pred")),
        (["batch/submission.csv"] + join_args + ["--on-missing", "ignore", "--group-by", "lang", "--zero-division", "0"],
         joined("submission.csv", "truth.csv", ["--zero-division", "0"], "id", "id", "label", "pred", "lang")),
        (["batch/submission_all.csv", "--truth", "batch/truth.csv", "--id", "sample_id", "--truth-id", "id",
          "--actual", "label"],
         joined("submission_all.csv", "truth.csv", [], "sample_id", "id", "label", "predicted")),
        (["batch/submission_all.csv", "--truth", "batch/truth.csv", "--id", "sample_id", "--truth-id", "id",
          "--actual", "label", "--labels", "cat,hamster"],
         joined("submission_all.csv", "truth.csv", ["--labels", "cat,hamster"], "sample_id", "id", "label", "predicted")),
        (["batch/tags_submission.csv", "--truth", "batch/tags_truth.csv", "--id", "id", "--actual", "tags",
          "--multi-label", "--on-missing", "ignore", "--group-by", "source"],
         joined("tags_submission.csv", "tags_truth.csv", ["--multi-label"], "id", "id", "tags", "predicted", "source")),
    ]
    out = {"about": "Batch-scoring cases: args (paths relative to Fixtures/) and the whole JSON output, "
                    "every report from scikit-learn on the rows it covers. Written by tools/make_batch_expected.py.",
           "scikit_learn": sklearn.__version__,
           "cases": [{"args": args, "expected": expected} for args, expected in cases]}
    with open(os.path.join(FIXTURES, "batch", "cases.expected.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"batch/cases.expected.json: {len(cases)} cases")


if __name__ == "__main__":
    main()
