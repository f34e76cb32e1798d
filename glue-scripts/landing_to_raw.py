"""Glue job: landing zone -> raw zone.

For each landing dataset in --landing_sources (derived from the data contracts by lib/etl/glue-job-plan.ts) the job
lists the dataset's landing files, skips those its ledger (<raw>/<dataset>/_ingested_files/) says it has read, and
reads the others with the reader declared in --landing_reader (lib/etl/landing-reader.ts, the declaration the local
DuckDB reader uses too): every value as text, each CSV file mapped by its own header, records that cannot be read kept
with their text and the reason. It then runs the dataset's validation query (a .sql file deployed with --extra-files,
the same file the tests run on DuckDB). Valid rows go to the raw zone as Snappy Parquet partitioned by ingest date;
every other row goes to the quarantine zone with the reason; the ledger is written last.
"""
import json
import sys
from datetime import datetime, timezone
from functools import reduce

import boto3
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import StringType, StructField, StructType
from pyspark.sql.utils import AnalysisException

ARGUMENTS = [
    'JOB_NAME', 'landing_bucket', 'raw_bucket', 'quarantine_bucket', 'landing_sources', 'landing_reader', 'sql_files',
    'ingested_files_prefix',
]
QUARANTINE_TABLE = 'quarantined_records'
# A \\uD800-\\uDBFF escape not followed by a low one, or a low one alone: JSON text that names no character.
UNPAIRED_SURROGATE = (r'(?i)\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f][0-9a-f]{2})'
                      r'|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2}')


def read_sql(sql_files, name):
    # Glue copies each --extra-files object into the driver's working directory under its S3 object name (a CDK asset
    # hash); --sql_files maps the plan's name of each file to that name.
    with open(sql_files[name], encoding='utf-8') as sql_file:
        return sql_file.read()


def quoted(column):
    return F.col('`' + column.replace('`', '``') + '`')


def list_landing_files(bucket, source):
    """Every landing object of the dataset with one of its extensions, as s3:// paths, by format."""
    s3 = boto3.client('s3')
    by_format = {file_format: [] for file_format in source['extensions']}
    for page in s3.get_paginator('list_objects_v2').paginate(Bucket=bucket, Prefix=f"{source['name']}/"):
        for item in page.get('Contents', []):
            extension = item['Key'].rsplit('.', 1)[-1].lower()
            for file_format, extensions in source['extensions'].items():
                if extension in extensions:
                    by_format[file_format].append(f"s3://{bucket}/{item['Key']}")
    return by_format


def ingested_files(spark: SparkSession, ledger_path):
    try:
        return {row['source_file'] for row in spark.read.parquet(ledger_path).select('source_file').collect()}
    except AnalysisException:
        # No ledger yet: nothing has been read.
        return set()


def csv_frame(spark: SparkSession, path, columns, reader):
    """One CSV file, mapped by its own header; a record with another number of fields keeps its text."""
    options = reader['csv']
    corrupt = reader['corrupt_record_column']
    header = spark.read.options(**options).csv(path).columns
    if not header:
        return None
    # Spark keeps a UTF-8 byte-order mark in the first name; the declaration drops it.
    header[0] = header[0].lstrip('\ufeff')
    schema = StructType([StructField(name, StringType()) for name in header] + [StructField(corrupt, StringType())])
    frame = spark.read.options(**options).schema(schema).csv(path).cache()
    extra = [name for name in header if name not in columns]
    unexpected = F.concat_ws(', ', *[F.when(quoted(name) != '', F.lit(name)) for name in extra]) if extra else F.lit('')
    readable = F.col(corrupt).isNull()
    return frame.select(
        *[(F.when(readable, quoted(c)) if c in header else F.lit(None).cast('string')).alias(c) for c in columns],
        F.lit(path).alias('_source_file'),
        F.when(readable, F.to_json(F.struct(*[quoted(name) for name in header]))).otherwise(F.col(corrupt)).alias('_raw_record'),
        F.when(readable, unexpected).otherwise(F.lit('')).alias('_unexpected_columns'),
        F.when(~readable, malformed_csv_reason(F.col(corrupt), reader['malformed'])).alias('_malformed_reason'),
    )


def malformed_csv_reason(text, malformed):
    # An odd number of quotes: a quoted value ran to the end of the file, as the local reader reports it.
    odd_quotes = (F.size(F.split(text, '"')) % 2) == 0
    return F.when(odd_quotes, F.lit(malformed['csvUnterminatedQuote'])).otherwise(F.lit(malformed['csvFieldCount']))


