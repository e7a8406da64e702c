#!/usr/bin/env python3
"""Writes the batch-scoring fixtures in Fixtures/batch/ from a fixed seed: a truth file with a
group column, model outputs for the leaderboard and --group-by, submissions to join by id
(shuffled, with missing and extra ids, with another id column name), multi-label ones, and files
with repeated ids. usage: python3 Fixtures/tools/make_batch_fixtures.py
"""
import csv
import os
import random

HERE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "batch")
LABELS = ["bird", "cat", "dog", "fish"]
LANGS = ["de", "en", "fr"]
TAGS = ["jazz", "pop", "rock", "soul"]


def write(name, header, rows):
    with open(os.path.join(HERE, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def guess(rng, truth, skill):
    return truth if rng.random() < skill else rng.choice(LABELS)


def tagset(rng):
    return "|".join(t for t in TAGS if rng.random() < 0.35)


def noisy(rng, tags, skill):
    kept = [t for t in tags.split("|") if t and rng.random() < skill]
    kept += [t for t in TAGS if t not in kept and rng.random() < 1 - skill]
    return "|".join(sorted(kept))


def main():
    os.makedirs(HERE, exist_ok=True)
    rng = random.Random(20261122)
    ids = [f"s{n:03d}" for n in range(90)]
    langs = [rng.choice(LANGS) for _ in ids]
    langs[-3:] = ["ja"] * 3  # a small slice, for --min-group-rows
    truth = [rng.choice(LABELS) for _ in ids]
    write("truth.csv", ["id", "lang", "label"], zip(ids, langs, truth))
    for name, skill in [("model_a.csv", 0.8), ("model_b.csv", 0.6), ("model_c.csv", 0.9)]:
        write(name, ["id", "lang", "actual", "predicted"],
              [(i, l, t, guess(rng, t, skill)) for i, l, t in zip(ids, langs, truth)])
    # A submission: shuffled, 4 ids missing, 3 ids the truth lacks.
    rows = [(i, guess(rng, t, 0.75)) for i, t in zip(ids, truth)]
    rng.shuffle(rows)
    rows = rows[4:] + [("x900", "cat"), ("x901", "dog"), ("x902", "bird")]
    rng.shuffle(rows)
    write("submission.csv", ["id", "pred"], rows)
    # Every id, its column named otherwise, and one label the truth never has.
    rows = [(i, guess(rng, t, 0.7)) for i, t in zip(ids, truth)]
    rows[5] = (rows[5][0], "hamster")
    rng.shuffle(rows)
    write("submission_all.csv", ["sample_id", "predicted"], rows)
    write("dup_truth.csv", ["id", "lang", "label"], [("a", "en", "cat"), ("b", "en", "dog"), ("a", "de", "cat")])
    write("dup_submission.csv", ["id", "pred"], [("s001", "cat"), ("s002", "dog"), ("s001", "dog")])
    write("dup_extra_submission.csv", ["id", "pred"], [("s001", "cat"), ("zz", "dog"), ("zz", "cat")])
    # Multi-label: truth sets by id with a group, and a model file with both columns.
    tags = [tagset(rng) for _ in ids]
    write("tags_truth.csv", ["id", "source", "tags"], zip(ids, langs, tags))
    rows = [(i, noisy(rng, t, 0.7)) for i, t in zip(ids, tags)]
    rng.shuffle(rows)
    write("tags_submission.csv", ["id", "predicted"], rows[2:])
    write("tags_model.csv", ["id", "source", "actual", "predicted"],
          [(i, l, t, noisy(rng, t, 0.8)) for i, l, t in zip(ids, langs, tags)])


if __name__ == "__main__":
    main()
