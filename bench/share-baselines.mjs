// The share gateway bench's agreement, and the two baselines that do its work without Jikimi (see bench/share.mjs):
//   a: csv-parse -> filter -> normalise + node:crypto createHmac per value -> generalise -> csv-stringify, one thread,
//      what a developer writes first;
//   b: DuckDB (@duckdb/node-api, 2 threads): read_csv with explicit types, the same filter, normalisation in SQL and
//      HMAC-SHA256 in SQL from the key pads, sha256(opad || sha256(ipad || value)), COPY to CSV.
// Both derive the pseudonym key as the gateway does (HKDF from the keyring's master key, crypto/derive.ts).
// Run as a child of bench/share.mjs: `node bench/share-baselines.mjs a|b|b-plain INPUT OUTPUT` with $JIKIMI_KEYRING set;
// prints one JSON line {rows, released, seconds, maxRssKb} on stdout.
import { createHmac } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/** The columns of `jikimi generate customers` and their types in the example's customers dataset. */
export const CUSTOMER_COLUMNS = {
  customer_id: "string",
  name: "string",
  phone: "string",
  email: "string",
  birth_date: "date",
  join_date: "date",
  dormant: "boolean",
  os: "string",
  appstore_linked: "boolean",
  postal_code: "string",
  balance: "integer",
  topup_count: "integer",
  topup_amount: "integer",
  withdrawal_count: "integer",
  withdrawal_amount: "integer",
  payment_count: "integer",
  payment_amount: "integer",
  transfer_count: "integer",
  transfer_amount: "integer",
  card_count: "integer",
};

/**
 * The bench agreement: a domestic entrustee (no consent needed, so every in-scope row is released), a two-clause
 * scope, keyed pseudonyms of the subject key, phone and e-mail, join_date to the month, three fields dropped.
 */
export const BENCH = {
  agreement: "bench-feed",
  recipient: "hanbit-analytics-kr",
  /** scope: linked to the app store and joined on or after this day */
  joinedFrom: "2019-06-27",
  /** pseudonym options as written in the agreement; the key is the same for all three (one agreement scope) */
  pseudonyms: {
    customer_id: { normalize: "none", encoding: "base64url", bytes: 32 },
    phone: { normalize: "phone_kr", encoding: "base64url", bytes: 16 },
    email: { normalize: "email", encoding: "base64url", bytes: 32 },
  },
  month: ["join_date"],
  drop: ["name", "birth_date", "postal_code"],
  /** a release time inside the agreement's validity and its scope phase */
  at: "2024-05-31T02:00:00Z",
};

/** Released columns, in the agreement's (and the input's) order. */
export const OUTPUT_COLUMNS = Object.keys(CUSTOMER_COLUMNS).filter((c) => !BENCH.drop.includes(c));

/** The CEL scope of the agreement, equal to the filters of both baselines. */
export const SCOPE_WHERE = `appstore_linked && join_date >= "${BENCH.joinedFrom}"`;

/** The agreement file the bench writes into its workspace. */
export function agreementYaml() {
  const fields = OUTPUT_COLUMNS.map((c) => {
    const p = BENCH.pseudonyms[c];
    if (p) {
      const opts = [
        "transform: pseudonym",
        p.normalize !== "none" ? `normalize: ${p.normalize}` : "",
        p.encoding !== "base64url" ? `encoding: ${p.encoding}` : "",
        p.bytes !== 32 ? `bytes: ${p.bytes}` : "",
      ].filter(Boolean);
      return `  ${c}: { ${opts.join(", ")} }`;
    }
    if (BENCH.month.includes(c)) return `  ${c}: { transform: generalise, to: month }`;
    return `  ${c}: keep`;
  });
  return `# bench/share.mjs: the share gateway benchmark's agreement (a domestic entrustee, so no consent).
id: ${BENCH.agreement}
version: 1
title: Benchmark feed to a domestic analytics entrustee
recipient: ${BENCH.recipient}
dataset: customers
legal_basis: entrustment
purposes: [churn-analytics]
fields:
${fields.join("\n")}
scope:
  phases:
    - name: linked-and-recent
      from: 2018-01-01
      where: '${SCOPE_WHERE}'
contract:
  reference: HA-2024-001
  signed: 2024-01-15
  covers: [churn-analytics]
  clauses: [no_processing_beyond_task, technical_safeguards, purpose_and_scope, sub_entrustment_limits, supervision, liability]
disclosure:
  published: true
  where: https://hanbitpay.example/privacy#entrustment
retention:
  period: 1y
  disposal: delete
volume:
  max_subjects: 1000000000
  max_growth: 1000
  max_releases_per_day: 1000
valid:
  from: 2024-01-01
  until: 2027-12-31
`;
}

