/**
 * Decides which migrations to apply, given those in the repository and those the warehouse has recorded.
 * Plain data in, plain data out: the migrator Lambda and the tests both call it.
 */
import { createHash } from 'node:crypto';

export interface AvailableMigration {
  /** `<track>/V<nnn>`, e.g. `core/V001`. */
  readonly id: string;
  /** SHA-256 of the file as written, before its placeholders are filled. */
  readonly checksum: string;
  readonly statements: readonly string[];
  /**
   * The values its placeholders were filled with (a stream name, a role ARN), for a migration that has placeholders; in
   * AWS, CloudFormation fills them in at deploy time. Such a migration is bound to them: it is applied again whenever they
   * (or its file) change, so it must be re-runnable. @default - no placeholders
   */
  readonly values?: Readonly<Record<string, string>>;
}

export interface AppliedMigration {
  readonly id: string;
  readonly checksum: string;
}

/** Thrown when applying would diverge from the history; the message says what to do instead. */
export class MigrationPlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationPlanError';
  }
}

/**
 * The checksum the warehouse records for a migration: the file's, or for a migration with placeholder values, the
 * checksum of the file and of the values it was rendered with, so that a new stream or role shows as a change.
 */
export function recordedChecksum(migration: AvailableMigration): string {
  const values = Object.entries(migration.values ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (values.length === 0) return migration.checksum;
  return createHash('sha256').update(migration.checksum).update(JSON.stringify(values)).digest('hex');
}

const isBound = (migration: AvailableMigration) => Object.keys(migration.values ?? {}).length > 0;

const MIGRATION_ID = /^([a-z]+)\/V(\d{3})$/;

function parseId(id: string): { track: string; version: number } {
  const match = MIGRATION_ID.exec(id);
  if (!match) throw new MigrationPlanError(`migration id ${JSON.stringify(id)} is not <track>/V<nnn>`);
  return { track: match[1], version: Number(match[2]) };
}

/**
 * The migrations still to apply, in order: those never applied, and those bound to placeholder values whose recorded
 * checksum (`recordedChecksum`) differs, i.e. that were rendered with other values. Refuses, naming the migration, when
 * an applied migration without placeholders was edited, when an applied migration of a deployed track is gone, or when
 * a new one is older than one already applied. Tracks that are not deployed (streaming switched off) are left as they are.
 */
export function planMigrations(available: readonly AvailableMigration[], applied: readonly AppliedMigration[]): AvailableMigration[] {
  const appliedById = new Map(applied.map((m) => [m.id, m]));
  const availableIds = new Set<string>();
  const rebound = new Set<string>();
  for (const migration of available) {
    if (availableIds.has(migration.id)) throw new MigrationPlanError(`migration ${migration.id} is listed twice`);
    availableIds.add(migration.id);
    const recorded = appliedById.get(migration.id);
    const checksum = recordedChecksum(migration);
    if (recorded && recorded.checksum !== checksum) {
      if (isBound(migration)) {
        rebound.add(migration.id);
        continue;
      }
      throw new MigrationPlanError(
        `migration ${migration.id} was changed after it was applied (recorded ${recorded.checksum.slice(0, 12)}, now ` +
        `${checksum.slice(0, 12)}): restore it and add the change as a new version`,
      );
    }
  }
  // Tracks keep the order in which they are listed (core before streaming), versions ascend within a track.
  const deployedTracks = [...new Set(available.map((m) => parseId(m.id).track))];
  const highestApplied = new Map<string, number>();
  for (const recorded of applied) {
    const { track, version } = parseId(recorded.id);
    if (!deployedTracks.includes(track)) continue;
    if (!availableIds.has(recorded.id)) {
      throw new MigrationPlanError(`migration ${recorded.id} was applied but is no longer in the repository: restore its file`);
    }
    highestApplied.set(track, Math.max(highestApplied.get(track) ?? 0, version));
  }
  const pending = available
    .filter((m) => !appliedById.has(m.id) || rebound.has(m.id))
    .sort((a, b) => {
      const left = parseId(a.id);
      const right = parseId(b.id);
      return deployedTracks.indexOf(left.track) - deployedTracks.indexOf(right.track) || left.version - right.version;
    });
  for (const migration of pending) {
    if (rebound.has(migration.id)) continue;
    const { track, version } = parseId(migration.id);
    const highest = highestApplied.get(track) ?? 0;
    if (version < highest) {
      throw new MigrationPlanError(
        `migration ${migration.id} is older than ${track}/V${String(highest).padStart(3, '0')}, which is already applied: ` +
        'give it the next free version',
      );
    }
  }
  return pending;
}
