import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { FirehoseTransformationEvent, FirehoseTransformationResult } from 'aws-lambda';
import { logger, metrics } from '../shared/powertools';
import { CHANGE_RECORDS_FAILED_METRIC } from '../shared/streaming-metrics';
import { transformRecord } from './transform-record';

/** Firehose transformation: every record comes back once, in order, Ok or ProcessingFailed (reason logged); none is lost. */
export async function handler(event: FirehoseTransformationEvent): Promise<FirehoseTransformationResult> {
  const outcomes = event.records.map(transformRecord);
  let failed = 0;
  outcomes.forEach((outcome, i) => {
    if (outcome.reason === undefined) return;
    failed++;
    const source = event.records[i].kinesisRecordMetadata;
    logger.error('Change record failed processing', {
      recordId: outcome.output.recordId,
      reason: outcome.reason,
      kinesisSequenceNumber: source?.sequenceNumber,
      partitionKey: source?.partitionKey,
      shardId: source?.shardId,
    });
  });
  logger.info('Batch processed', { received: event.records.length, ok: event.records.length - failed, failed });
  metrics.addMetric('ChangeRecordsOk', MetricUnit.Count, event.records.length - failed);
  metrics.addMetric(CHANGE_RECORDS_FAILED_METRIC, MetricUnit.Count, failed);
  metrics.publishStoredMetrics();
  return { records: outcomes.map((o) => o.output) };
}
