// customers: one chunk of rows as CSV or JSONL text, a pure function of (rng state, first row, count).
import { GIVEN_FIRST_TABLE as G1, GIVEN_SECOND_TABLE as G2, SURNAME_TABLE as SUR } from "./korean-names.js";
import type { Sfc32 } from "./prng.js";
import { dayString, dayYear, epochDay, PAD2, PAD4, pad10, WeightedPick } from "./tables.js";
import { TextBuffer } from "./text-buffer.js";

/** Column order of the customers kind (CSV header and JSONL key order). */
// biome-ignore format: a dense list reads better
export const CUSTOMER_COLUMNS: readonly string[] = [
  "customer_id", "name", "phone", "email", "birth_date", "join_date", "dormant", "os", "appstore_linked",
  "postal_code", "balance", "topup_count", "topup_amount", "withdrawal_count", "withdrawal_amount",
  "payment_count", "payment_amount", "transfer_count", "transfer_amount", "card_count",
];

const AS_OF = epochDay("2024-06-01");
const BIRTH_FIRST = epochDay("1938-06-02"); // 85 on 2024-06-01
const BIRTH_LAST = epochDay("2005-06-01"); // 19 on 2024-06-01
const JOIN_FIRST = epochDay("2014-01-01");
const JOIN_LAST = epochDay("2024-05-31");

const DOMAINS = ["naver.com", "gmail.com", "daum.net", "hanmail.net", "kakao.com", "nate.com"];
const DOMAIN_PICK = new WeightedPick([45, 28, 9, 7, 6, 5]);
const EMAIL_STYLE = new WeightedPick([30, 20, 10, 15, 15, 10]);
const AGE_PICK = new WeightedPick(
  Array.from({ length: 67 }, (_, i) => {
    const age = 19 + i;
    return age < 25 ? 6 : age < 45 ? 10 : age < 55 ? 8 : age < 65 ? 5 : age < 75 ? 2.5 : 1;
  }),
);
const CARD_PICK = new WeightedPick([25, 35, 20, 11, 6, 3]);
const TOPUP_TICKETS = [10000, 20000, 30000, 50000, 100000];
const TOPUP_PICK = new WeightedPick([30, 15, 15, 25, 15]);
const DIGIT = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

/** Renders customers firstRow .. firstRow+count-1 (0-based) as CSV (csv=true) or JSONL lines. */
export function customersChunk(rng: Sfc32, firstRow: number, count: number, csv: boolean): Uint8Array {
  const out = new TextBuffer(count * (csv ? 170 : 470));
  for (let row = firstRow; row < firstRow + count; row++) {
    const id = `HB${pad10(row + 1)}`;
    const s = SUR.picker.pick(rng);
    const g1 = G1.picker.pick(rng);
    const g2 = G2.picker.pick(rng);
    const name = (SUR.hangul[s] as string) + G1.hangul[g1] + G2.hangul[g2];
    const phone = `010-${PAD4[2000 + rng.int(8000)]}-${PAD4[rng.int(10000)]}`;

    const age = 19 + AGE_PICK.pick(rng);
    const birth = Math.min(
      BIRTH_LAST,
      Math.max(BIRTH_FIRST, AS_OF - Math.round(age * 365.2425) - rng.int(365)),
    );
    const joinMin = Math.max(JOIN_FIRST, birth + 5114); // not before their 14th birthday
    const join = joinMin + Math.floor((JOIN_LAST - joinMin + 1) * Math.sqrt(rng.float()));

    const sur = SUR.roman[s] as string;
    const given = (G1.roman[g1] as string) + G2.roman[g2];
    const yy = PAD2[dayYear(birth) % 100] as string;
    const style = EMAIL_STYLE.pick(rng);
    const local =
      style === 0
        ? `${given}.${sur}${yy}`
        : style === 1
          ? `${sur}${given}${PAD2[rng.int(100)]}`
          : style === 2
            ? `${given}_${sur}`
            : style === 3
              ? `${sur}.${given}${yy}`
              : style === 4
                ? `${given}${PAD4[rng.int(10000)]}`
                : `${G1.initial[g1]}${G2.initial[g2]}${sur}${yy}`;
    const email = `${local}@${DOMAINS[DOMAIN_PICK.pick(rng)]}`;

    const dormant = rng.chance(0.14);
    const ios = rng.chance(0.28);
    const linked = rng.chance(ios ? 0.5 : 0.056);
    const postal = 1000 + rng.int(62645);
    const postalCode = (DIGIT[Math.floor(postal / 10000)] as string) + PAD4[postal % 10000];

    let balance = 0;
    let payN = 0;
    let payAmt = 0;
    let topN = 0;
    let topAmt = 0;
    let wdN = 0;
    let wdAmt = 0;
    let trN = 0;
    let trAmt = 0;
    if (!dormant) {
      const scale = rng.chance(0.1) ? 450_000 : 30_000; // most balances are small, a tenth are large
      balance = Math.min(5_000_000, Math.floor((-Math.log(1 - rng.float()) * scale) / 10) * 10);
      const months = (AS_OF - join) / 30.44;
      payN = Math.floor(-Math.log(1 - rng.float()) * months * 1.8);
      payAmt = Math.round((payN * (4000 + rng.int(36) * 1000) * (0.8 + 0.4 * rng.float())) / 10) * 10;
      topN = Math.floor(payN * (0.15 + 0.3 * rng.float())) + (payN > 0 && rng.chance(0.3) ? 1 : 0);
      topAmt = topN * (TOPUP_TICKETS[TOPUP_PICK.pick(rng)] as number);
      wdN = Math.floor(topN * 0.4 * rng.float());
      wdAmt = wdN * (10000 + rng.int(20) * 5000);
      trN = Math.floor(-Math.log(1 - rng.float()) * months * 0.4);
      trAmt = trN * (5000 + rng.int(100) * 1000);
    } else if (rng.chance(0.15)) {
      balance = rng.int(5000) * 10;
      payN = 1 + rng.int(20);
      payAmt = payN * (4000 + rng.int(36) * 1000);
      topN = rng.int(4);
      topAmt = topN * 10000;
    }
    const cards = CARD_PICK.pick(rng);
    const os = ios ? "ios" : "android";
    out.add(
      csv
        ? `${id},${name},${phone},${email},${dayString(birth)},${dayString(join)},${dormant},${os},${linked},${postalCode},${balance},${topN},${topAmt},${wdN},${wdAmt},${payN},${payAmt},${trN},${trAmt},${cards}\n`
        : `{"customer_id":"${id}","name":"${name}","phone":"${phone}","email":"${email}","birth_date":"${dayString(birth)}","join_date":"${dayString(join)}","dormant":${dormant},"os":"${os}","appstore_linked":${linked},"postal_code":"${postalCode}","balance":${balance},"topup_count":${topN},"topup_amount":${topAmt},"withdrawal_count":${wdN},"withdrawal_amount":${wdAmt},"payment_count":${payN},"payment_amount":${payAmt},"transfer_count":${trN},"transfer_amount":${trAmt},"card_count":${cards}}\n`,
    );
  }
  return out.finish();
}
