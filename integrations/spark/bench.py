"""The scale-out benchmark: N single-label rows (default 5 × 10^7, 10 classes, right 70 % of the
time) in local Spark: the predeval integration (one predeval per partition, states merged) vs
Spark ML's MulticlassClassificationEvaluator (MulticlassMetrics inside) on the same DataFrame
vs one predeval process on the file. Prints a Markdown table of wall seconds.

    .build-spark/venv/bin/python integrations/spark/bench.py --predeval .build/release/predeval --rows 50000000
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from predeval_spark import evaluate  # noqa: E402


def generate(path, rows, seed=3, chunk=5_000_000):
    """A CSV of label,prediction (integers 0–9), written a chunk at a time."""
    generator = np.random.default_rng(seed)
    with pacsv.CSVWriter(path, pa.schema([("label", pa.int32()), ("prediction", pa.int32())])) as writer:
        for start in range(0, rows, chunk):
            count = min(chunk, rows - start)
            label = generator.integers(0, 10, count, dtype=np.int32)
            wrong = generator.random(count) >= 0.7
            prediction = np.where(wrong, generator.integers(0, 10, count, dtype=np.int32), label)
            writer.write_table(pa.table({"label": label, "prediction": prediction}))


def timed(function):
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--predeval", required=True)
    parser.add_argument("--rows", type=int, default=50_000_000)
    parser.add_argument("--master", default="local[*]")
    parser.add_argument("--file", help="reuse this generated file")
    arguments = parser.parse_args()
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.ml.evaluation import MulticlassClassificationEvaluator
    from pyspark.sql import SparkSession
    from pyspark.sql.types import DoubleType, StructField, StructType

    directory = tempfile.mkdtemp(prefix="predeval-spark-bench-")
    path = arguments.file or os.path.join(directory, "preds.csv")
    if not arguments.file:
        seconds, _ = timed(lambda: generate(path, arguments.rows))
        print(f"generated {arguments.rows:,} rows ({os.path.getsize(path) / 1e6:.0f} MB) in {seconds:.1f} s", file=sys.stderr)
    options = ["--actual", "label", "--predicted", "prediction"]
    one_pass_seconds, one_pass = timed(
        lambda: json.loads(subprocess.run([arguments.predeval, path, *options, "--format", "json"], capture_output=True, check=True).stdout)
    )
    spark = (
        SparkSession.builder.master(arguments.master).appName("predeval-bench").config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "4g").config("spark.ui.showConsoleProgress", "false").getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    schema = StructType([StructField("label", DoubleType()), StructField("prediction", DoubleType())])
    frame = spark.read.option("header", True).schema(schema).csv(path)
    partitions = frame.rdd.getNumPartitions()
    # Labels as Spark reads them (doubles): predeval takes 3.0 and 3 as one class.
    integration_seconds, merged = timed(lambda: evaluate(frame, options, predeval=arguments.predeval))
    evaluator = MulticlassClassificationEvaluator(labelCol="label", predictionCol="prediction", metricName="f1")
    mllib_seconds, mllib_f1 = timed(lambda: evaluator.evaluate(frame))
    spark.stop()
    assert merged["rows"] == one_pass["rows"]
    assert abs(merged["averages"]["weighted"]["f1"] - mllib_f1) < 1e-9, (merged["averages"]["weighted"]["f1"], mllib_f1)
    assert merged["averages"]["macro"] == one_pass["averages"]["macro"]
    print(f"| what ({merged['rows']:,} rows, {os.cpu_count()} cores, {partitions} partitions) | wall s |")
    print("|---|---|")
    print(f"| predeval integration (per-partition states, merged) | {integration_seconds:.1f} |")
    print(f"| Spark ML MulticlassClassificationEvaluator (f1) | {mllib_seconds:.1f} |")
    print(f"| one predeval process on the file | {one_pass_seconds:.1f} |")


if __name__ == "__main__":
    main()
