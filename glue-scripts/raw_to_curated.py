"""Glue job: raw zone -> curated zone, incremental.

Lists each raw dataset of --raw_sources (Parquet from the landing-to-raw job, JSON Lines CDC records from Firehose) and
reads only the files its ledger (<curated>/<--curated_ledger_prefix>/<dataset>/) does not list, with the contracts'
schemas, into temporary views: a run reads what arrived since the last successful run, never the raw history.
The curated tables (--curated_tables) are Apache Iceberg tables in the Glue catalog, created when missing and
partitioned by their contracts' partition keys, reached through the Iceberg catalog `glue_catalog` that this script
configures (Glue 5.0's native Iceberg, enabled by --datalake-formats iceberg:
https://docs.aws.amazon.com/glue/latest/dg/aws-glue-programming-etl-format-iceberg.html). The .sql files of
--curated_steps run in order (deployed with --extra-files, the same files the tests run on DuckDB): a query becomes a
view, checkpointed at once because the merges after it change the tables it read; a MERGE INTO applies such a view to
its table. Then each change table of --change_feeds gets this run's batch, Snappy Parquet under
<--changes_prefix>/<table>/batch_id=<batch>/ registered in the catalog: what the warehouse loads. The ledger is written
last: a run that fails before it reads the same files again, and its keyed merges repeat harmlessly.
Customer e-mails are hashed in SQL with the HMAC key of --email_hash_key_secret_arn (the forwarder's key), given to
the SQL as the view email_hash_key (lib/etl/email-hash-key-view.ts describes it), after the normalization the contracts
declare; its Unicode composition step is the function nfc_normalize, registered here (Spark SQL has none).
"""
import hashlib
import hmac
import json
import sys
import unicodedata

from datetime import datetime, timezone

import boto3
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark import SparkConf
from pyspark.context import SparkContext
from pyspark.sql import SparkSession
from pyspark.sql.utils import AnalysisException

ARGUMENTS = [
    'JOB_NAME', 'raw_bucket', 'curated_bucket', 'curated_database', 'raw_sources', 'curated_tables', 'curated_steps',
    'change_feeds', 'curated_ledger_prefix', 'changes_prefix', 'email_hash_key_secret_arn', 'sql_files',
]
ICEBERG_CATALOG = 'glue_catalog'
# Deletes and updates write delete files instead of rewriting the data files they touch: a merge costs what it changes.
ICEBERG_TABLE_PROPERTIES = {
    'format-version': '2', 'write.delete.mode': 'merge-on-read', 'write.update.mode': 'merge-on-read',
    'write.merge.mode': 'merge-on-read',
}
EMAIL_HASH_KEY_VIEW = 'email_hash_key'
HMAC_SHA256_BLOCK_SIZE = 64


def read_sql(sql_files, name):
    # Glue copies each --extra-files object into the driver's working directory under its S3 object name (a CDK asset
    # hash); --sql_files maps the plan's name of each file to that name.
    with open(sql_files[name], encoding='utf-8') as sql_file:
        return sql_file.read()


def iceberg_conf(curated_bucket):
    """The Spark settings of the Iceberg catalog on the Glue Data Catalog, as the Glue documentation gives them."""
    return (SparkConf()
            .set('spark.sql.extensions', 'org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions')
            .set(f'spark.sql.catalog.{ICEBERG_CATALOG}', 'org.apache.iceberg.spark.SparkCatalog')
            .set(f'spark.sql.catalog.{ICEBERG_CATALOG}.warehouse', f's3://{curated_bucket}/')
            .set(f'spark.sql.catalog.{ICEBERG_CATALOG}.catalog-impl', 'org.apache.iceberg.aws.glue.GlueCatalog')
            .set(f'spark.sql.catalog.{ICEBERG_CATALOG}.io-impl', 'org.apache.iceberg.aws.s3.S3FileIO'))


def list_raw_files(bucket, source):
    """The dataset's raw data files, as s3:// paths; like Spark, a folder or file starting with _ or . is not data."""
    s3 = boto3.client('s3')
    files = []
    for page in s3.get_paginator('list_objects_v2').paginate(Bucket=bucket, Prefix=f"{source['name']}/"):
        for item in page.get('Contents', []):
            parts = item['Key'].split('/')[1:]
            if any(part.startswith(('_', '.')) for part in parts):
                continue
            if source['format'] == 'parquet' and not item['Key'].endswith('.parquet'):
                continue
            files.append(f"s3://{bucket}/{item['Key']}")
    return files


def ledger_files(spark: SparkSession, ledger_path):
    try:
        return {row['source_file'] for row in spark.read.parquet(ledger_path).select('source_file').collect()}
    except AnalysisException:
        # No ledger yet: nothing has been merged.
        return set()


def register_raw_view(spark: SparkSession, bucket, source, files):
    if files:
        # basePath keeps the partition column (ingest_date, event_date) that the files' paths carry.
        reader = spark.read.schema(source['schema']).option('basePath', f"s3://{bucket}/{source['name']}/")
        frame = reader.parquet(*files) if source['format'] == 'parquet' else reader.json(files)
    else:
        frame = spark.createDataFrame([], source['schema'])
    frame.createOrReplaceTempView(f"raw_{source['name']}")


