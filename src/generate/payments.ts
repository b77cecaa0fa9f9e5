// payments: one chunk of rows as CSV or JSONL text, a pure function of (rng state, seed, first row, count).
import { COUNTRIES, CURRENCIES, MERCHANTS_BY_COUNTRY } from "./merchants.js";
import { mix32, type Seed, type Sfc32 } from "./prng.js";
import { dayString, epochDay, PAD2, pad10, pad12, WeightedPick } from "./tables.js";
import { TextBuffer } from "./text-buffer.js";

/** Column order of the payments kind (CSV header and JSONL key order). */
export const PAYMENT_COLUMNS: readonly string[] =
  "payment_id,order_id,customer_id,paid_at,amount,currency,merchant,merchant_country,status".split(",");

const FIRST_DAY = epochDay("2019-11-01");
const DAY_SPAN = epochDay("2024-05-31") - FIRST_DAY + 1;
const CURRENCY_PICK = new WeightedPick([60, 15, 8, 8, 5, 4]);
/** Median ticket in minor units per currency (cents, yen, fen, cents, pence, cents). */
const MEDIAN_MINOR = [3500, 4000, 20000, 4000, 3000, 4500];
const STATUS = ["approved", "declined", "refunded"];
const STATUS_PICK = new WeightedPick([97, 2, 1]);
// activity by hour in Korea (KST = UTC+9), indexed by UTC hour
const KST_WEIGHTS = [3, 2, 1, 1, 1, 1, 2, 4, 6, 7, 8, 9, 11, 10, 9, 9, 9, 9, 10, 11, 11, 10, 8, 5];
const HOUR_PICK = new WeightedPick(KST_WEIGHTS.map((_, utc) => KST_WEIGHTS[(utc + 9) % 24] as number));
const E6 = 1e6;

/** A seeded 4-round Feistel bijection on [0, 1e12): order ids are unique and look unrelated to payment ids. */
export function orderPermutation(seed: Seed): (n: number) => number {
  const keys = [0x68e31da4, 0xb5297a4d, 0x1b56c4e9, 0x7f4a7c15].map(
    (k) => mix32(seed.lo ^ k) ^ mix32(seed.hi + k),
  );
  return (n) => {
    let left = Math.floor(n / E6);
    let right = n - left * E6;
    for (const key of keys) {
      const next = (left + (mix32(right ^ key) % E6)) % E6;
      left = right;
      right = next;
    }
    return left * E6 + right;
  };
}

/** Renders payments firstRow .. firstRow+count-1 (0-based); customer ids are uniform over 1..customers. */
export function paymentsChunk(
  rng: Sfc32,
  seed: Seed,
  firstRow: number,
  count: number,
  customers: number,
  csv: boolean,
): Uint8Array {
  const order = orderPermutation(seed);
  const out = new TextBuffer(count * (csv ? 120 : 250));
  for (let row = firstRow; row < firstRow + count; row++) {
    const paymentId = `P${pad12(row + 1)}`;
    const orderId = `O${pad12(order(row + 1))}`;
    const customerId = `HB${pad10(1 + Math.floor(rng.float53() * customers))}`;
    const day = FIRST_DAY + Math.floor(DAY_SPAN * Math.sqrt(rng.float()));
    const paidAt = `${dayString(day)}T${PAD2[HOUR_PICK.pick(rng)]}:${PAD2[rng.int(60)]}:${PAD2[rng.int(60)]}Z`;
    const cur = CURRENCY_PICK.pick(rng);
    const country = rng.chance(0.94) ? cur : rng.int(6);
    const merchants = MERCHANTS_BY_COUNTRY[country] as readonly string[];
    const merchant = merchants[rng.int(merchants.length)] as string;
    const normal = (rng.float() + rng.float() + rng.float() + rng.float() - 2) * 1.7320508;
    const amount = Math.max(1, Math.round((MEDIAN_MINOR[cur] as number) * Math.exp(0.9 * normal)));
    const status = STATUS[STATUS_PICK.pick(rng)] as string;
    const currency = CURRENCIES[cur] as string;
    const countryCode = COUNTRIES[country] as string;
    out.add(
      csv
        ? `${paymentId},${orderId},${customerId},${paidAt},${amount},${currency},${merchant},${countryCode},${status}\n`
        : `{"payment_id":"${paymentId}","order_id":"${orderId}","customer_id":"${customerId}","paid_at":"${paidAt}","amount":${amount},"currency":"${currency}","merchant":"${merchant}","merchant_country":"${countryCode}","status":"${status}"}\n`,
    );
  }
  return out.finish();
}
