-- The curated database of the Glue catalog, read through Redshift Spectrum with the cluster's lake role: the change
-- tables (and the curated Iceberg tables) as external tables of schema {{external_schema}}.
CREATE EXTERNAL SCHEMA IF NOT EXISTS {{external_schema}} FROM DATA CATALOG DATABASE '{{curated_database}}' IAM_ROLE '{{lake_role_arn}}';
