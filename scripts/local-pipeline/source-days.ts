import type { DynamoDBRecord } from 'aws-lambda';
import {
  CURRENCIES, CUSTOMER, CUSTOMER_SEGMENTS, ORDER_LINE_EXPORT, PAYMENT_TYPES, PRODUCT, PRODUCT_CATEGORIES, SALES_REGIONS,
} from '../../lib/contracts';
import { type FixtureRow, fixtureRow, toCsv } from '../../local/dataset-fixtures';
import { orderItem, type PlainRecord, streamRecord } from '../../local/order-stream-records';
import { CDC_ORDER_PREFIX, EXPORT_ORDER_PREFIX, seededRandom } from './sample-data';

/**
 * The shop, day after day, for `npm run pipeline:local -- --days N`: what its DynamoDB table streams and what lands as
 * files each day, and the truth the warehouse must equal, kept by the simulation itself (never read from the pipeline):
 * the orders still in the table, those its time to live expired (kept as history: REMOVAL_KINDS), and the latest
 * exported version of every exported order. Day 1 lands the catalogue and the customers; every day has new orders,
 * status changes and user deletes of orders of the last RECENT_DAYS days (the first delete of a day by its key only: its
 * old image fails the contract), TTL expiries of older ones (after EMPTY_DAY) and an export file, except:
 * day 2 moves a product to another category, day 3 has no orders at all, day 4 brings a late export file for day 1.
 */
export const FIRST_DAY = '2026-11-01';
export const EMPTY_DAY = 3;
export const LATE_FILE_DAY = 4;
/** How many days back an order may still change or be deleted. */
export const RECENT_DAYS = 2;
/** The day the batch pipeline runs twice (a re-run changes nothing). */
export const DAY_RUN_TWICE = 2;

export interface DayInput {
  readonly day: number;
  readonly date: string;
  readonly streamRecords: readonly DynamoDBRecord[];
  readonly landingFiles: Readonly<Record<string, string>>;
  /** What happened, for the printed sheet. */
  readonly events: Readonly<Record<string, number>>;
}

interface Line { readonly sku: string; readonly quantity: number; readonly unit_price: number }
interface TrueOrder {
  readonly order_id: string; readonly status: string; readonly currency: string; readonly region: string;
  readonly created_at: string; readonly updated_at: string; readonly lines: readonly Line[];
}

/** What the warehouse must hold: every order with its status, and the revenue report rows. */
export interface Truth {
  readonly orders: ReadonlyMap<string, string>;
  /** `<day> <region> <category> <currency>` -> `<orders> <revenue>`; cancelled and refunded orders earn nothing. */
  readonly revenue: ReadonlyMap<string, string>;
  readonly ordersInTable: number;
  readonly expiredKept: number;
  readonly exportedOrders: number;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
export const dateOf = (day: number) => new Date(Date.parse(`${FIRST_DAY}T00:00:00Z`) + (day - 1) * 86_400_000).toISOString().slice(0, 10);
/** A status the ORDER contract does not allow, which a back-office tool writes straight into the table. */
const ON_HOLD = 'ON_HOLD';
const NEXT_STATUS: Readonly<Record<string, readonly string[]>> = {
  PENDING: ['PAID', 'CANCELLED'], PAID: ['SHIPPED', 'REFUNDED'], SHIPPED: ['DELIVERED'], DELIVERED: ['REFUNDED'],
};

export class ShopSource {
  private readonly random: () => number;
  private readonly table = new Map<string, TrueOrder>();
  private readonly expired = new Map<string, TrueOrder>();
  private readonly exported = new Map<string, TrueOrder & { readonly customer_id: string; readonly payment_type: string }>();
  private readonly categories = new Map<string, string>();
  private readonly products: FixtureRow[];
  private readonly customers: FixtureRow[];
  private orderCount = 0;
  private exportCount = 0;
  private sequence = 200_000_000_000;