def json_lines_frame(spark: SparkSession, paths, columns, reader):
    """JSON Lines: one record per non-blank line; a line that is not one object with distinct keys keeps its text."""
    malformed = reader['malformed']
    # One read per file, so each record names its file exactly as listed (input_file_name() may re-encode the key).
    per_file = [spark.read.options(**reader['json']).text(path).select(F.col('value').alias('line'), F.lit(path).alias('_source_file'))
                for path in paths]
    lines = reduce(DataFrame.unionByName, per_file).where(F.trim(F.col('line')) != '')
    # NULL for text that is not one JSON object; every key, repeated ones too, for an object.
    keys = F.expr('json_object_keys(line)')
    reason = (F.when(F.col('line').rlike(UNPAIRED_SURROGATE), F.lit(malformed['unpairedSurrogate']))
              .when(keys.isNull(), F.lit(malformed['jsonNotAnObject']))
              .when(F.size(keys) != F.size(F.array_distinct(keys)), F.lit(malformed['jsonDuplicateKey'])))
    checked = lines.withColumn('_malformed_reason', reason)
    readable = F.col('_malformed_reason').isNull()
    known = F.array(*[F.lit(c) for c in columns])
    return checked.select(
        *[F.when(readable, F.get_json_object(F.col('line'), '$.' + c)).alias(c) for c in columns],
        F.col('_source_file'),
        F.col('line').alias('_raw_record'),
        F.when(readable, F.array_join(F.array_except(keys, known), ', ')).otherwise(F.lit('')).alias('_unexpected_columns'),
        F.col('_malformed_reason'),
    )


def read_new_files(spark: SparkSession, files_by_format, columns, reader):
    frames = []
    for path in files_by_format.get('csv', []):
        frame = csv_frame(spark, path, columns, reader)
        if frame is not None:
            frames.append(frame)
    if files_by_format.get('json'):
        frames.append(json_lines_frame(spark, files_by_format['json'], columns, reader))
    if not frames:
        return None
    return reduce(DataFrame.unionByName, frames)


def register_allowed_values(spark: SparkSession, sources):
    rows = [
        (source['name'], column, value)
        for source in sources
        for column, values in source['allowed_values'].items()
        for value in values
    ]
    spark.createDataFrame(rows, 'dataset_name STRING, column_name STRING, value STRING').createOrReplaceTempView('allowed_values')


def land(spark: SparkSession, args, source, run_time):
    name = source['name']
    ingest_date = run_time.strftime('%Y-%m-%d')
    ledger_path = f"s3://{args['raw_bucket']}/{name}/{args['ingested_files_prefix']}/"
    done = ingested_files(spark, ledger_path)
    new_files = {fmt: [p for p in paths if p not in done] for fmt, paths in list_landing_files(args['landing_bucket'], source).items()}
    frame = read_new_files(spark, new_files, source['columns'], json.loads(args['landing_reader']))
    if frame is None:
        print(json.dumps({'dataset': name, 'new_files': 0}))
        return
    frame.createOrReplaceTempView(f'landing_{name}')
    checked: DataFrame = spark.sql(read_sql(json.loads(args['sql_files']), source['sql'])).cache()

    accepted = checked.where('reject_reason IS NULL').select(*source['columns']).withColumn('ingest_date', F.lit(ingest_date))
    (accepted.write.mode('append').partitionBy('ingest_date').option('compression', 'snappy')
        .parquet(f"s3://{args['raw_bucket']}/{name}/"))

    rejected = checked.where('reject_reason IS NOT NULL').select(
        F.lit(name).alias('source_dataset'),
        F.col('source_file'),
        F.col('reject_reason').alias('reason'),
        F.col('raw_record'),
        F.lit(run_time.replace(tzinfo=None)).cast('timestamp').alias('quarantined_at'),
        F.lit(name).alias('dataset'),
        F.lit(ingest_date).alias('ingest_date'),
    )
    (rejected.write.mode('append').partitionBy('dataset', 'ingest_date').option('compression', 'snappy')
        .parquet(f"s3://{args['quarantine_bucket']}/{QUARANTINE_TABLE}/"))

    # Last: a run that fails before this line reads the same files again.
    read_paths = [(path,) for paths in new_files.values() for path in paths]
    spark.createDataFrame(read_paths, 'source_file STRING').coalesce(1).write.mode('append').parquet(ledger_path)

    total = checked.count()
    quarantined = checked.where('reject_reason IS NOT NULL').count()
    print(json.dumps({'dataset': name, 'new_files': len(read_paths), 'rows_read': total,
                      'rows_accepted': total - quarantined, 'rows_quarantined': quarantined}))
    checked.unpersist()


def main():
    args = getResolvedOptions(sys.argv, ARGUMENTS)
    glue_context = GlueContext(SparkContext.getOrCreate())
    spark = glue_context.spark_session
    spark.conf.set('spark.sql.session.timeZone', 'UTC')
    job = Job(glue_context)
    job.init(args['JOB_NAME'], args)

    run_time = datetime.now(timezone.utc)
    sources = json.loads(args['landing_sources'])
    register_allowed_values(spark, sources)
    for source in sources:
        land(spark, args, source, run_time)
    job.commit()


if __name__ == '__main__':
    main()
