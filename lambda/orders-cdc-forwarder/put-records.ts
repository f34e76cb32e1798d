import { type KinesisClient, PutRecordsCommand, type PutRecordsRequestEntry } from '@aws-sdk/client-kinesis';

/** Kinesis limits of one PutRecords call. */
export const MAX_RECORDS_PER_CALL = 500;
export const MAX_BYTES_PER_CALL = 5 * 1024 * 1024;
/** Kinesis limit of one record: data plus partition key. */
export const MAX_RECORD_BYTES = 1024 * 1024;

export interface RetryPolicy {
  /** Calls per entry, the first included. */
  readonly maxAttempts: number;
  /** Backoff base: attempt n waits a random time up to base x 2^(n-1) (full jitter). */
  readonly baseDelayMs: number;
  /** Cap of one wait. */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 2000 };

export interface FailedEntry<T> {
  readonly item: T;
  readonly reason: string;
}

export interface PutRecordsOutcome<T> {
  readonly succeeded: T[];
  readonly failed: FailedEntry<T>[];
}

export interface PutRecordsOptions {
  readonly retry?: RetryPolicy;
  /** Waits between attempts; tests pass a fake. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

/**
 * Writes entries with PutRecords in calls within Kinesis limits, retrying the entries a call rejected (throttled or
 * failed, per entry or as a whole call) with exponential backoff and full jitter. Entries that still fail after the
 * last attempt are returned with the last error, never dropped. `item` travels with its entry so callers know which
 * source record failed.
 */
export async function putRecordsWithRetry<T>(
  client: KinesisClient,
  streamName: string,
  entries: ReadonlyArray<{ readonly item: T; readonly entry: PutRecordsRequestEntry }>,
  options: PutRecordsOptions = {},
): Promise<PutRecordsOutcome<T>> {
  const retry = options.retry ?? DEFAULT_RETRY_POLICY;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const succeeded: T[] = [];
  // An entry gets a reason only when a call fails it: the usual entry, accepted at once, is never copied.
  let pending: ReadonlyArray<{ readonly item: T; readonly entry: PutRecordsRequestEntry; readonly reason?: string }> = entries;

  for (let attempt = 1; attempt <= retry.maxAttempts && pending.length > 0; attempt++) {
    if (attempt > 1) await sleep(Math.floor(random() * Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 2))));
    const next: Array<{ item: T; entry: PutRecordsRequestEntry; reason: string }> = [];
    for (const call of chunk(pending)) {
      try {
        const response = await client.send(new PutRecordsCommand({ StreamName: streamName, Records: call.map((p) => p.entry) }));
        const results = response.Records ?? [];
        for (let i = 0; i < call.length; i++) {
          const { item, entry } = call[i];
          const result = results[i];
          if (result?.SequenceNumber && !result.ErrorCode) succeeded.push(item);
          else next.push({ item, entry, reason: `${result?.ErrorCode ?? 'NoResult'}: ${result?.ErrorMessage ?? 'Kinesis returned no result for this entry'}` });
        }
      } catch (error) {
        const reason = `${(error as Error).name}: ${(error as Error).message}`;
        for (const { item, entry } of call) next.push({ item, entry, reason });
      }
    }
    pending = next;
  }
  return { succeeded, failed: pending.map(({ item, reason }) => ({ item, reason: reason ?? '' })) };
}

/** Size Kinesis counts for an entry: data plus partition key. */
export function entrySize(entry: PutRecordsRequestEntry): number {
  return (entry.Data?.byteLength ?? 0) + Buffer.byteLength(entry.PartitionKey ?? '');
}

function chunk<T extends { readonly entry: PutRecordsRequestEntry }>(items: readonly T[]): T[][] {
  const calls: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = entrySize(item.entry);
    if (current.length > 0 && (current.length === MAX_RECORDS_PER_CALL || bytes + size > MAX_BYTES_PER_CALL)) {
      calls.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) calls.push(current);
  return calls;
}
