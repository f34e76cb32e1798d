import { QUARANTINED_CHANGES_PREFIX } from '../../lambda/orders-cdc-forwarder/quarantined-change';
import type { BalanceSheet } from './balance-sheet';
import type { DeliveryOutcome } from './deliver-changes';
import type { WarehouseReport } from './load-warehouse';
import type { GlueOutcome } from './run-glue-jobs';
import type { StreamOutcome } from './stream-changes';

/** Columns padded to their widest cell; numbers right-aligned. */
function table(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string[] {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((row) => /^-?[\d.]+$/.test(String(row[i]))));
  return cells.map((row) => `  ${row.map((cell, i) => (numeric[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd()}`);
}

/**
 * What the run produced, as text: the warehouse's category revenue report, where every rejected record went and why,
 * and the balance sheet. Nothing in it depends on where or when the run happened, so two runs on the same data print
 * the same summary.
 */
export function summaryText(stream: StreamOutcome, delivery: DeliveryOutcome, glue: GlueOutcome, warehouse: WarehouseReport, sheet: BalanceSheet): string {
  const lines: string[] = [];
  lines.push('Category revenue report (warehouse reporting.category_revenue_daily, all days and regions)');
  lines.push(...table(['category', 'currency', 'orders', 'units', 'revenue'],
    warehouse.categoryRevenue.map((r) => [r.category, r.currency, r.orders, r.units, r.revenue])));
  lines.push('');
  lines.push('Rejected on purpose, with reasons');
  lines.push(`  quarantined (forwarder, whole, under quarantine/${QUARANTINED_CHANGES_PREFIX}): ${stream.quarantined.length}`);
  for (const change of stream.quarantined) lines.push(`    ${change.orderId ?? '(no key)'}: ${change.reason}`);
  lines.push(`  batch item failures (forwarder, retried by Lambda): ${stream.batchItemFailures.length}`);
  for (const failure of stream.batchItemFailures) lines.push(`    ${failure.orderId ?? '(no key)'}: ${failure.reason}`);
  lines.push(`  ProcessingFailed (processor, under the error prefix): ${delivery.processingFailed.length}`);
  for (const failure of delivery.processingFailed) lines.push(`    partition key ${failure.partitionKey}: ${failure.reason}`);
  for (const [dataset, reasons] of Object.entries(glue.quarantine)) {
    lines.push(`  quarantined ${dataset}: ${reasons.reduce((n, r) => n + r.rows, 0)}`);
    for (const { reason, rows } of reasons) lines.push(`    ${rows} x ${reason}`);
  }
  lines.push('');
  lines.push('Balance sheet');
  for (const section of sheet.sections) {
    lines.push(`  ${section.title}`);
    for (const check of section.checks) lines.push(`    ${check.holds ? 'ok      ' : 'MISMATCH'}  ${check.label}: ${check.equation}`);
  }
  lines.push(sheet.balanced ? 'Balanced: every record is accounted for.' : 'NOT BALANCED: see the MISMATCH lines above.');
  return lines.join('\n');
}
