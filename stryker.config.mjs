/**
 * `npm run mutate`: StrykerJS mutates the runtime code (`lambda/`) and the pure logic of `lib/` (contracts, the Glue
 * job plan and readers, the stage configuration, the warehouse plans, the run-date logic, the cost model), runs the
 * tests that cover each mutant, and reports the mutants no test notices. The CDK constructs and stacks are left out:
 * their behaviour is a template, which the synth tests pin.
 *
 * Only the plain-function tests run: a synth, a database or a local Glue session per mutant would take hours on two
 * cores, and every file below is covered by a cheap test of its own. Not part of CI (it takes tens of minutes).
 */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    config: {
      testPathIgnorePatterns: [
        '/node_modules/',
        // Synthesized templates and their reports: they exercise constructs and stacks, which are not mutated.
        '<rootDir>/test/(bin|compliance|constructs|diagram|iam|layout|nag|stacks)/',
        '<rootDir>/test/orchestration/(?!run-date)',
        '<rootDir>/test/cost/readme-cost',
        // Real engines (DuckDB, PostgreSQL, the local pipeline): seconds of start-up for each mutant they would run for.
        '<rootDir>/test/local-pipeline/',
        '<rootDir>/test/glue/(?!landing-reader)',
        '<rootDir>/test/warehouse/(load|schema)\\.test',
        '<rootDir>/test/lambda/warehouse-migrator/(handler|migrate)\\.test',
      ],
    },
  },
  checkers: ['typescript'],
  // The mutated files and what they import: a full check of the project (CDK types, tests) per mutant is many times slower.
  tsconfigFile: 'tsconfig.stryker.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  // A static mutant lives in code that runs when a module loads (the dataset declarations, the zod schemas, the stage
  // tables, a checker compiled at import): Stryker would reload every module and rerun every test for each, about 20 s
  // apiece and 70 % of all mutants. They are reported as ignored; code that a test also calls is still mutated.
  ignoreStatic: true,
  mutate: [
    'lambda/**/*.ts',
    // IAM declarations: data that test/iam checks against the synthesized policies.
    '!**/aws-calls.ts',
    'lib/contracts/**/*.ts',
    // Dataset declarations: data, read when a module loads. The Glue SQL and warehouse tests (real engines, left out
    // above) fail on a changed name or type, and test/contracts pins what the SQL relies on. Their mutants would be
    // static, but the forwarder's handler tests reload modules inside a test, so Stryker counted them as covered by
    // two tests that never read a declaration and reported all 309 as survivors.
    '!lib/contracts/datasets/**',
    'lib/config/**/*.ts',
    'lib/cost/**/*.ts',
    'lib/etl/glue-job-plan.ts',
    'lib/etl/landing-reader.ts',
    'lib/etl/spark-schema.ts',
    'lib/constructs/orchestration/batch-pipeline-state-machine/run-date-calendar.ts',
    'lib/constructs/orchestration/batch-pipeline-state-machine/run-date-statement.ts',
    'lib/warehouse/**/*.ts',
  ],
  // Two cores shared with other work: raise it on a machine of your own (`npx stryker run --concurrency 4`).
  concurrency: 1,
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 85, break: 85 },
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['cdk.out', 'cdk.*.out', '.cdk.staging', '.local-pipeline', 'coverage'],
  timeoutMS: 10000,
};
