#!/usr/bin/env python3
"""Writes the hostile-input catalogue: the small files in Fixtures/hostile/ (each byte chosen
here, so that a file's oddity is visible in this script) and, for the cases too large to commit,
Fixtures/hostile/large_cases.expected.json with scikit-learn's answer for the rows that the
tests' recipes generate (Tests/PredEvalCLITests/LargeInputRecipes.swift builds the same bytes).

Report cases are listed in Fixtures/manifest.json, so tools/make_expected.py writes their
expected files; error cases are pinned, with their exact messages, in HostileInputTests.swift.

usage: /tmp/sk/bin/python Fixtures/tools/make_hostile.py   (needs scikit-learn)
"""
import json
import os
import random
import warnings

import sklearn
from sklearn.metrics import accuracy_score, multilabel_confusion_matrix, precision_recall_fscore_support

RANDOM = random.Random(3)
HERE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "hostile")

SMALL = {
    # Files that must give an error naming the file (and line).
    "empty.csv": b"",
    "header_only.csv": b"actual,predicted\n",
    "bom_only.csv": b"\xef\xbb\xbf",
    "blank_lines_only.csv": b"\n\r\n\r\n\n",
    "missing_column.csv": b"id,truth,guess\n1,a,a\n",
    "ragged_rows.csv": b"actual,predicted\na,a\nb,b,extra\nc,c\nd\ne,e\n",
    "all_rows_ragged.csv": b"actual,predicted\na\nb,b,b\n",
    "unterminated_quote_end.csv": b'actual,predicted\na,a\nb,"b\n',
    "unterminated_quote_middle.csv": b'actual,predicted\na,a\nb,"b\nc,c\nd,d\ne,e\n',
    "quote_in_unquoted.csv": b'actual,predicted\nphone,phone\n5" screen,phone\n',
    "text_after_quote.csv": b'actual,predicted\n"a"b,a\n',
    "random_bytes.bin": bytes(RANDOM.getrandbits(8) for _ in range(4096)),
    # Files that must give the correct report (listed in manifest.json).
    "duplicate_header.csv": b"actual,predicted,actual\na,a,x\nb,a,y\nb,b,y\n",
    "cr_only.csv": b"actual,predicted\ra,a\rb,a\rb,b\r",
    "blank_lines.csv": b"\n\nactual,predicted\n\na,a\n\n\nb,a\r\n\r\nb,b\n\n",
    "nul_bytes.csv": b"actual,predicted\na\x00b,a\x00b\na\x00c,a\x00b\na,a\x00c\n",
    "invalid_utf8.csv": b"actual,predicted\n\xff,\xff\n\xfe,\xff\n\xc3,\xc3\ncaf\xc3\xa9,caf\xc3\xa9\n\xc0\xaf,\xfe\n",
    "control_characters.csv": b'actual,predicted\n"line\nbreak",x\tab\nx\tab,x\tab\n\x1b[31mred,\x1b[31mred\n',
}


def large_recipes():
    """The generated cases: name -> the (actual, predicted) pairs of its rows. The files:
    many_labels and field_20mb are `actual,predicted` and a line per pair; line_100mb is
    `id,text,actual,predicted` with a 100 MiB quoted text on its first row's line."""
    many = [(f"L{i % 100_000}", f"L{(i * 7) % 100_000}") for i in range(200_000)]
    field = "x" * (20 << 20)
    return {
        "many_labels": many,
        "field_20mb": [(field, field), ("a", "b"), ("b", "b")],
        "line_100mb": [("a", "a"), ("a", "b")],
    }


def summary(actual, predicted, scale=1):
    """scikit-learn's report for the rows, counts multiplied by `scale` (scores do not change when
    every count is), long labels shown as '<N bytes of c>'."""
    labels = sorted(set(actual) | set(predicted))
    shown = [l if len(l) <= 64 else f"<{len(l)} bytes of {l[0]}>" for l in labels]
    mcm = multilabel_confusion_matrix(actual, predicted, labels=labels)
    p, r, f, s = precision_recall_fscore_support(actual, predicted, labels=labels, zero_division=0.0)
    classes = [{"label": shown[i], "tp": scale * int(m[1][1]), "fp": scale * int(m[0][1]), "fn": scale * int(m[1][0]),
                "support": scale * int(s[i]), "precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i])}
               for i, m in enumerate(mcm)]
    averages = {}
    for average in ["micro", "macro", "weighted"]:
        ap, ar, af, _ = precision_recall_fscore_support(actual, predicted, labels=labels, average=average, zero_division=0.0)
        averages[average] = {"precision": float(ap), "recall": float(ar), "f1": float(af), "support": scale * len(actual)}
    return {"rows": scale * len(actual), "skipped_rows": 0, "label_count": len(labels),
            "classes_first": classes[:5], "averages": averages, "accuracy": float(accuracy_score(actual, predicted))}


def main():
    os.makedirs(HERE, exist_ok=True)
    for name, data in SMALL.items():
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)
    warnings.simplefilter("ignore")
    expected = {"scikit_learn": sklearn.__version__, "zero_division": "0", "cases": {}}
    for name, rows in large_recipes().items():
        expected["cases"][name] = summary([a for a, _ in rows], [p for _, p in rows])
    # More than 4 GiB: the 1,000-row block below, repeated; every count scales, no score changes.
    block = [(f"class_{i % 20:02d}", f"class_{(i * i) % 20:02d}") for i in range(1000)]
    expected["cases"]["over_4gib"] = summary([a for a, _ in block], [p for _, p in block], scale=240_000)
    with open(os.path.join(HERE, "large_cases.expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")
    print(f"{len(SMALL)} files and large_cases.expected.json in {HERE}")


if __name__ == "__main__":
    main()
