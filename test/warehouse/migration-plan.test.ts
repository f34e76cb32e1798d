import { type AvailableMigration, MigrationPlanError, planMigrations } from '../../lib/warehouse/migration-plan';

const migration = (id: string, checksum = `sum-${id}`): AvailableMigration => ({ id, checksum, statements: [`-- ${id}`] });
const applied = (...ids: string[]) => ids.map((id) => ({ id, checksum: `sum-${id}` }));
const ids = (plan: AvailableMigration[]) => plan.map((m) => m.id);

describe('planMigrations', () => {
  test('a new warehouse gets every migration, core first, versions ascending', () => {
    const available = [migration('core/V002'), migration('core/V001'), migration('streaming/V001')];
    expect(ids(planMigrations(available, []))).toEqual(['core/V001', 'core/V002', 'streaming/V001']);
  });

  test('only migrations not yet applied are planned', () => {
    expect(ids(planMigrations([migration('core/V001'), migration('core/V002')], applied('core/V001')))).toEqual(['core/V002']);
  });

  test('an up-to-date warehouse needs nothing', () => {
    expect(planMigrations([migration('core/V001')], applied('core/V001'))).toEqual([]);
  });

  test('an applied migration whose file changed is refused', () => {
    expect(() => planMigrations([migration('core/V001', 'edited')], applied('core/V001')))
      .toThrow(/^migration core\/V001 was changed after it was applied .*add the change as a new version$/);
  });

  test('an applied migration whose file is gone is refused', () => {
    expect(() => planMigrations([migration('core/V001')], applied('core/V001', 'core/V002')))
      .toThrow('migration core/V002 was applied but is no longer in the repository: restore its file');
  });

  test('a new migration older than an applied one is refused', () => {
    expect(() => planMigrations([migration('core/V001'), migration('core/V002'), migration('core/V003')], applied('core/V001', 'core/V003')))
      .toThrow(/^migration core\/V002 is older than core\/V003, which is already applied/);
  });

  test('a track that is not deployed any more (streaming switched off) is left alone', () => {
    expect(planMigrations([migration('core/V001')], applied('core/V001', 'streaming/V001'))).toEqual([]);
  });

  test('a malformed id is refused', () => {
    expect(() => planMigrations([migration('V001')], [])).toThrow(MigrationPlanError);
  });
});
