import type { DynamoDBRecord } from 'aws-lambda';
import {
  CLICK_EVENT, CLICK_EVENT_TYPES, CURRENCIES, CUSTOMER, CUSTOMER_SEGMENTS, DEVICE_TYPES, ORDER_LINE_EXPORT, PAYMENT_TYPES,
  PRODUCT, PRODUCT_CATEGORIES, SALES_REGIONS,
} from '../../lib/contracts';
import { type FixtureRow, fixtureRow, toCsv, toJsonLines } from '../../local/dataset-fixtures';
import { orderItem, type PlainRecord, streamRecord } from '../../local/order-stream-records';

/**
 * Seeded sample data for the local pipeline, built from the contracts through the shared fixture builders: order changes
 * as DynamoDB Streams records, foreign records on the change stream, and landing files. Bad rows are planted on purpose,
 * and the generator states what it planted, so the balance sheet can check the pipeline against it.
 */
export interface SampleOptions {
  /** Orders the shop writes to DynamoDB (each gets one to three versions). */
  readonly orders: number;
  readonly seed: number;
}

export const DEFAULT_SAMPLE_OPTIONS: SampleOptions = { orders: 200, seed: 42 };

/** Days the sample orders are placed on, and the day the batch jobs run. */
export const ORDER_DAYS = ['2026-11-18', '2026-11-19', '2026-11-20'] as const;
export const RUN_DATE = '2026-11-21';
export const RUN_TIME = `${RUN_DATE}T02:00:00Z`;

/** Order id prefixes: changes captured from DynamoDB, and historical orders exported in batch. */
export const CDC_ORDER_PREFIX = 'ORD-';
export const EXPORT_ORDER_PREFIX = 'EXP-';

/** What became of each valid order change, as the generator made it. */
export interface ChangeExpectations {
  /** Orders whose latest version must be curated. */
  readonly currentOrders: number;
  /** Earlier versions of those orders. */
  readonly supersededVersions: number;
  /** Records delivered twice by the stream (at-least-once delivery). */
  readonly redelivered: number;
  /** Every record of orders the shop deleted. */
  readonly removedOrderRecords: number;
  /** Records the forwarder must quarantine. */
  readonly invalidRecords: number;
  /** Records another producer put on the stream that the processor must fail. */
  readonly foreignRecords: number;
}

/** What the generator planted in one landing dataset. */
export interface LandingExpectations {
  readonly rows: number;
  readonly invalid: number;
  readonly duplicates: number;
}

export interface SampleData {
  /** In the order the table's stream delivers them. */
  readonly streamRecords: readonly DynamoDBRecord[];
  /** Data another producer writes to the change stream. */
  readonly foreignRecords: readonly string[];
  /** Landing-zone files by path. */
  readonly landingFiles: Readonly<Record<string, string>>;
  readonly changes: ChangeExpectations;
  readonly landing: Readonly<Record<string, LandingExpectations>>;
}

