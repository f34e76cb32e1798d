import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { KeepInQuarantine } from '../lambda/orders-cdc-forwarder/quarantined-change';

/** The quarantine zone as a local directory: each document is a file at its object key, as S3 would hold it. */
export function directoryQuarantine(zoneDir: string): KeepInQuarantine {
  return async ({ key, body }) => {
    const path = join(zoneDir, key);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, body);
  };
}

/** A quarantine document read back, with its object key. */
export interface QuarantinedDocument {
  readonly key: string;
  readonly document: Record<string, unknown>;
}

/** Every document under `prefix` of a local quarantine zone, by object key. */
export function readQuarantine(zoneDir: string, prefix: string): QuarantinedDocument[] {
  const dir = join(zoneDir, prefix);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(zoneDir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort()
    .map((key) => ({ key, document: JSON.parse(readFileSync(join(zoneDir, key), 'utf8')) as Record<string, unknown> }));
}
