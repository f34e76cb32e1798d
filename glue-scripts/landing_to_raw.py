"""Glue job: landing zone -> raw zone.

For each landing dataset in --landing_sources (derived from the data contracts by lib/etl/glue-job-plan.ts) the job
reads the files that arrived since its last run (job bookmarks), every column as text, and runs the dataset's
validation query: a .sql file deployed with --extra-files, the same file the tests run on DuckDB. Valid rows go to the
raw zone as Snappy Parquet partitioned by ingest date; every other row goes to the quarantine zone with the reason.
"""
import json
import sys
from datetime import datetime, timezone
from functools import reduce

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

ARGUMENTS = ['JOB_NAME', 'landing_bucket', 'raw_bucket', 'quarantine_bucket', 'landing_sources']
QUARANTINE_TABLE = 'quarantined_records'
SOURCE_FILE = '_source_file'


def read_sql(sql_files, name):
    # Glue copies each --extra-files object into the driver's working directory under its S3 object name (a CDK asset
    # hash); --sql_files maps the plan's name of each file to that name.
    with open(sql_files[name], encoding='utf-8') as sql_file:
        return sql_file.read()


def quoted(column):
    return F.col(f'`{column}`')


def read_new_files(glue_context, bucket, source):
    """The dataset's new files of every format, all columns as text; None when there is none."""
    frames = []
    all_extensions = [ext for extensions in source['extensions'].values() for ext in extensions]
    for file_format, extensions in source['extensions'].items():
        others = [ext for ext in all_extensions if ext not in extensions]
        frame = glue_context.create_dynamic_frame.from_options(
            connection_type='s3',
            connection_options={
                'paths': [f"s3://{bucket}/{source['name']}/"],
                'recurse': True,
                'exclusions': json.dumps([f'**.{ext}' for ext in others]),
                'attachFilename': SOURCE_FILE,
            },
            format=file_format,
            format_options={'withHeader': True, 'separator': ','} if file_format == 'csv' else {},
            transformation_ctx=f"landing_{source['name']}_{file_format}",
        ).toDF()
        if frame.columns:
            if SOURCE_FILE not in frame.columns:
                frame = frame.withColumn(SOURCE_FILE, F.input_file_name())
            frames.append(frame.select([quoted(c).cast('string').alias(c) for c in frame.columns]))
    if not frames:
        return None
    return reduce(lambda left, right: left.unionByName(right, allowMissingColumns=True), frames)


def conform(frame, columns):
    """The contract's columns (absent ones NULL), the file, the record as received, and unknown columns holding a value."""
    data_columns = [c for c in frame.columns if c != SOURCE_FILE]
    extra = [c for c in data_columns if c not in columns]
    unexpected = F.concat_ws(', ', *[F.when(F.trim(quoted(c)) != '', F.lit(c)) for c in extra]) if extra else F.lit('')
    return frame.select(
        *[(quoted(c) if c in frame.columns else F.lit(None).cast('string')).alias(c) for c in columns],
        F.col(SOURCE_FILE).alias('_source_file'),
        F.to_json(F.struct(*[quoted(c) for c in data_columns])).alias('_raw_record'),
        unexpected.alias('_unexpected_columns'),
    )


def register_allowed_values(spark: SparkSession, sources):
    rows = [
        (source['name'], column, value)
        for source in sources
        for column, values in source['allowed_values'].items()
        for value in values
    ]
    spark.createDataFrame(rows, 'dataset_name STRING, column_name STRING, value STRING').createOrReplaceTempView('allowed_values')


def land(spark: SparkSession, glue_context, args, source, run_time):
    name = source['name']
    ingest_date = run_time.strftime('%Y-%m-%d')
    frame = read_new_files(glue_context, args['landing_bucket'], source)
    if frame is None:
        print(json.dumps({'dataset': name, 'new_files': False}))
        return
    conform(frame, source['columns']).createOrReplaceTempView(f'landing_{name}')
    checked: DataFrame = spark.sql(read_sql(source['sql'])).cache()

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

    total = checked.count()
    quarantined = checked.where('reject_reason IS NOT NULL').count()
    print(json.dumps({'dataset': name, 'rows_read': total, 'rows_accepted': total - quarantined, 'rows_quarantined': quarantined}))
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
        land(spark, glue_context, args, source, run_time)
    job.commit()


if __name__ == '__main__':
    main()
