import type { Dataset } from '../dataset';

/** Quarantined records keep what they were given whole: never loaded into the warehouse, their text has no byte limit. */
const WHOLE = Number.MAX_SAFE_INTEGER;

/** A record the pipeline refused, kept with the reason so it can be fixed and replayed. */
export const QUARANTINED_RECORD: Dataset = {
  name: 'quarantined_records',
  description: 'Records rejected by validation, with the reason',
  columns: [
    { name: 'source_dataset', type: 'string', description: 'Dataset the record was meant for' },
    { name: 'source_file', type: 'string', nullable: true, maxBytes: WHOLE, description: 'File the record came from, if any' },
    { name: 'reason', type: 'string', maxBytes: WHOLE, description: 'Why the record was rejected' },
    { name: 'raw_record', type: 'string', maxBytes: WHOLE, description: 'The record as received' },
    { name: 'quarantined_at', type: 'timestamp', description: 'When it was rejected (UTC)' },
  ],
  businessKey: [],
  partitionKeys: [
    { name: 'dataset', type: 'string', description: 'Dataset the record was meant for' },
    { name: 'ingest_date', type: 'string', description: 'Day of the run, yyyy-MM-dd' },
  ],
};