  constructor(private readonly ordersPerDay: number, seed: number) {
    this.random = seededRandom(seed);
    this.products = PRODUCT_CATEGORIES.flatMap((category, c) => [1, 2].map((k) => fixtureRow(PRODUCT, c * 2 + k, {
      sku: `SKU-${pad(c * 2 + k, 4)}`, product_name: `${category.toLowerCase()} item ${k}`, category,
      list_price: this.money(3, 250), updated_at: `${FIRST_DAY}T00:00:00.000Z`,
    })));
    for (const p of this.products) this.categories.set(String(p.sku), String(p.category));
    this.customers = Array.from({ length: 20 }, (_, i) => fixtureRow(CUSTOMER, i + 1, {
      customer_id: `CUST-${pad(i + 1, 5)}`, email: `customer.${i + 1}@example.com`, full_name: `Customer ${i + 1}`, country: 'DE',
      segment: this.pick(CUSTOMER_SEGMENTS), signup_date: '2025-06-01', updated_at: `${FIRST_DAY}T00:00:00.000Z`,
    }));
  }

  /** Day `day`'s stream records and landing files; the truth follows them. */
  next(day: number): DayInput {
    const date = dateOf(day);
    const events: Record<string, number> = {
      newOrders: 0, statusChanges: 0, deletes: 0, keyOnlyDeletes: 0, ttlExpiries: 0, exportedOrders: 0, lateExportedOrders: 0,
    };
    const landingFiles: Record<string, string> = {};
    const records: DynamoDBRecord[] = [];
    if (day === 1) {
      landingFiles[`products/products-${date}.csv`] = toCsv(this.products);
      landingFiles[`customers/customers-${date}.csv`] = toCsv(this.customers);
    }
    if (day === EMPTY_DAY) return { day, date, streamRecords: records, landingFiles, events };
    let minute = 0;
    const at = () => `${date}T${pad(8 + Math.floor(minute / 60), 2)}:${pad(minute++ % 60, 2)}:00.000Z`;
    const emit = (operation: 'INSERT' | 'MODIFY' | 'REMOVE', item: PlainRecord, previous?: PlainRecord, ttl = false) => {
      const record = streamRecord(operation, {
        sequenceNumber: String(++this.sequence), approximateCreationDateTime: Date.parse(String(item.updated_at)) / 1000,
        ...(operation === 'REMOVE' ? { oldImage: item } : { newImage: item, oldImage: previous }),
      });
      if (ttl) record.userIdentity = { type: 'Service', principalId: 'dynamodb.amazonaws.com' };
      records.push(record);
    };
    // An order changes within days of being placed; older ones only expire.
    const recent = dateOf(day - RECENT_DAYS);
    const earlier = [...this.table.values()].filter((o) => o.created_at.slice(0, 10) < date);
    // Every day deletes at least its first recent order and, after the empty day, expires its first old one.
    let deleted = false;
    let expired = false;
    for (const order of earlier) {
      const isRecent = order.created_at.slice(0, 10) >= recent;
      const drawn = this.random();
      const roll = isRecent && !deleted ? 0 : !isRecent && !expired ? 0.07 : drawn;
      deleted ||= isRecent;
      expired ||= !isRecent;
      if (roll < 0.06 && isRecent) {
        this.table.delete(order.order_id);
        if (events.keyOnlyDeletes === 0) {
          // A back-office tool puts the order ON_HOLD, a status the contract does not allow (the forwarder quarantines
          // that MODIFY), then deletes it: the REMOVE's old image fails the contract, so the order goes by its key.
          const held = { ...order, status: ON_HOLD, updated_at: at() };
          emit('MODIFY', this.item(held), this.item(order));
          emit('REMOVE', this.item({ ...held, updated_at: at() }));
          events.keyOnlyDeletes++;
        } else {
          emit('REMOVE', this.item({ ...order, updated_at: at() }));
        }
        events.deletes++;
      } else if (roll < 0.12 && day > EMPTY_DAY && order.created_at.slice(0, 10) <= dateOf(day - 2)) {
        this.table.delete(order.order_id);
        this.expired.set(order.order_id, order);
        emit('REMOVE', this.item({ ...order, updated_at: at() }), undefined, true);
        events.ttlExpiries++;
      } else if (roll < 0.4 && isRecent && NEXT_STATUS[order.status]) {
        const changed = { ...order, status: this.pick(NEXT_STATUS[order.status]), updated_at: at() };
        this.table.set(order.order_id, changed);
        emit('MODIFY', this.item(changed), this.item(order));
        events.statusChanges++;
      }
    }
    for (let i = 0; i < this.ordersPerDay; i++) {
      const createdAt = at();
      const order: TrueOrder = {
        order_id: `${CDC_ORDER_PREFIX}${pad(++this.orderCount, 6)}`, status: 'PENDING', currency: this.pick(CURRENCIES),
        region: this.pick(SALES_REGIONS), created_at: createdAt, updated_at: createdAt, lines: this.lines(),
      };
      this.table.set(order.order_id, order);
      emit('INSERT', this.item(order));
      events.newOrders++;
      if (this.random() < 0.5) {
        const paid = { ...order, status: 'PAID', updated_at: at() };
        this.table.set(order.order_id, paid);
        emit('MODIFY', this.item(paid), this.item(order));
      }
    }
    landingFiles[`order_line_exports/order-lines-${date}.csv`] = this.exportFile(date, Math.max(1, Math.ceil(this.ordersPerDay / 10)));
    events.exportedOrders = Math.max(1, Math.ceil(this.ordersPerDay / 10));
    if (day === 2) {
      const moved: FixtureRow = { ...this.products[0], category: PRODUCT_CATEGORIES[PRODUCT_CATEGORIES.length - 1], updated_at: `${date}T06:00:00.000Z` };
      this.categories.set(String(moved.sku), String(moved.category));
      landingFiles[`products/products-${date}.csv`] = toCsv([moved]);
    }
    if (day === LATE_FILE_DAY) {
      landingFiles[`order_line_exports/late-order-lines-${dateOf(1)}.csv`] = this.exportFile(dateOf(1), 2);
      events.lateExportedOrders = 2;
    }
    return { day, date, streamRecords: records, landingFiles, events };
  }

