import { Stack } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { boundedPoll } from './bounded-poll';
import { PIPELINE_ERRORS, TRANSIENT_ERROR_RETRY } from './pipeline-errors';
import type { StepContext } from './step-context';

/** Starts every crawler (or joins a crawl already running) and waits, boundedly, until each has finished well. */
export function crawlStep({ scope, poll, failures }: StepContext, crawlerNames: readonly string[]): sfn.Chain {
  const crawlerArns = crawlerNames.map((name) => Stack.of(scope).formatArn({ service: 'glue', resource: 'crawler', resourceName: name }));
  const crawlerName = sfn.JsonPath.stringAt('$.crawlerName');
  const get = new tasks.CallAwsService(scope, 'Get crawler', {
    service: 'glue',
    action: 'getCrawler',
    iamAction: 'glue:GetCrawler',
    iamResources: crawlerArns,
    parameters: { Name: crawlerName },
    resultSelector: { 'Crawler.$': '$.Crawler' },
    resultPath: '$.status',
  }).addRetry(TRANSIENT_ERROR_RETRY);
  const finished = new sfn.Choice(scope, 'Crawl succeeded?')
    .when(sfn.Condition.stringEquals('$.status.Crawler.LastCrawl.Status', 'SUCCEEDED'), new sfn.Succeed(scope, 'Crawler done'))
    .otherwise(failures.failIteration('Crawler failed', PIPELINE_ERRORS.crawlerFailed, sfn.JsonPath.format('Crawler {} ended {}',
      crawlerName, sfn.JsonPath.stringAt('$.status.Crawler.LastCrawl.Status'))));
  const loop = boundedPoll(scope, poll, {
    what: 'crawler',
    check: get,
    decide: new sfn.Choice(scope, 'Crawler ready?').when(sfn.Condition.stringEquals('$.status.Crawler.State', 'READY'), finished),
    attemptPath: '$.attempt',
    keep: { crawlerName },
    onLimit: failures.failIteration('Crawler hung', PIPELINE_ERRORS.pollLimitReached,
      sfn.JsonPath.format('Crawler {} still running', crawlerName)),
  });
  const start = new tasks.CallAwsService(scope, 'Start crawler', {
    service: 'glue',
    action: 'startCrawler',
    iamAction: 'glue:StartCrawler',
    iamResources: crawlerArns,
    parameters: { Name: crawlerName },
    resultPath: sfn.JsonPath.DISCARD,
  })
    .addRetry(TRANSIENT_ERROR_RETRY)
    // A crawl started by the crawler's own schedule is as good as ours: wait for it.
    .addCatch(loop, { errors: ['Glue.CrawlerRunningException'], resultPath: sfn.JsonPath.DISCARD });

  const crawlers = new sfn.Pass(scope, 'Crawlers to run', { result: sfn.Result.fromArray([...crawlerNames]), resultPath: '$.crawlers' });
  const each = new sfn.Map(scope, 'Crawl', {
    itemsPath: '$.crawlers',
    itemSelector: { crawlerName: sfn.JsonPath.stringAt('$$.Map.Item.Value'), attempt: 1 },
    resultPath: sfn.JsonPath.DISCARD,
  }).itemProcessor(start.next(loop));
  return crawlers.next(failures.catchAll(each));
}
