-- Moves one copied partition into the staging table with its partition value, which lives in the S3 path, not the file.
INSERT INTO staging.{{staging_table}} ({{columns}}, {{partition_key}})
SELECT {{columns}}, DATE '{{partition_value}}' FROM staging.{{copy_table}};
DELETE FROM staging.{{copy_table}};