/** mulberry32: small, fast and the same on every platform. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const iso = (ms: number) => new Date(ms).toISOString();

export function generateSampleData(options: SampleOptions): SampleData {
  const random = seededRandom(options.seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const money = (min: number, max: number) => Math.round((min + random() * (max - min)) * 100) / 100;

  const products = PRODUCT_CATEGORIES.flatMap((category, c) => [1, 2].map((k) => fixtureRow(PRODUCT, c * 2 + k, {
    sku: `SKU-${pad(c * 2 + k, 4)}`, product_name: `${category.toLowerCase()} item ${k}`, category,
    list_price: money(3, 250), updated_at: '2026-11-01T00:00:00.000Z',
  })));
  const customerCount = Math.max(10, Math.ceil(options.orders / 5));
  const customers = Array.from({ length: customerCount }, (_, i) => fixtureRow(CUSTOMER, i + 1, {
    customer_id: `CUST-${pad(i + 1, 5)}`, email: `customer.${i + 1}@example.com`, full_name: `Customer ${i + 1}`,
    country: pick(['DE', 'FR', 'GB', 'IE', 'US']), segment: pick(CUSTOMER_SEGMENTS), signup_date: `2025-${pad(between(1, 12), 2)}-${pad(between(1, 28), 2)}`,
    updated_at: '2026-11-01T00:00:00.000Z',
  }));
  const orderLines = () => Array.from({ length: between(1, 4) }, () => {
    const product = pick(products);
    return { sku: product.sku as string, quantity: between(1, 5), unit_price: product.list_price as number };
  });
  const orderHeader = (customer: FixtureRow) => ({
    customer_id: customer.customer_id, currency: pick(CURRENCIES), region: pick(SALES_REGIONS), payment_type: pick(PAYMENT_TYPES),
  });

  // Order changes: every order is inserted PENDING, then may be paid and then shipped, delivered, cancelled or refunded.
  interface Change {
    readonly operation: 'INSERT' | 'MODIFY' | 'REMOVE';
    readonly atMs: number;
    readonly image: PlainRecord;
    /** The version before, which the stream carries as the old image of a MODIFY. */
    readonly previous?: PlainRecord;
    readonly redeliver: boolean;
  }
  const changes: Change[] = [];
  let supersededVersions = 0;
  let redelivered = 0;
  let removedOrderRecords = 0;
  let currentOrders = 0;
  for (let n = 1; n <= options.orders; n++) {
    const customer = pick(customers);
    const createdMs = Date.parse(`${pick(ORDER_DAYS)}T08:00:00Z`) + between(0, 12 * 60) * 60_000;
    // Every third order is typed as people type: the e-mail in capitals padded with a tab and a no-break space, the
    // SKUs with a trailing tab. Normalized, they must still join their customer and products.
    const messy = n % 3 === 0;
    const base = {
      order_id: `${CDC_ORDER_PREFIX}${pad(n, 6)}`, ...orderHeader(customer),
      customer_email: messy ? `\t${String(customer.email).toUpperCase()}\u00A0` : customer.email,
      lines: orderLines().map((line) => (messy ? { ...line, sku: `${line.sku}\t` } : line)),
    };
    const statuses = ['PENDING', 'PAID', pick(['SHIPPED', 'DELIVERED', 'DELIVERED', 'CANCELLED', 'REFUNDED'])].slice(0, between(1, 3));
    const removed = n % 20 === 0;
    const orderChanges: Change[] = [];
    statuses.forEach((status, v) => {
      const atMs = v === 0 ? createdMs : orderChanges[v - 1].atMs + between(30, 600) * 60_000;
      const image = orderItem({ ...base, status, created_at: iso(createdMs), updated_at: iso(atMs) }, n);
      orderChanges.push({ operation: v === 0 ? 'INSERT' : 'MODIFY', atMs, image, previous: orderChanges[v - 1]?.image, redeliver: false });
    });
    if (removed) {
      const last = orderChanges[orderChanges.length - 1];
      orderChanges.push({ operation: 'REMOVE', atMs: last.atMs + 3_600_000, image: last.image, redeliver: false });
    }
    if (n % 40 === 1) orderChanges[orderChanges.length - 1] = { ...orderChanges[orderChanges.length - 1], redeliver: true };
    changes.push(...orderChanges);
    redelivered += orderChanges.filter((c) => c.redeliver).length;
    if (removed) {
      removedOrderRecords += orderChanges.length;
    } else {
      currentOrders += 1;
      supersededVersions += orderChanges.length - 1;
    }
  }

  // Items the forwarder must refuse: each fails the ORDER contract differently.
  const someone = customers[0];
  const badItem = (n: number, overrides: PlainRecord) => orderItem({
    order_id: `${CDC_ORDER_PREFIX}BAD-${n}`, ...orderHeader(someone), customer_email: someone.email, status: 'PENDING', lines: orderLines(),
    created_at: `${ORDER_DAYS[0]}T12:00:00.000Z`, updated_at: `${ORDER_DAYS[0]}T12:00:00.000Z`, ...overrides,
  }, n);
  const { customer_id: _dropped, ...withoutCustomer } = badItem(1, {});
  const invalidItems: PlainRecord[] = [
    withoutCustomer,
    badItem(2, { created_at: '2026-02-30T10:00:00.000Z' }),
    // Another entity type kept in the same table.
    { order_id: `CART#${someone.customer_id}`, customer_id: someone.customer_id, cart_items: [{ sku: products[0].sku, quantity: 1 }], ttl: 1795000000 },
  ];
  invalidItems.forEach((image, i) => changes.push({ operation: 'INSERT', atMs: Date.parse(`${ORDER_DAYS[0]}T12:00:00Z`) + i * 1000, image, redeliver: false }));

  // The table's stream delivers changes in time order, each with its own sequence number.
  const delivered = [...changes].sort((a, b) => a.atMs - b.atMs || String(a.image.order_id).localeCompare(String(b.image.order_id), 'en'));
  const streamRecords: DynamoDBRecord[] = [];
  delivered.forEach((change, i) => {
    const record = streamRecord(change.operation, {
      sequenceNumber: String(100_000_000_000 + i),
      approximateCreationDateTime: Math.floor(change.atMs / 1000),
      ...(change.operation === 'REMOVE' ? { oldImage: change.image } : { newImage: change.image, oldImage: change.previous }),
      keys: { order_id: { S: String(change.image.order_id) } },
    });
    streamRecords.push(record);
    if (change.redeliver) streamRecords.push(record);
  });

  const foreignRecords = [
    'legacy-feed|ORD-LEGACY-1|PAID',
    JSON.stringify({ order_id: 'ORD-LEGACY-2', status: 'PAID' }),
  ];

  // Landing files, each with one invalid row and one duplicate (an older version or an exact copy).
  const exportOrders = Math.max(3, Math.ceil(options.orders / 10));
  const exportLines = Array.from({ length: exportOrders }, (_, o) => {
    const createdAt = `${ORDER_DAYS[o % ORDER_DAYS.length]}T09:${pad(o % 60, 2)}:00.000Z`;
    const header = { order_id: `${EXPORT_ORDER_PREFIX}${pad(o + 1, 6)}`, ...orderHeader(pick(customers)), status: pick(['DELIVERED', 'SHIPPED', 'REFUNDED']), created_at: createdAt, updated_at: createdAt };
    return orderLines().map((line, l) => fixtureRow(ORDER_LINE_EXPORT, o, { ...header, line_number: l + 1, ...line }));
  }).flat();
  const events = Array.from({ length: options.orders * 2 }, (_, i) => {
    const customer = random() < 0.7 ? pick(customers).customer_id : null;
    const eventType = pick(CLICK_EVENT_TYPES);
    return fixtureRow(CLICK_EVENT, i, {
      event_id: `EVT-${pad(i + 1, 7)}`, session_id: `S-${pad(Math.floor(i / 4) + 1, 6)}`, customer_id: customer, event_type: eventType,
      sku: eventType === 'PAGE_VIEW' ? null : pick(products).sku, page_url: `/shop/${i % 17}`, device: pick(DEVICE_TYPES),
      event_time: iso(Date.parse(`${pick(ORDER_DAYS)}T00:00:00Z`) + between(0, 86_399) * 1000),
    });
  });
  const landingRows: Record<string, { rows: FixtureRow[]; invalid: FixtureRow; duplicate: FixtureRow }> = {
    products: {
      rows: products,
      invalid: fixtureRow(PRODUCT, 99, { sku: 'SKU-9999', list_price: -1, updated_at: '2026-11-01T00:00:00.000Z' }),
      duplicate: { ...products[2], list_price: 1, updated_at: '2026-10-01T00:00:00.000Z' },
    },
    customers: { rows: customers, invalid: { ...customers[0], customer_id: 'CUST-99999', signup_date: '2026-02-30' }, duplicate: customers[1] },
    order_line_exports: {
      rows: exportLines,
      invalid: { ...exportLines[0], order_id: `${EXPORT_ORDER_PREFIX}BAD-1`, quantity: -3 },
      duplicate: exportLines[0],
    },
    clickstream: { rows: events, invalid: { ...events[0], event_id: 'EVT-BAD-1', device: 'FRIDGE' }, duplicate: events[3] },
  };
  const landingFiles: Record<string, string> = {
    [`products/products-${RUN_DATE}.csv`]: toCsv([...products, landingRows.products.invalid, landingRows.products.duplicate]),
    [`customers/customers-${RUN_DATE}.csv`]: toCsv([...customers, landingRows.customers.invalid, landingRows.customers.duplicate]),
    [`order_line_exports/order-lines-${RUN_DATE}.csv`]: toCsv([...exportLines, landingRows.order_line_exports.invalid, landingRows.order_line_exports.duplicate]),
    [`clickstream/events-${RUN_DATE}.jsonl`]: toJsonLines([...events, landingRows.clickstream.invalid, landingRows.clickstream.duplicate]),
  };
  const landing = Object.fromEntries(Object.entries(landingRows).map(([name, { rows }]) => [name, { rows: rows.length + 2, invalid: 1, duplicates: 1 }]));

  return {
    streamRecords,
    foreignRecords,
    landingFiles,
    changes: { currentOrders, supersededVersions, redelivered, removedOrderRecords, invalidRecords: invalidItems.length, foreignRecords: foreignRecords.length },
    landing,
  };
}