def create_curated_tables(spark: SparkSession, args):
    """Each curated Iceberg table, unless it exists: CloudFormation's IcebergInput cannot declare a partition spec."""
    properties = ', '.join(f"'{key}' = '{value}'" for key, value in ICEBERG_TABLE_PROPERTIES.items())
    for table in json.loads(args['curated_tables']):
        partitioned = f" PARTITIONED BY ({', '.join(table['partition_keys'])})" if table['partition_keys'] else ''
        spark.sql(f"CREATE TABLE IF NOT EXISTS `{table['name']}` ({table['schema']}) USING iceberg{partitioned} "
                  f"LOCATION 's3://{args['curated_bucket']}/{table['name']}/' TBLPROPERTIES ({properties})")


def hmac_pads(key: str):
    # RFC 2104, as hmac.new does: a key longer than the block is hashed, then zero-padded to the block.
    key_bytes = key.encode('utf-8')
    if len(key_bytes) > HMAC_SHA256_BLOCK_SIZE:
        key_bytes = hashlib.sha256(key_bytes).digest()
    key_bytes = key_bytes.ljust(HMAC_SHA256_BLOCK_SIZE, b'\0')
    return key_bytes.translate(hmac.trans_36), key_bytes.translate(hmac.trans_5C)


def register_email_hash_key_view(spark: SparkSession, secret_arn):
    # The ARN names the secret's region (arn:partition:secretsmanager:region:account:secret:name).
    secrets = boto3.client('secretsmanager', region_name=secret_arn.split(':')[3])
    key = secrets.get_secret_value(SecretId=secret_arn)['SecretString']
    inner_pad, outer_pad = hmac_pads(key)
    spark.createDataFrame([(bytearray(inner_pad), bytearray(outer_pad))], 'inner_pad binary, outer_pad binary') \
        .createOrReplaceTempView(EMAIL_HASH_KEY_VIEW)


def nfc_normalize(text):
    return None if text is None else unicodedata.normalize('NFC', text)


def register_text_functions(spark: SparkSession):
    # DuckDB's name for NFC, which the tests run natively; the SQL calls the same name on both engines.
    spark.udf.register('nfc_normalize', nfc_normalize, 'string')


def write_change_batch(spark: SparkSession, frame, feed, batch_id, args):
    """This run's batch of one change table, registered as its partition so the warehouse finds it."""
    path = f"s3://{args['curated_bucket']}/{args['changes_prefix']}/{feed['table']}/batch_id={batch_id}/"
    frame.select(*feed['columns']).coalesce(1).write.mode('overwrite').option('compression', 'snappy').parquet(path)
    spark.sql(f"ALTER TABLE spark_catalog.`{args['curated_database']}`.`{feed['table']}` "
              f"ADD IF NOT EXISTS PARTITION (batch_id = '{batch_id}')")
    upserts = frame.where("change_type = 'UPSERT'").count()
    print(json.dumps({'table': feed['table'], 'batch_id': batch_id, 'upserts': upserts, 'deletes': frame.count() - upserts}))


def main():
    args = getResolvedOptions(sys.argv, ARGUMENTS)
    glue_context = GlueContext(SparkContext.getOrCreate(iceberg_conf(args['curated_bucket'])))
    spark = glue_context.spark_session
    spark.conf.set('spark.sql.session.timeZone', 'UTC')
    job = Job(glue_context)
    job.init(args['JOB_NAME'], args)
    # Fixed width, so batch ids sort as the runs ran (lib/etl/glue-job-plan.ts changeBatchId).
    batch_id = datetime.now(timezone.utc).strftime('%Y%m%dT%H%M%S%fZ')

    read = []
    for source in json.loads(args['raw_sources']):
        ledger_path = f"s3://{args['curated_bucket']}/{args['curated_ledger_prefix']}/{source['name']}/"
        done = ledger_files(spark, ledger_path)
        files = [path for path in list_raw_files(args['raw_bucket'], source) if path not in done]
        register_raw_view(spark, args['raw_bucket'], source, files)
        read.append((ledger_path, files))
        print(json.dumps({'dataset': source['name'], 'new_files': len(files)}))
    register_email_hash_key_view(spark, args['email_hash_key_secret_arn'])
    register_text_functions(spark)
    # Unqualified table names in the SQL are the curated database's Iceberg tables; temporary views come first.
    spark.sql(f"USE {ICEBERG_CATALOG}.`{args['curated_database']}`")
    create_curated_tables(spark, args)

    sql_files = json.loads(args['sql_files'])
    views = {}
    for step in json.loads(args['curated_steps']):
        sql = read_sql(sql_files, step['sql'])
        if 'view' in step:
            # Materialized now (localCheckpoint is eager): the merges after it change the tables it read.
            views[step['view']] = spark.sql(sql).localCheckpoint()
            views[step['view']].createOrReplaceTempView(step['view'])
        else:
            spark.sql(sql)
    for feed in json.loads(args['change_feeds']):
        write_change_batch(spark, views[feed['view']], feed, batch_id, args)

    # Last: a run that fails before this line reads the same raw files again.
    for ledger_path, files in read:
        if files:
            spark.createDataFrame([(path,) for path in files], 'source_file STRING').coalesce(1).write.mode('append').parquet(ledger_path)
    job.commit()


if __name__ == '__main__':
    main()
