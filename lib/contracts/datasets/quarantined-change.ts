import type { Dataset } from '../dataset';
import { QUARANTINED_RECORD } from './quarantine';

/**
 * An order change the CDC forwarder can never forward, kept whole with the reason, so it outlives the stream's 24-hour
 * retention: one JSON document per change under `quarantined_order_changes/ingest_date=<day>/` in the quarantine zone,
 * with the columns of every quarantined record. `raw_record` is the DynamoDB Streams record as Lambda delivered it
 * (JSON text), ready to be replayed once its cause is fixed.
 */
export const QUARANTINED_CHANGE: Dataset = {
  name: 'quarantined_order_changes',
  description: 'Order changes the CDC forwarder refused, each whole with the reason',
  columns: QUARANTINED_RECORD.columns,
  businessKey: [],
  partitionKeys: [{ name: 'ingest_date', type: 'string', description: 'Day the change was quarantined, yyyy-MM-dd (UTC)' }],
};
