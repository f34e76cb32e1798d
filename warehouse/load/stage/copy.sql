-- Loads the Parquet files under one curated prefix. Columns match by position, so the staging table has exactly the
-- file's columns; an unexpected or missing column fails the COPY.
COPY staging.{{copy_table}} FROM '{{source_uri}}' IAM_ROLE '{{copy_role_arn}}' FORMAT AS PARQUET;