  truth(): Truth {
    const orders = new Map<string, string>();
    const revenue = new Map<string, { orders: Set<string>; cents: number }>();
    for (const order of [...this.table.values(), ...this.expired.values(), ...this.exported.values()]) {
      orders.set(order.order_id, order.status);
      if (order.status === 'CANCELLED' || order.status === 'REFUNDED') continue;
      for (const line of order.lines) {
        const key = `${order.created_at.slice(0, 10)} ${order.region} ${this.categories.get(line.sku) ?? 'UNKNOWN'} ${order.currency}`;
        const group = revenue.get(key) ?? { orders: new Set<string>(), cents: 0 };
        group.orders.add(order.order_id);
        group.cents += line.quantity * Math.round(line.unit_price * 100);
        revenue.set(key, group);
      }
    }
    return {
      orders,
      revenue: new Map([...revenue].map(([key, g]) => [key, `${g.orders.size} ${(g.cents / 100).toFixed(2)}`])),
      ordersInTable: this.table.size,
      expiredKept: this.expired.size,
      exportedOrders: this.exported.size,
    };
  }

  private exportFile(createdDate: string, count: number): string {
    const rows = Array.from({ length: count }, (_, o) => {
      const createdAt = `${createdDate}T07:${pad(o % 60, 2)}:00.000Z`;
      const order = {
        order_id: `${EXPORT_ORDER_PREFIX}${pad(++this.exportCount, 6)}`, customer_id: String(this.pick(this.customers).customer_id),
        status: this.pick(['DELIVERED', 'SHIPPED', 'REFUNDED']), currency: this.pick(CURRENCIES), region: this.pick(SALES_REGIONS),
        payment_type: this.pick(PAYMENT_TYPES), created_at: createdAt, updated_at: createdAt, lines: this.lines(),
      };
      this.exported.set(order.order_id, order);
      return order.lines.map((line, l) => fixtureRow(ORDER_LINE_EXPORT, o, { ...order, lines: undefined, line_number: l + 1, ...line }));
    }).flat();
    return toCsv(rows.map(({ lines: _lines, ...row }) => row));
  }

  private item(order: TrueOrder): PlainRecord {
    const customer = this.customers[Number(order.order_id.slice(CDC_ORDER_PREFIX.length)) % this.customers.length];
    return orderItem({
      order_id: order.order_id, customer_id: customer.customer_id, customer_email: customer.email, status: order.status,
      currency: order.currency, region: order.region, payment_type: PAYMENT_TYPES[0], created_at: order.created_at,
      updated_at: order.updated_at, lines: order.lines,
    });
  }

  private lines(): Line[] {
    return Array.from({ length: 1 + Math.floor(this.random() * 3) }, () => {
      const product = this.pick(this.products);
      return { sku: String(product.sku), quantity: 1 + Math.floor(this.random() * 4), unit_price: Number(product.list_price) };
    });
  }

  private pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.random() * values.length)];
  }

  private money(min: number, max: number): number {
    return Math.round((min + this.random() * (max - min)) * 100) / 100;
  }
}
