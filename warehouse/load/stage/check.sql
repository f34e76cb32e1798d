-- A run that staged nothing for a table fails here, naming the run and the table, before reporting is touched.
CALL staging.assert_rows_staged('{{run_id}}', '{{staging_table}}');