export const RECIPIENT_YAML = `id: ${BENCH.recipient}
legal_name: Hanbit Analytics Co., Ltd.
country: KR
role: entrustee
contact: privacy@hanbit-analytics.example
`;

export const PURPOSE_YAML = `id: churn-analytics
name: Churn analytics
use: analytics
description: The entrustee computes churn statistics for the controller, on its behalf only.
benefits: [controller]
needs:
  - user.unique_id.account
  - user.contact.phone
  - user.contact.email
  - user.account
  - user.device
  - user.financial.balance
  - user.financial.transaction
  - user.financial.cards
`;

/** The 32-byte pseudonym key of the bench agreement, derived from the keyring at $JIKIMI_KEYRING. */
export async function benchKey() {
  const { loadKeyring } = await import(join(root, "dist/crypto/keyring.js"));
  const { deriveKey } = await import(join(root, "dist/crypto/derive.js"));
  const path = process.env.JIKIMI_KEYRING;
  if (!path) throw new Error("set JIKIMI_KEYRING to the bench keyring");
  return deriveKey(loadKeyring(path), {
    use: "pseudonym",
    agreement: BENCH.agreement,
    recipient: BENCH.recipient,
    length: 32,
  }).key;
}

/** The gateway's reference normalisations (transforms/pseudonym.ts `normalise`). */
export function normalise(kind, value) {
  switch (kind) {
    case "none":
      return value;
    case "email":
      return value.trim().toLowerCase();
    case "phone_kr": {
      const d = value.replace(/[^0-9]/g, "");
      if (!d.startsWith("82")) return d;
      return d.startsWith("820") ? d.slice(2) : `0${d.slice(2)}`;
    }
    default:
      throw new Error(`normalisation ${kind} is not used by the bench`);
  }
}

/** A pseudonym one value at a time with node:crypto: "" stays "", as does a value that normalises to "". */
export function pseudonymOf(key, options, value) {
  if (value === "") return "";
  const n = normalise(options.normalize, value);
  if (n === "") return "";
  const mac = createHmac("sha256", key).update(n, "utf8").digest().subarray(0, options.bytes);
  return mac.toString(options.encoding);
}

/** Baseline a: csv-parse, createHmac per value, csv-stringify; a stream pipeline on one thread. */
async function baselineA(input, output) {
  const { parse } = await import("csv-parse");
  const { stringify } = await import("csv-stringify");
  const key = await benchKey();
  let rows = 0;
  let released = 0;
  const pseudonymised = Object.entries(BENCH.pseudonyms);
  await pipeline(
    createReadStream(input, { highWaterMark: 1 << 20 }),
    parse({ columns: true }),
    async function* (records) {
      for await (const r of records) {
        rows++;
        if (r.appstore_linked !== "true" || r.join_date < BENCH.joinedFrom) continue;
        for (const [field, options] of pseudonymised) r[field] = pseudonymOf(key, options, r[field]);
        for (const field of BENCH.month) r[field] = r[field].slice(0, 7);
        for (const field of BENCH.drop) delete r[field];
        released++;
        yield r;
      }
    },
    stringify({ header: true, columns: OUTPUT_COLUMNS }),
    createWriteStream(output, { highWaterMark: 1 << 20 }),
  );
  return { rows, released };
}

const hex = (bytes) => Buffer.from(bytes).toString("hex");

/** HMAC-SHA256 key pads: the key zero-padded to the 64-byte block, XOR 0x36 (inner) and 0x5c (outer). */
export function keyPads(key) {
  const block = Buffer.alloc(64);
  Buffer.from(key).copy(block);
  return { ipad: block.map((b) => b ^ 0x36), opad: block.map((b) => b ^ 0x5c) };
}

const SQL_TYPES = { string: "VARCHAR", date: "DATE", boolean: "BOOLEAN", integer: "BIGINT" };

