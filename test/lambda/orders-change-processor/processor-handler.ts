/** The processor's handler, imported once Powertools has the function's service name, no metrics and silent logs. */
export async function loadProcessorHandler(): Promise<typeof import('../../../lambda/orders-change-processor/handler').handler> {
  Object.assign(process.env, {
    POWERTOOLS_SERVICE_NAME: 'orders-change-processor',
    POWERTOOLS_METRICS_NAMESPACE: 'Test',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  return (await import('../../../lambda/orders-change-processor/handler')).handler;
}
