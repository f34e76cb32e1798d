/**
 * A module as a new execution environment loads it: its own copy, evaluated inside the calling test. The contracts
 * compile their patterns and tables when they load, and the forwarder's handler tests load them again inside a test, so
 * the mutation run (Stryker, per-test coverage) tries a changed pattern only with the tests that load the module
 * themselves. Loading it here makes a changed pattern fail the tests that specify what the pattern accepts.
 */
export function freshlyLoaded<T>(load: () => T): T {
  let loaded!: T;
  jest.isolateModules(() => {
    loaded = load();
  });
  return loaded;
}
