import { StateMachine } from 'aws-local-stepfunctions';
import { allStates, type StateMachineDefinition } from './asl';

/** Answers a Task state with the service's response (or throws the service's error), given the task's parameters. */
export type TaskAnswer = (parameters: Record<string, unknown>) => unknown;

export const EXECUTION_ARN = 'arn:aws:states:eu-west-1:123456789012:execution:test-batch-pipeline:run-1';
export const STATE_MACHINE_ARN = 'arn:aws:states:eu-west-1:123456789012:stateMachine:test-batch-pipeline';
/** Passed as the execution's start, but aws-local-stepfunctions 3 replaces it with the real clock: never assert on it. */
export const START_TIME = '2026-11-23T06:00:00.000Z';

/** An AWS error as a Task sees it: the name is what Retry and Catch match. */
export function awsError(name: string, message = `${name} (simulated)`): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** Answers `answers` in turn, repeating the last one: a status that changes between polls. */
export function inTurn(...answers: TaskAnswer[]): TaskAnswer {
  let call = 0;
  return (parameters) => answers[Math.min(call++, answers.length - 1)](parameters);
}

export const crawlerIs = (State: string, Status?: string): TaskAnswer => () => ({ Crawler: { State, ...(Status ? { LastCrawl: { Status } } : {}) } });
export const jobRun = (Id: string): TaskAnswer => () => ({ Id, JobRunState: 'SUCCEEDED' });

/** Every service answers as on a good day: nothing else running, crawls and jobs succeed, every rule passes. */
export const goodDay = (): Record<string, TaskAnswer> => ({
  'List running executions': () => ({ Executions: [{ status: 'RUNNING' }] }),
  'Start crawler': () => ({}),
  'Get crawler': inTurn(crawlerIs('RUNNING'), crawlerIs('READY', 'SUCCEEDED')),
  'Run landing to raw job': jobRun('jr_landing'),
  'Run raw to curated job': jobRun('jr_curated'),
  'Start data quality evaluation': () => ({ RunId: 'dqrun-1' }),
  'Get data quality evaluation': inTurn(() => ({ Status: 'RUNNING' }), () => ({ Status: 'SUCCEEDED', ResultIds: ['dqresult-1'] })),
  'Get data quality result': () => ({ Score: 1 }),
  'Run warehouse stage': () => ({ Id: 'stage-1' }),
  'Describe warehouse stage': inTurn(() => ({ Status: 'STARTED' }), () => ({ Status: 'FINISHED' })),
  'Run warehouse publish': () => ({ Id: 'publish-1' }),
  'Describe warehouse publish': () => ({ Status: 'FINISHED' }),
  'Notify success': () => ({ MessageId: 'm-1' }),
  'Notify failure': () => ({ MessageId: 'm-2' }),
});

export interface LocalExecution {
  /** The output, or the error the execution failed with. */
  readonly outcome: { output: unknown } | { error: { name: string; message: string } };
  /** Parameters each Task received, in order, by state name. */
  readonly calls: Record<string, Record<string, unknown>[]>;
}

/** One validated machine per definition: building a StateMachine validates the definition, most of a short run's time. */
const machines = new WeakMap<StateMachineDefinition, StateMachine>();
function machineFor(definition: StateMachineDefinition): StateMachine {
  let machine = machines.get(definition);
  if (!machine) machines.set(definition, machine = new StateMachine(definition as never));
  return machine;
}

/**
 * Runs `definition` in aws-local-stepfunctions with every Task answered locally and every Wait and retry pause at zero.
 * A Task without an answer fails the test, so a scenario states each service call it expects.
 */
export async function runLocally(definition: StateMachineDefinition, input: unknown, answers: Record<string, TaskAnswer>): Promise<LocalExecution> {
  const states = allStates(definition);
  const names = (type: string) => Object.entries(states).filter(([, state]) => state.Type === type).map(([name]) => name);
  const calls: Record<string, Record<string, unknown>[]> = {};
  const handlers = Object.fromEntries(names('Task').map((name) => [name, async (parameters: unknown) => {
    (calls[name] ??= []).push(parameters as Record<string, unknown>);
    const answer = answers[name];
    if (!answer) throw new Error(`Unexpected call to ${name}`);
    return answer(parameters as Record<string, unknown>) as never;
  }]));
  const machine = machineFor(definition);
  const execution = machine.run(input as never, {
    overrides: {
      taskResourceLocalHandlers: handlers,
      waitTimeOverrides: Object.fromEntries(names('Wait').map((name) => [name, 0])),
      retryIntervalOverrides: Object.fromEntries(names('Task').map((name) => [name, 0])),
    },
    context: {
      Execution: { Id: EXECUTION_ARN, Input: input as never, Name: 'run-1', StartTime: START_TIME },
      StateMachine: { Id: STATE_MACHINE_ARN, Name: 'test-batch-pipeline' },
    },
  });
  try {
    return { outcome: { output: await execution.result }, calls };
  } catch (error) {
    const cause = (error as Error & { cause?: Error }).cause;
    return { outcome: { error: { name: cause?.name ?? 'unknown', message: cause?.message ?? String(error) } }, calls };
  }
}
