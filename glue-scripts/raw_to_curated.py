"""Glue job: raw zone -> curated zone.

Reads the raw history with the contracts' schemas (--raw_sources: Parquet from the landing-to-raw job, JSON Lines CDC
records from Firehose) into temporary views, then runs the .sql files of --curated_steps in order (deployed with
--extra-files, the same files the tests run on DuckDB); each result becomes a view for the next steps. Each curated
table is rewritten whole as Snappy Parquet partitioned by its partition keys, and its partitions are registered in
the catalog, so a re-run on the same input gives the same tables.
Customer e-mails are hashed in SQL with the HMAC key of --email_hash_key_secret_arn (the forwarder's key), given to
the SQL as the view email_hash_key (lib/etl/email-hash-key-view.ts describes it), after the normalization the contracts
declare; its Unicode composition step is the function nfc_normalize, registered here (Spark SQL has none).
"""
import hashlib
import hmac
import json
import sys
import unicodedata

import boto3
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from pyspark.sql import SparkSession
from pyspark.sql.utils import AnalysisException

ARGUMENTS = [
    'JOB_NAME', 'raw_bucket', 'curated_bucket', 'curated_database', 'raw_sources', 'curated_steps', 'email_hash_key_secret_arn',
    'sql_files',
]
EMAIL_HASH_KEY_VIEW = 'email_hash_key'
HMAC_SHA256_BLOCK_SIZE = 64


def read_sql(sql_files, name):
    # Glue copies each --extra-files object into the driver's working directory under its S3 object name (a CDK asset
    # hash); --sql_files maps the plan's name of each file to that name.
    with open(sql_files[name], encoding='utf-8') as sql_file:
        return sql_file.read()


def register_raw_view(spark: SparkSession, bucket, source):
    path = f"s3://{bucket}/{source['name']}/"
    reader = spark.read.schema(source['schema'])
    try:
        frame = reader.parquet(path) if source['format'] == 'parquet' else reader.json(path)
    except AnalysisException:
        # Nothing written under the prefix yet: an empty view with the contract's schema.
        frame = spark.createDataFrame([], source['schema'])
    frame.createOrReplaceTempView(f"raw_{source['name']}")


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


def write_curated(spark: SparkSession, frame, step, args):
    table = step['table']
    writer = frame.select(*step['columns']).write.mode('overwrite').option('compression', 'snappy')
    if step['partition_keys']:
        writer = writer.partitionBy(*step['partition_keys'])
    writer.parquet(f"s3://{args['curated_bucket']}/{table}/")
    if step['partition_keys']:
        # Redshift Spectrum reads partitions from the catalog (Athena uses partition projection).
        spark.sql(f"ALTER TABLE `{args['curated_database']}`.`{table}` RECOVER PARTITIONS")
    print(json.dumps({'table': table, 'rows': frame.count()}))


def main():
    args = getResolvedOptions(sys.argv, ARGUMENTS)
    glue_context = GlueContext(SparkContext.getOrCreate())
    spark = glue_context.spark_session
    spark.conf.set('spark.sql.session.timeZone', 'UTC')
    spark.conf.set('spark.sql.sources.partitionOverwriteMode', 'static')
    job = Job(glue_context)
    job.init(args['JOB_NAME'], args)

    for source in json.loads(args['raw_sources']):
        register_raw_view(spark, args['raw_bucket'], source)
    register_email_hash_key_view(spark, args['email_hash_key_secret_arn'])
    register_text_functions(spark)
    sql_files = json.loads(args['sql_files'])
    for step in json.loads(args['curated_steps']):
        # Cached so the write and the later steps read the same rows.
        frame = spark.sql(read_sql(sql_files, step['sql'])).cache()
        frame.createOrReplaceTempView(step['view'])
        if 'table' in step:
            write_curated(spark, frame, step, args)
    job.commit()


if __name__ == '__main__':
    main()
