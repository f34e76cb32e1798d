/**
 * Snapshot serializer that masks asset hashes (64 hex characters, alone or inside asset file names and S3 keys),
 * so a snapshot changes only when a template does. Nothing else is masked.
 */
const ASSET_HASH = /[0-9a-f]{64}/g;
const MASK = '[ASSET-HASH]';

export function test(value: unknown): boolean {
  return typeof value === 'string' && new RegExp(ASSET_HASH.source).test(value);
}

type Printer = (value: unknown, config: unknown, indentation: string, depth: number, refs: unknown) => string;

export function serialize(value: string, config: unknown, indentation: string, depth: number, refs: unknown, printer: Printer): string {
  return printer(value.replace(ASSET_HASH, MASK), config, indentation, depth, refs);
}
