// aws-local-stepfunctions 3 calls Promise.withResolvers, which Node 20 lacks; without it every Task fails silently.
if (!('withResolvers' in Promise)) {
  Object.defineProperty(Promise, 'withResolvers', {
    value<T>() {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}

// The tested app must not depend on whose credentials run the tests.
delete process.env.CDK_DEFAULT_ACCOUNT;
delete process.env.CDK_DEFAULT_REGION;

// Apps built by tests run without aws-cdk-lib's built-in CloudFormation validator, as bin/app.ts runs: cfn-lint checks
// the templates in CI, and the validator starts a WebAssembly engine for every app a test builds (a third of the CPU of
// the control-tower test). It never changes a template.
process.env.CDK_VALIDATION = 'false';
