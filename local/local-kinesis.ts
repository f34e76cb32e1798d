import {
  CreateStreamCommand, DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand, KinesisClient, ListShardsCommand,
} from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

// kinesalite ships no types: only the server factory is used.
const kinesalite = require('kinesalite') as (options: Record<string, unknown>) => Server;

export interface LocalKinesis {
  readonly endpoint: string;
  /** A client for this Kinesis (HTTP/1.1: kinesalite does not speak HTTP/2). */
  readonly client: KinesisClient;
  createStream(name: string, shardCount?: number): Promise<void>;
  /** Every record in the stream, in shard then sequence order, with its partition key and where it sits. */
  readRecords(name: string): Promise<StreamedRecord[]>;
  stop(): Promise<void>;
}

export interface StreamedRecord {
  readonly partitionKey: string;
  readonly data: string;
  readonly shardId: string;
  readonly sequenceNumber: string;
  /** Epoch milliseconds. */
  readonly arrivalTimestamp: number;
}

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export const LOCAL_REGION = 'eu-west-1';

/** Starts an in-memory kinesalite on a free loopback port. */
export async function startLocalKinesis(): Promise<LocalKinesis> {
  const server = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 50 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new KinesisClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, requestHandler: new NodeHttpHandler() });
  return {
    endpoint,
    client,
    async createStream(name, shardCount = 1) {
      await client.send(new CreateStreamCommand({ StreamName: name, ShardCount: shardCount }));
      for (let i = 0; i < 50; i++) {
        const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamName: name }));
        if (StreamDescription?.StreamStatus === 'ACTIVE') return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`Stream ${name} did not become ACTIVE`);
    },
    async readRecords(name) {
      const { Shards = [] } = await client.send(new ListShardsCommand({ StreamName: name }));
      const records: StreamedRecord[] = [];
      for (const shard of Shards) {
        let { ShardIterator } = await client.send(new GetShardIteratorCommand({
          StreamName: name, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON',
        }));
        while (ShardIterator) {
          const page = await client.send(new GetRecordsCommand({ ShardIterator }));
          records.push(...(page.Records ?? []).map((r) => ({
            partitionKey: r.PartitionKey ?? '',
            data: Buffer.from(r.Data ?? []).toString('utf8'),
            shardId: shard.ShardId ?? '',
            sequenceNumber: r.SequenceNumber ?? '',
            arrivalTimestamp: r.ApproximateArrivalTimestamp?.getTime() ?? 0,
          })));
          ShardIterator = page.Records && page.Records.length > 0 ? page.NextShardIterator : undefined;
        }
      }
      return records;
    },
    async stop() {
      client.destroy();
      await new Promise<void>((resolve, reject) => server.close((error?: Error) => (error ? reject(error) : resolve())));
    },
  };
}
