"""Score a Spark DataFrame with predeval: one ``predeval --emit-state`` per partition, where the
partition lives, and one ``predeval merge`` of the small states on the driver. The merged report
is the report of one predeval pass over all the rows (docs/state-format.md).

    from predeval_spark import evaluate
    report = evaluate(df, ["--actual", "label", "--predicted", "prediction", "--group-by", "site"])

Each partition's rows go to predeval's standard input as CSV (Arrow's CSV writer, header
first), in whatever order the partition holds them; predeval's binary is shipped to the
executors with ``SparkContext.addFile``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from typing import Iterable, Iterator, Sequence

import pyarrow as pa
import pyarrow.csv as pacsv
from pyspark import SparkFiles
from pyspark.sql import DataFrame, SparkSession

__all__ = ["evaluate", "partition_states", "merge_states", "PredevalError"]


class PredevalError(RuntimeError):
    """predeval refused the rows or the states: its exit status and its message."""

    def __init__(self, status: int, message: str):
        super().__init__(f"predeval exited with status {status}: {message.strip()}")
        self.status = status
        self.message = message


def _state_of_partition(binary_name: str, options: Sequence[str]):
    """The function mapInArrow runs on each partition: its rows, as CSV, into one
    ``predeval - --emit-state -``; yields one row holding the state (none for an empty partition)."""

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        binary = SparkFiles.get(binary_name)
        if not os.access(binary, os.X_OK):
            os.chmod(binary, 0o755)
        first = next(batches, None)
        while first is not None and first.num_rows == 0:
            first = next(batches, None)
        if first is None:
            return
        with tempfile.TemporaryFile() as state, tempfile.TemporaryFile() as errors:
            process = subprocess.Popen(
                [binary, "-", *options, "--emit-state", "-"], stdin=subprocess.PIPE, stdout=state, stderr=errors
            )
            try:
                with pacsv.CSVWriter(process.stdin, first.schema) as writer:
                    writer.write_batch(first)
                    for batch in batches:
                        writer.write_batch(batch)
            except BrokenPipeError:
                pass  # predeval stopped reading: its status and message say why.
            finally:
                try:
                    process.stdin.close()
                except BrokenPipeError:
                    pass
            status = process.wait()
            errors.seek(0)
            if status != 0:
                raise PredevalError(status, errors.read().decode("utf-8", "replace"))
            state.seek(0)
            yield pa.RecordBatch.from_arrays([pa.array([state.read()], type=pa.binary())], names=["state"])

    return run


def partition_states(df: DataFrame, options: Sequence[str] = (), predeval: str | None = None) -> list[bytes]:
    """Each non-empty partition's predeval state, counted under ``options`` (evaluate's
    counting options: columns, labels, scores, slices, bootstrap)."""
    binary = os.path.abspath(predeval or shutil.which("predeval") or "predeval")
    if not os.path.isfile(binary):
        raise FileNotFoundError(f"no predeval binary at {binary}")
    spark = df.sparkSession
    spark.sparkContext.addFile(binary)
    # The partition function lives in this module: executors import it from the copy shipped here.
    spark.sparkContext.addPyFile(os.path.abspath(__file__))
    rows = df.mapInArrow(_state_of_partition(os.path.basename(binary), list(options)), "state binary").collect()
    return [bytes(row.state) for row in rows]


def merge_states(
    states: Iterable[bytes], report_options: Sequence[str] = (), predeval: str | None = None, output_format: str = "json"
) -> str:
    """The report on the merged ``states`` (``predeval merge``), as predeval renders it."""
    binary = os.path.abspath(predeval or shutil.which("predeval") or "predeval")
    with tempfile.TemporaryDirectory(prefix="predeval-states-") as directory:
        paths = []
        for index, state in enumerate(states):
            path = os.path.join(directory, f"part-{index:05d}.state")
            with open(path, "wb") as file:
                file.write(state)
            paths.append(path)
        if not paths:
            raise PredevalError(2, "no partition held a row")
        completed = subprocess.run(
            [binary, "merge", *paths, *report_options, "--format", output_format], capture_output=True
        )
        if completed.returncode not in (0, 1):
            raise PredevalError(completed.returncode, completed.stderr.decode("utf-8", "replace"))
        return completed.stdout.decode("utf-8")


def evaluate(
    data: DataFrame | str,
    options: Sequence[str] = (),
    report_options: Sequence[str] = (),
    predeval: str | None = None,
    spark: SparkSession | None = None,
    output_format: str = "json",
):
    """predeval's report on every row of ``data`` (a DataFrame, or a path Spark reads as CSV
    with a header): the parsed JSON report by default, else the text of ``output_format``."""
    if isinstance(data, str):
        session = spark or SparkSession.builder.getOrCreate()
        data = session.read.option("header", True).csv(data)
    report = merge_states(partition_states(data, options, predeval), report_options, predeval, output_format)
    return json.loads(report) if output_format == "json" else report


def _main(arguments: Sequence[str]) -> int:
    """``spark-submit predeval_spark.py --predeval BIN DATA.csv [options] [-- report options]``."""
    import argparse

    parser = argparse.ArgumentParser(description="Score a CSV (or a folder of them) with predeval on Spark.")
    parser.add_argument("--predeval", help="the predeval binary (default: the one on PATH)")
    parser.add_argument("--format", default="text", help="text, json, markdown or csv (default text)")
    parser.add_argument("data", help="a CSV file or folder, as spark.read.csv reads it, with a header")
    known, rest = parser.parse_known_args(arguments)
    counting, report = (rest[: rest.index("--")], rest[rest.index("--") + 1 :]) if "--" in rest else (rest, [])
    spark = SparkSession.builder.appName("predeval").getOrCreate()
    try:
        data = spark.read.option("header", True).csv(known.data)
        print(merge_states(partition_states(data, counting, known.predeval), report, known.predeval, known.format), end="")
    except PredevalError as error:
        print(error.message, end="", file=__import__("sys").stderr)
        return error.status
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(_main(sys.argv[1:]))
