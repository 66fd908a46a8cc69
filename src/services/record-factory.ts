import type { Transaction } from './transaction.js';

const STORE_IDS = Array.from({ length: 10 }, (_, i) => `ST-${1100 + i}`);
const PAYMENT_TERM_CODES = ['GBR', 'USA', 'DEU', 'FRA', 'NLD', 'ESP', 'ITA', 'IRL'];

/** mulberry32: a small seeded generator, so a given seed always gives the same records. */
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

/** Makes records shaped like the seed demo's, numbered from 1 within a run. */
export class RecordFactory {
  private sequence = 0;
  private readonly random: () => number;

  constructor(
    readonly runId: string,
    seed: number,
  ) {
    this.random = seededRandom(seed);
  }

  get produced(): number {
    return this.sequence;
  }

  next(now: number): Transaction {
    this.sequence += 1;
    const pick = <T>(items: readonly T[]): T => items[Math.floor(this.random() * items.length)] as T;
    return {
      eventId: `${this.runId}-${this.sequence}`,
      storeId: pick(STORE_IDS),
      amount: Math.round((10 + this.random() * 90) * 100) / 100,
      paymentTermCode: pick(PAYMENT_TERM_CODES),
      paymentTime: Math.floor(now / 1000),
      itemCode: String(10_000_000 + Math.floor(this.random() * 90_000_000)),
      eventTime: now,
    };
  }
}
