import { rmSync } from 'node:fs';
import { createLocalLake, type LocalLake, LocalGlueJobs } from '../../../local/local-glue-jobs';

export interface LocalGlueSession {
  /** The local Glue jobs of this test file (one DuckDB, opened before its tests). */
  readonly jobs: LocalGlueJobs;
  /** A fresh local lake, removed after the file's tests. */
  newLake(): LocalLake;
}

/** One set of local Glue jobs for a test file, and the lakes it makes, cleaned up when the file is done. */
export function localGlueSession(): LocalGlueSession {
  let jobs: LocalGlueJobs | undefined;
  const lakes: LocalLake[] = [];
  beforeAll(async () => {
    jobs = await LocalGlueJobs.create();
  });
  afterAll(() => {
    jobs?.close();
    for (const lake of lakes) rmSync(lake.root, { recursive: true, force: true });
  });
  return {
    get jobs() {
      if (!jobs) throw new Error('the local Glue jobs open in beforeAll: use them inside a test or hook');
      return jobs;
    },
    newLake() {
      const lake = createLocalLake();
      lakes.push(lake);
      return lake;
    },
  };
}
