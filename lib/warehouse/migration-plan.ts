/**
 * Decides which migrations to apply, given those in the repository and those the warehouse has recorded.
 * Plain data in, plain data out: the migrator Lambda and the tests both call it.
 */

export interface AvailableMigration {
  /** `<track>/V<nnn>`, e.g. `core/V001`. */
  readonly id: string;
  readonly checksum: string;
  readonly statements: readonly string[];
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

const MIGRATION_ID = /^([a-z]+)\/V(\d{3})$/;

function parseId(id: string): { track: string; version: number } {
  const match = MIGRATION_ID.exec(id);
  if (!match) throw new MigrationPlanError(`migration id ${JSON.stringify(id)} is not <track>/V<nnn>`);
  return { track: match[1], version: Number(match[2]) };
}

/**
 * The migrations still to apply, in order. Refuses, naming the migration, when an applied migration was edited,
 * when an applied migration of a deployed track is gone, or when a pending one is older than one already applied.
 * Tracks that are not deployed (streaming switched off) are left as they are.
 */
export function planMigrations(available: readonly AvailableMigration[], applied: readonly AppliedMigration[]): AvailableMigration[] {
  const appliedById = new Map(applied.map((m) => [m.id, m]));
  const availableIds = new Set<string>();
  for (const migration of available) {
    if (availableIds.has(migration.id)) throw new MigrationPlanError(`migration ${migration.id} is listed twice`);
    availableIds.add(migration.id);
    const recorded = appliedById.get(migration.id);
    if (recorded && recorded.checksum !== migration.checksum) {
      throw new MigrationPlanError(
        `migration ${migration.id} was changed after it was applied (recorded ${recorded.checksum.slice(0, 12)}, now ` +
        `${migration.checksum.slice(0, 12)}): restore it and add the change as a new version`,
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
    .filter((m) => !appliedById.has(m.id))
    .sort((a, b) => {
      const left = parseId(a.id);
      const right = parseId(b.id);
      return deployedTracks.indexOf(left.track) - deployedTracks.indexOf(right.track) || left.version - right.version;
    });
  for (const migration of pending) {
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