/**
 * The DuckDB query of baseline b. HMAC(k, m) = SHA-256(opad || SHA-256(ipad || m)); DuckDB's sha256 takes a
 * BLOB and returns lowercase hex, so the inner digest goes back to bytes with unhex. Truncation cuts the hex
 * before the outer unhex; base64url is to_base64 with +/ swapped for -_ and the = padding trimmed.
 * A NULL (empty) value stays NULL, written as an empty field, as the gateway keeps "" as "".
 */
export function duckdbSql(key, input, output, { hmac = true } = {}) {
  const { ipad, opad } = keyPads(key);
  const columns = Object.entries(CUSTOMER_COLUMNS)
    .map(([c, t]) => `'${c}': '${SQL_TYPES[t]}'`)
    .join(", ");
  const normalised = (field, kind) => {
    if (kind === "email") return `lower(trim(${field}))`;
    if (kind === "phone_kr")
      return `CASE WHEN starts_with(${field}_d, '820') THEN substr(${field}_d, 3)
                   WHEN starts_with(${field}_d, '82') THEN '0' || substr(${field}_d, 3)
                   ELSE ${field}_d END`;
    return field;
  };
  const pseudonymised = Object.entries(BENCH.pseudonyms);
  const digits = pseudonymised
    .filter(([, o]) => o.normalize === "phone_kr")
    .map(([f]) => `, regexp_replace(${f}, '[^0-9]', '', 'g') AS ${f}_d`)
    .join("");
  const norms = pseudonymised.map(([f, o]) => `, ${normalised(f, o.normalize)} AS ${f}_n`).join("");
  const select = OUTPUT_COLUMNS.map((c) => {
    const p = BENCH.pseudonyms[c];
    if (p) {
      const inner = `unhex(sha256(unhex('${hex(ipad)}') || encode(${c}_n)))`;
      const mac = `left(sha256(unhex('${hex(opad)}') || ${inner}), ${2 * p.bytes})`;
      const text =
        p.encoding === "hex"
          ? mac
          : `rtrim(replace(replace(to_base64(unhex(${mac})), '+', '-'), '/', '_'), '=')`;
      return `CASE WHEN ${c}_n = '' THEN NULL ELSE ${hmac ? text : `${c}_n`} END AS ${c}`;
    }
    if (BENCH.month.includes(c)) return `strftime(${c}, '%Y-%m') AS ${c}`;
    return c;
  });
  const path = (p) => `'${p.replaceAll("'", "''")}'`;
  return `COPY (
  SELECT ${select.join(",\n    ")}
  FROM (SELECT *${norms}
        FROM (SELECT *${digits}
              FROM read_csv(${path(input)}, header = true, delim = ',', quote = '"', auto_detect = false,
                            columns = {${columns}})
              WHERE appstore_linked AND join_date >= DATE '${BENCH.joinedFrom}'))
) TO ${path(output)} (FORMAT csv, HEADER true, DELIMITER ',')`;
}

/** Baseline b: one DuckDB COPY on 2 threads (`hmac: false`: the same query releasing the normalised values). */
async function baselineB(input, output, options) {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const key = await benchKey();
  const instance = await DuckDBInstance.create(":memory:", {
    threads: "2",
    temp_directory: join(dirname(output), "duckdb.tmp"),
  });
  const db = await instance.connect();
  const copied = await db.runAndReadAll(duckdbSql(key, input, output, options));
  db.closeSync();
  instance.closeSync();
  // COPY returns the number of rows written; the rows read are the input's (the parent knows them)
  return { rows: null, released: Number(copied.getRows()[0]?.[0] ?? -1) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [which, input, output] = process.argv.slice(2);
  const run = {
    a: baselineA,
    b: baselineB,
    "b-plain": (i, o) => baselineB(i, o, { hmac: false }),
  }[which ?? ""];
  if (!run || !input || !output) {
    process.stderr.write(
      "usage: node bench/share-baselines.mjs a|b|b-plain INPUT OUTPUT (with $JIKIMI_KEYRING)\n",
    );
    process.exit(2);
  }
  const t0 = performance.now();
  const r = await run(input, output);
  const seconds = (performance.now() - t0) / 1000;
  const u = process.resourceUsage();
  const cpuS = (u.userCPUTime + u.systemCPUTime) / 1e6;
  process.stdout.write(`${JSON.stringify({ ...r, seconds, cpuS, maxRssKb: u.maxRSS })}\n`);
}
