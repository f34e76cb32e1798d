import { type AvailableMigration, MigrationPlanError, planMigrations, recordedChecksum } from '../../lib/warehouse/migration-plan';

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

  test('an applied migration with placeholders is planned again when it is rendered with another value (a replaced stream)', () => {
    const firstStream = { ...migration('streaming/V001'), values: { stream_name: 'ecommerce-prod-order-changes' } };
    const recorded = [...applied('core/V001'), { id: 'streaming/V001', checksum: recordedChecksum(firstStream) }];
    expect(planMigrations([migration('core/V001'), firstStream], recorded)).toEqual([]);
    const replacedStream = { ...firstStream, values: { stream_name: 'ecommerce-prod-order-changes-v2' } };
    expect(ids(planMigrations([migration('core/V001'), replacedStream], recorded))).toEqual(['streaming/V001']);
  });

  test('a re-applied migration may be older than others of its track, which stay applied', () => {
    const bound = (id: string, stream: string) => ({ ...migration(id), values: { stream_name: stream } });
    const recorded = [bound('streaming/V001', 'old'), bound('streaming/V002', 'old')].map((m) => ({ id: m.id, checksum: recordedChecksum(m) }));
    const available = [bound('streaming/V001', 'new'), { ...migration('streaming/V002'), values: { stream_name: 'old' } }];
    expect(ids(planMigrations(available, recorded))).toEqual(['streaming/V001']);
  });

  test('the recorded checksum of a migration with placeholders covers the file and every value, in any order', () => {
    const bound = { ...migration('streaming/V001'), values: { stream_name: 's', streaming_role_arn: 'r' } };
    expect(recordedChecksum(bound)).toMatch(/^[0-9a-f]{64}$/);
    expect(recordedChecksum({ ...bound, values: { streaming_role_arn: 'r', stream_name: 's' } })).toBe(recordedChecksum(bound));
    expect(recordedChecksum({ ...bound, values: { stream_name: 's', streaming_role_arn: 'r2' } })).not.toBe(recordedChecksum(bound));
    expect(recordedChecksum({ ...bound, checksum: 'edited' })).not.toBe(recordedChecksum(bound));
    expect(recordedChecksum(migration('core/V001'))).toBe('sum-core/V001');
  });

  test('a malformed id is refused', () => {
    expect(() => planMigrations([migration('V001')], [])).toThrow(MigrationPlanError);
    expect(() => planMigrations([migration('core/V01')], [])).toThrow('migration id "core/V01" is not <track>/V<nnn>');
  });

  test('a migration listed twice is refused', () => {
    expect(() => planMigrations([migration('core/V001'), migration('core/V001')], [])).toThrow('migration core/V001 is listed twice');
  });

  test('an edited migration is named with the first 12 characters of both checksums', () => {
    expect(() => planMigrations([migration('core/V001', 'abcdefabcdef0123')], [{ id: 'core/V001', checksum: '0123456789abXYZ' }]))
      .toThrow('migration core/V001 was changed after it was applied (recorded 0123456789ab, now abcdefabcdef): restore it');
  });

  test('tracks run in the order they are listed, each by ascending version', () => {
    const available = [migration('streaming/V002'), migration('core/V002'), migration('streaming/V001'), migration('core/V001')];
    expect(ids(planMigrations(available, []))).toEqual(['streaming/V001', 'streaming/V002', 'core/V001', 'core/V002']);
  });
});
