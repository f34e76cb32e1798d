import { CURATED_CLICKSTREAM, CURATED_CUSTOMERS, CURATED_ORDERS, CURATED_PRODUCTS } from '../../lib/contracts';
import type { DeliveryOutcome } from './deliver-changes';
import type { WarehouseReport } from './load-warehouse';
import type { GlueOutcome } from './run-glue-jobs';
import { CDC_ORDER_PREFIX, type ChangeExpectations, EXPORT_ORDER_PREFIX, type LandingExpectations, type SampleData } from './sample-data';
import type { StreamOutcome } from './stream-changes';

/** The counts a run is judged on: what the generator planted, and what each stage measured. */
export interface RunFigures {
  readonly planted: { readonly changes: ChangeExpectations; readonly landing: Readonly<Record<string, LandingExpectations>> };
  readonly stream: {
    readonly recordsIn: number; readonly forwarded: number; readonly quarantined: number; readonly batchItemFailures: number; readonly foreignRecords: number;
  };
  readonly delivery: { readonly recordsIn: number; readonly ok: number; readonly processingFailed: number };
  /** By landing dataset: rows read, rows quarantined, rows curated. */
  readonly landing: Readonly<Record<string, { readonly rowsIn: number; readonly quarantined: number; readonly curated: number }>>;
  readonly curated: { readonly cdcOrders: number; readonly orders: number; readonly products: number; readonly customers: number; readonly revenueTotal: string };
  readonly warehouse: { readonly reportingRows: Readonly<Record<string, number>>; readonly revenueTotal: string };
}

/** One equation the run must satisfy, with its figures. */
export interface BalanceCheck {
  readonly label: string;
  /** The equation with its figures, e.g. `18 = 16 + 1 + 1`. */
  readonly equation: string;
  readonly holds: boolean;
}

export interface BalanceSheet {
  readonly sections: ReadonlyArray<{ readonly title: string; readonly checks: readonly BalanceCheck[] }>;
  readonly balanced: boolean;
}

/** Curated rows each landing dataset ends in; export lines are told apart from CDC lines by their order id. */
const CURATED_OF: Readonly<Record<string, (glue: GlueOutcome) => number>> = {
  products: (glue) => glue.curated[CURATED_PRODUCTS.name],
  customers: (glue) => glue.curated[CURATED_CUSTOMERS.name],
  order_line_exports: (glue) => glue.curatedOrderLinesByPrefix[EXPORT_ORDER_PREFIX],
  clickstream: (glue) => glue.curated[CURATED_CLICKSTREAM.name],
};

export function runFigures(sample: SampleData, stream: StreamOutcome, delivery: DeliveryOutcome, glue: GlueOutcome, warehouse: WarehouseReport): RunFigures {
  return {
    planted: { changes: sample.changes, landing: sample.landing },
    stream: {
      recordsIn: stream.recordsIn, forwarded: stream.forwarded, quarantined: stream.quarantined.length,
      batchItemFailures: stream.batchItemFailures.length, foreignRecords: stream.foreignRecords,
    },
    delivery: { recordsIn: delivery.recordsIn, ok: delivery.ok, processingFailed: delivery.processingFailed.length },
    landing: Object.fromEntries(Object.entries(glue.landing).map(([name, outcome]) =>
      [name, { rowsIn: outcome.rowsRead, quarantined: outcome.rowsQuarantined, curated: CURATED_OF[name](glue) }])),
    curated: {
      cdcOrders: glue.curatedOrdersByPrefix[CDC_ORDER_PREFIX],
      orders: glue.curated[CURATED_ORDERS.name],
      products: glue.curated[CURATED_PRODUCTS.name],
      customers: glue.curated[CURATED_CUSTOMERS.name],
      revenueTotal: glue.curatedRevenueTotal,
    },
    warehouse: { reportingRows: warehouse.reportingRows, revenueTotal: warehouse.revenueTotal },
  };
}

function check(label: string, left: number | string, right: ReadonlyArray<number | string>): BalanceCheck {
  const total = right.every((r) => typeof r === 'number') ? (right as number[]).reduce((a, b) => a + b, 0) : right.join('');
  return { label, equation: `${left} = ${right.join(' + ')}`, holds: String(left) === String(total) };
}

/**
 * Every record accounted for: what came in equals what was curated plus what was quarantined, failed or removed as a
 * duplicate or an older version, stage by stage, and the bad records the generator planted ended where they should.
 */
export function balanceSheet(figures: RunFigures): BalanceSheet {
  const { planted, stream, delivery, curated, warehouse } = figures;
  const sections = [
    {
      title: 'Order changes: DynamoDB Streams -> forwarder -> Kinesis -> processor -> raw -> curated',
      checks: [
        check('stream records in = forwarded + quarantined + batch item failures', stream.recordsIn,
          [stream.forwarded, stream.quarantined, stream.batchItemFailures]),
        check('quarantined = invalid items planted', stream.quarantined, [planted.changes.invalidRecords]),
        check('records on Kinesis = forwarded + foreign records', delivery.recordsIn, [stream.forwarded, stream.foreignRecords]),
        check('records on Kinesis = Ok + ProcessingFailed', delivery.recordsIn, [delivery.ok, delivery.processingFailed]),
        check('ProcessingFailed = foreign records planted', delivery.processingFailed, [planted.changes.foreignRecords]),
        check('Ok = curated orders + superseded versions + duplicates removed + records of removed orders', delivery.ok,
          [curated.cdcOrders, planted.changes.supersededVersions, planted.changes.redelivered, planted.changes.removedOrderRecords]),
        check('curated orders = orders still in the table', curated.cdcOrders, [planted.changes.currentOrders]),
      ],
    },
    ...Object.entries(planted.landing).map(([name, expected]) => {
      const landed = figures.landing[name];
      return {
        title: `Landing ${name} -> raw -> curated`,
        checks: [
          check('rows in = rows planted', landed.rowsIn, [expected.rows]),
          check('rows in = curated + quarantined + duplicates removed', landed.rowsIn, [landed.curated, landed.quarantined, expected.duplicates]),
          check('quarantined = invalid rows planted', landed.quarantined, [expected.invalid]),
        ],
      };
    }),
    {
      title: 'Curated -> warehouse',
      checks: [
        check('fact_orders = curated orders', warehouse.reportingRows.fact_orders, [curated.orders]),
        check('dim_product = curated products', warehouse.reportingRows.dim_product, [curated.products]),
        check('dim_customer = curated customers', warehouse.reportingRows.dim_customer, [curated.customers]),
        check('warehouse revenue = curated revenue', warehouse.revenueTotal, [curated.revenueTotal]),
      ],
    },
  ];
  return { sections, balanced: sections.every((s) => s.checks.every((c) => c.holds)) };
}
