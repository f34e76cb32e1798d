import type { Construct } from 'constructs';
import type { PollSettings } from './bounded-poll';
import type { FailurePath } from './failure-path';

/** What each step of the definition is built with: the construct its states belong to, the poll bounds, the failure path. */
export interface StepContext {
  readonly scope: Construct;
  readonly poll: PollSettings;
  readonly failures: FailurePath;
}
