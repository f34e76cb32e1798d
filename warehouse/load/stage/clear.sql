-- Empties a staging table left by an earlier run. DELETE, not TRUNCATE: TRUNCATE commits on Redshift.
DELETE FROM staging.{{staging_table}};
