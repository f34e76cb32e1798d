import { z } from 'zod';
import prices from './prices.json';

const price = z.strictObject({
  /** How the counting rules name the price. */
  id: z.string().min(1),
  what: z.string().min(1),
  /** What one `usd` buys, e.g. `node-hour` or `GB`. */
  unit: z.string().min(1),
  usd: z.number().positive(),
  /** The AWS pricing page the figure comes from. */
  source: z.url({ protocol: /^https$/ }),
});

export const PriceTableSchema = z.strictObject({
  /** The region the prices are for; a stage elsewhere is refused rather than priced wrong. */
  region: z.string().min(1),
  currency: z.literal('USD'),
  /** When the prices were read from their pages. */
  pricesAsOf: z.iso.date(),
  /** Hours in the month every hourly price is multiplied by. */
  hoursPerMonth: z.number().positive(),
  note: z.string(),
  /** Prices paid every hour or month a resource exists, used or not. */
  fixed: z.array(price),
  /** Prices paid for what is done or stored, listed beside the fixed cost. */
  perUse: z.array(price),
  /** Every other resource type the app deploys, with why it has no fixed price: a type in neither list is refused. */
  noFixedPrice: z.record(z.string(), z.string().min(1)),
});

export type Price = z.infer<typeof price>;
export type PriceTable = z.infer<typeof PriceTableSchema>;

/** The price table of lib/cost/prices.json, validated. */
export const PRICE_TABLE: PriceTable = PriceTableSchema.parse(prices);
