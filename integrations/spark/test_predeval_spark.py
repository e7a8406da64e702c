"""The Spark integration in local mode (local[2], one session for every test): 8 partitions of
a generated dataset, single- and multi-label, sliced and with bootstrap intervals keyed by id.
The merged report must equal one predeval pass over the same rows (JSON identical but for
`file`), and Spark MLlib's MulticlassMetrics / MultilabelMetrics on the metrics they have.

    PREDEVAL=.build/debug/predeval python -m unittest integrations/spark/test_predeval_spark.py
"""

import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import unittest

from pyspark.mllib.evaluation import MulticlassMetrics, MultilabelMetrics
from pyspark.sql import SparkSession
from pyspark.sql.types import DoubleType, StringType, StructField, StructType

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from predeval_spark import PredevalError, evaluate  # noqa: E402

PREDEVAL = os.path.abspath(os.environ.get("PREDEVAL", ".build/debug/predeval"))
CLASSES = [str(label) for label in range(5)]
TAGS = [str(label) for label in range(6)]
SITES = ["north", "south", "east", "west"]


def single_label_rows(count, seed=7):
    """Rows of id, label, prediction, site and one probability per class (right 60 % of the time)."""
    generator = random.Random(seed)
    rows = []
    for index in range(count):
        label = generator.choice(CLASSES)
        prediction = label if generator.random() < 0.6 else generator.choice(CLASSES)
        weights = [generator.random() + (2.0 if name == prediction else 0.0) for name in CLASSES]
        total = sum(weights)
        rows.append([f"r{index:06d}", label, prediction, generator.choice(SITES)] + [weight / total for weight in weights])
    return rows


def multi_label_rows(count, seed=11):
    """Rows of id, actual tags, predicted tags (both non-empty, every tag in some actual set), site."""
    generator = random.Random(seed)
    rows = []
    for index in range(count):
        actual = sorted(generator.sample(TAGS, generator.randint(1, 3)), key=int)
        predicted = set(tag for tag in actual if generator.random() < 0.7)
        predicted |= set(generator.sample(TAGS, generator.randint(0, 2)))
        predicted = sorted(predicted or {generator.choice(TAGS)}, key=int)
        rows.append([f"t{index:06d}", "|".join(actual), "|".join(predicted), generator.choice(SITES)])
    return rows


def predeval_json(arguments):
    completed = subprocess.run([PREDEVAL, *arguments, "--format", "json"], capture_output=True, check=True)
    return json.loads(completed.stdout)


def without_file(report):
    """The report without its `file` names (the whole report's and each slice's)."""
    report = dict(report)
    report.pop("file", None)
    if "groups" in report:
        report["groups"] = [{k: v for k, v in group.items() if k != "file"} for group in report["groups"]]
    return report


class SparkIntegrationTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # Executors run this interpreter, which has pyarrow.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        cls.spark = SparkSession.builder.master("local[2]").appName("predeval-tests").config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false").getOrCreate()
        cls.spark.sparkContext.setLogLevel("ERROR")
        cls.directory = tempfile.TemporaryDirectory(prefix="predeval-spark-")
        cls.single = single_label_rows(20_000)
        cls.single_csv = cls.write_csv("single.csv", ["id", "label", "prediction", "site"] + [f"p_{name}" for name in CLASSES], cls.single)
        schema = StructType(
            [StructField(name, StringType()) for name in ["id", "label", "prediction", "site"]]
            + [StructField(f"p_{name}", DoubleType()) for name in CLASSES]
        )
        # Eight partitions, the rows shuffled among them: every part holds rows in another order.
        cls.single_frame = cls.spark.createDataFrame(cls.single, schema).repartition(8)
        cls.multi = multi_label_rows(12_000)
        cls.multi_csv = cls.write_csv("multi.csv", ["id", "y_true", "y_pred", "site"], cls.multi)
        multi_schema = StructType([StructField(name, StringType()) for name in ["id", "y_true", "y_pred", "site"]])
        cls.multi_frame = cls.spark.createDataFrame(cls.multi, multi_schema).repartition(8)

    @classmethod
    def tearDownClass(cls):
        cls.spark.stop()
        cls.directory.cleanup()

    @classmethod
    def write_csv(cls, name, header, rows):
        path = os.path.join(cls.directory.name, name)
        with open(path, "w", newline="") as file:
            writer = csv.writer(file, lineterminator="\n")
            writer.writerow(header)
            writer.writerows([repr(value) if isinstance(value, float) else value for value in row] for row in rows)
        return path

    def test_single_label_merged_report_equals_one_pass(self):
        options = ["--actual", "label", "--predicted", "prediction", "--group-by", "site", "--ci", "0.9", "--bootstrap", "50", "--id", "id"]
        self.assertEqual(self.single_frame.rdd.getNumPartitions(), 8)
        merged = evaluate(self.single_frame, options, predeval=PREDEVAL)
        self.assertEqual(merged["file"], "8 states")
        self.assertEqual(without_file(merged), without_file(predeval_json([self.single_csv, *options])))
        self.assertEqual(len(merged["groups"]), len(SITES))

    def test_single_label_scores_merge_their_histograms(self):
        options = ["--actual", "label", "--scores", "p_*", "--top-k", "2", "--id", "id", "--ci", "0.9", "--bootstrap", "30"]
        merged = evaluate(self.single_frame, options, ["--curve-points", "5"], predeval=PREDEVAL)
        one_pass = predeval_json([self.single_csv, *options, "--curve-points", "5"])
        self.assertTrue(merged["ranking_exact"])
        self.assertEqual(without_file(merged), without_file(one_pass))

    def test_single_label_equals_multiclass_metrics(self):
        merged = evaluate(self.single_frame, ["--actual", "label", "--predicted", "prediction"], predeval=PREDEVAL)
        pairs = self.single_frame.rdd.map(lambda row: (float(row.prediction), float(row.label)))
        metrics = MulticlassMetrics(pairs)
        self.assertAlmostEqual(merged["accuracy"], metrics.accuracy, places=12)
        weighted = merged["averages"]["weighted"]
        self.assertAlmostEqual(weighted["precision"], metrics.weightedPrecision, places=12)
        self.assertAlmostEqual(weighted["recall"], metrics.weightedRecall, places=12)
        self.assertAlmostEqual(weighted["f1"], metrics.weightedFMeasure(), places=12)
        for entry in merged["classes"]:
            label = float(entry["label"])
            self.assertAlmostEqual(entry["precision"], metrics.precision(label), places=12)
            self.assertAlmostEqual(entry["recall"], metrics.recall(label), places=12)
            self.assertAlmostEqual(entry["f1"], metrics.fMeasure(label), places=12)
        matrix = metrics.confusionMatrix().toArray()
        self.assertEqual(merged["confusion_matrix"], [[int(cell) for cell in row] for row in matrix])

    def test_multi_label_merged_report_equals_one_pass(self):
        options = ["--multi-label", "--actual", "y_true", "--predicted", "y_pred", "--group-by", "site", "--ci", "0.9", "--bootstrap", "50", "--id", "id"]
        merged = evaluate(self.multi_frame, options, predeval=PREDEVAL)
        self.assertEqual(without_file(merged), without_file(predeval_json([self.multi_csv, *options])))

    def test_multi_label_equals_multilabel_metrics(self):
        merged = evaluate(self.multi_frame, ["--multi-label", "--actual", "y_true", "--predicted", "y_pred"], predeval=PREDEVAL)
        sets = self.multi_frame.rdd.map(
            lambda row: ([float(tag) for tag in row.y_pred.split("|")], [float(tag) for tag in row.y_true.split("|")])
        )
        metrics = MultilabelMetrics(sets)
        averages = merged["averages"]
        self.assertAlmostEqual(averages["micro"]["precision"], metrics.microPrecision, places=12)
        self.assertAlmostEqual(averages["micro"]["recall"], metrics.microRecall, places=12)
        self.assertAlmostEqual(averages["micro"]["f1"], metrics.microF1Measure, places=12)
        self.assertAlmostEqual(averages["samples"]["precision"], metrics.precision(), places=12)
        self.assertAlmostEqual(averages["samples"]["recall"], metrics.recall(), places=12)
        self.assertAlmostEqual(averages["samples"]["f1"], metrics.f1Measure(), places=12)
        self.assertAlmostEqual(merged["accuracy"], metrics.subsetAccuracy, places=12)
        self.assertAlmostEqual(merged["statistics"]["hamming_loss"], metrics.hammingLoss, places=12)
        self.assertAlmostEqual(merged["statistics"]["jaccard"]["samples"], metrics.accuracy, places=12)
        for entry in merged["classes"]:
            label = float(entry["label"])
            self.assertAlmostEqual(entry["precision"], metrics.precision(label), places=12)
            self.assertAlmostEqual(entry["recall"], metrics.recall(label), places=12)

    def test_a_path_spark_reads_and_a_refusal(self):
        options = ["--actual", "label", "--predicted", "prediction"]
        merged = evaluate(self.single_csv, options, predeval=PREDEVAL, spark=self.spark)
        self.assertEqual(without_file(merged), without_file(predeval_json([self.single_csv, *options])))
        with self.assertRaises(Exception) as raised:
            evaluate(self.single_frame, ["--actual", "no_such_column"], predeval=PREDEVAL)
        self.assertIn("no column 'no_such_column'", str(raised.exception))
        self.assertTrue(issubclass(PredevalError, RuntimeError))


if __name__ == "__main__":
    unittest.main()
