-- Stages the change batches of {{changes_table}} the warehouse has not applied: those after the last batch the audit
-- table records for {{reporting_table}}. None is nothing to do, not an error. Re-runnable: it empties the table first
-- (DELETE, not TRUNCATE: TRUNCATE commits on Redshift).
DELETE FROM staging.{{changes_table}};
INSERT INTO staging.{{changes_table}} ({{columns}}, batch_id)
SELECT {{columns}}, batch_id
FROM {{external_schema}}.{{changes_table}}
WHERE batch_id > (
  SELECT COALESCE(MAX(change_batch_id), '') FROM reporting.load_audit WHERE table_name = '{{reporting_table}}'
);
