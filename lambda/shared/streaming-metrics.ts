/**
 * The streaming functions' custom metrics that alarms watch, named once for the handlers that emit them and the
 * constructs that alarm on them (a rename on one side only would leave an alarm on a metric nobody emits).
 */
export const FORWARDER_SERVICE_NAME = 'orders-cdc-forwarder';
export const PROCESSOR_SERVICE_NAME = 'orders-change-processor';
/** Changes the forwarder can never forward, kept in the quarantine zone. */
export const CHANGES_QUARANTINED_METRIC = 'ChangesQuarantined';
/** Change records the Firehose processor marked ProcessingFailed (Firehose keeps them under its error prefix). */
export const CHANGE_RECORDS_FAILED_METRIC = 'ChangeRecordsFailed';
