import type { LoadPlan, LoadStatement } from '../lib/warehouse/load-plan';

/** Runs one SQL statement in one database session (pg in tests; the Redshift Data API with a session id in AWS). */
export interface SqlSession {
  execute(sql: string): Promise<void>;
}

/** A failed load: which run, which table, which step, and the database's own message. */
export class LoadError extends Error {
  constructor(
    public readonly runId: string,
    public readonly table: string,
    public readonly step: string,
    cause: unknown,
  ) {
    super(`load run ${runId} failed at ${step} of ${table}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'LoadError';
  }
}

async function run(session: SqlSession, statement: LoadStatement): Promise<void> {
  try {
    await session.execute(statement.sql);
  } catch (error) {
    throw new LoadError(statement.runId, statement.table, statement.step, error);
  }
}

/**
 * Stages, then publishes in one transaction. A failure anywhere leaves the reporting tables as they were: staging
 * failures happen before publishing starts, and a publishing failure rolls the whole transaction back.
 */
export async function runLoad(plan: LoadPlan, session: SqlSession): Promise<void> {
  for (const statement of plan.stage) await run(session, statement);
  await session.execute('BEGIN');
  try {
    for (const statement of plan.publish) await run(session, statement);
    await session.execute('COMMIT');
  } catch (error) {
    await session.execute('ROLLBACK');
    throw error;
  }
}
