// Throughput of the share gateway's column transforms over 1,000,000 values, against node:crypto one value
// at a time in the same run. Run after `npm run build`: `node bench/transforms.mjs [--quick] [--batch=N]`.
// Prints a markdown table. Columns are fed in batches of N rows (default 65,536), as the gateway would.
// Every row has wall-clock and process CPU time: the build machine is shared, and CPU time is what a run
// would cost on an otherwise idle core.
import { createCipheriv, createHmac } from "node:crypto";
import os from "node:os";
import { compileTransform, detokenizer, transformNamed } from "../dist/transforms/index.js";
import { rng } from "./support.mjs";

const quick = process.argv.includes("--quick");
const batchArg = process.argv.find((a) => a.startsWith("--batch="));
const BATCH = batchArg ? Number(batchArg.slice(8)) : 65_536;
const N = quick ? 200_000 : 1_000_000;

// Fixed bench keys: not secrets.
const PKEY = Buffer.alloc(32, 0x5a);
const TKEY = Buffer.alloc(64, 0xa5);

/** n Korean mobile numbers in the four spellings the phone_kr normalisation unifies. */
function phones(n) {
  const next = rng(1);
  return Array.from({ length: n }, (_, i) => {
    const d = String(next() % 100_000_000).padStart(8, "0");
    const a = d.slice(0, 4);
    const b = d.slice(4);
    return [`010-${a}-${b}`, `010${d}`, `+82 10-${a}-${b}`, `+8210${d}`][i % 4];
  });
}

/** n e-mail addresses of mixed case and length (about 20-30 bytes). */
function emails(n) {
  const next = rng(2);
  const hosts = ["Example.co.kr", "naver.com", "gmail.com", "daum.net", "kakao.com"];
  return Array.from({ length: n }, () => {
    const user = next().toString(36) + (next() % 1000).toString();
    return `${next() % 2 ? user.toUpperCase() : user}@${hosts[next() % hosts.length]}`;
  });
}

/** n dates (YYYY-MM-DD) and timestamps (ISO 8601, with offset), half each. */
function dates(n) {
  const next = rng(3);
  return Array.from({ length: n }, (_, i) => {
    const t = new Date(946_684_800_000 + (next() % 800_000_000) * 1000).toISOString();
    return i % 2 ? t.slice(0, 10) : `${t.slice(0, 19)}+09:00`;
  });
}

/** Wall and process CPU milliseconds of one call. */
function measure(f) {
  const c = process.cpuUsage();
  const t = performance.now();
  f();
  const wall = performance.now() - t;
  const u = process.cpuUsage(c);
  return { wall, cpu: (u.user + u.system) / 1000 };
}

/** Best of `runs` after one warm-up, wall and CPU separately: contention only ever slows a run down. */
function best(f, runs = 3) {
  f();
  let wall = Number.POSITIVE_INFINITY;
  let cpu = Number.POSITIVE_INFINITY;
  for (let r = 0; r < runs; r++) {
    const m = measure(f);
    wall = Math.min(wall, m.wall);
    cpu = Math.min(cpu, m.cpu);
  }
  return { wall, cpu };
}

/** Runs a compiled column transform over `values` in gateway-sized batches. */
function batched(transform, values) {
  const out = new Array(Math.min(BATCH, values.length));
  return () => {
    for (let i = 0; i < values.length; i += BATCH) transform(values.slice(i, i + BATCH), out);
  };
}

function compile(name, options, type = "string") {
  return compileTransform(transformNamed(name), options, { pseudonym: PKEY, token: TKEY }, type, {
    field: "bench",
    problems: () => {},
  });
}

const phoneDigits = (s) => {
  const d = s.replace(/[^0-9]/g, "");
  return d.startsWith("82") ? (d.startsWith("820") ? d.slice(2) : `0${d.slice(2)}`) : d;
};

function main() {
  const load = os.loadavg()[0].toFixed(2);
  const rows = [];
  let baseline = 0;
  const row = (what, m, note = "", base = false) => {
    const cpuRate = N / m.cpu / 1000;
    if (base) baseline = cpuRate;
    rows.push({ what, wall: N / m.wall / 1000, cpu: cpuRate, vs: baseline ? cpuRate / baseline : 0, note });
    console.error(`${what.padEnd(66)} ${(N / m.wall / 1000).toFixed(2).padStart(6)} M/s wall`);
  };
  const P = phones(N);
  const E = emails(N);
  const D = dates(N);

  // Baselines: node:crypto one value at a time, doing the same work (normalise, HMAC, truncate, encode).
  row(
    "pseudonym phone_kr, node createHmac one at a time (baseline)",
    best(() => {
      for (let i = 0; i < N; i++)
        createHmac("sha256", PKEY).update(phoneDigits(P[i])).digest().subarray(0, 16).toString("base64url");
    }),
    "",
    true,
  );
  row(
    "pseudonym phone_kr, 16 B base64url, compileTransform",
    best(
      batched(
        compile("pseudonym", {
          transform: "pseudonym",
          normalize: "phone_kr",
          bytes: 16,
          encoding: "base64url",
        }),
        P,
      ),
    ),
  );
  row(
    "pseudonym phone_kr, 32 B hex, compileTransform",
    best(
      batched(
        compile("pseudonym", { transform: "pseudonym", normalize: "phone_kr", bytes: 32, encoding: "hex" }),
        P,
      ),
    ),
  );
  row(
    "pseudonym email, node createHmac one at a time (baseline)",
    best(() => {
      for (let i = 0; i < N; i++)
        createHmac("sha256", PKEY).update(E[i].trim().toLowerCase()).digest().toString("base64url");
    }),
    "",
    true,
  );
  row(
    "pseudonym email, 32 B base64url, compileTransform",
    best(batched(compile("pseudonym", { transform: "pseudonym", normalize: "email" }), E)),
  );

  // Token: a naive per-value AES-SIV over node:crypto (CMAC in CBC mode + CTR, fresh ciphers per value).
  const k1 = TKEY.subarray(0, 32);
  const k2 = TKEY.subarray(32);
  row(
    "token phone, node per value: aes-256-cbc CMAC + aes-256-ctr (baseline)",
    best(() => {
      const iv = Buffer.alloc(16);
      for (let i = 0; i < N; i++) {
        const pt = Buffer.from(P[i]);
        const padded = Buffer.alloc(16);
        pt.copy(padded);
        padded[pt.length] = 0x80;
        const mac = createCipheriv("aes-256-cbc", k1, iv).setAutoPadding(false).update(padded);
        const c = createCipheriv("aes-256-ctr", k2, mac).update(pt);
        Buffer.concat([mac, c]).toString("base64url");
      }
    }),
    "approximate: skips the S2V constants",
    true,
  );
  row(
    "token phone (AES-256-SIV), compileTransform",
    best(batched(compile("token", { transform: "token" }), P)),
  );
  row(
    "token email (AES-256-SIV), compileTransform",
    best(batched(compile("token", { transform: "token" }), E)),
  );
  const tokens = [];
  compile("token", { transform: "token" })(P.slice(0, N), tokens);
  const open = detokenizer(TKEY);
  baseline = 0;
  row(
    "detokenize phone, one at a time",
    best(() => {
      for (let i = 0; i < N; i++) open(tokens[i]);
    }, 1),
    "CLI path, not the gateway",
  );

  row(
    "generalise month (dates and timestamps), compileTransform",
    best(batched(compile("generalise", { transform: "generalise", to: "month" }, "timestamp"), D)),
  );
  row(
    "mask phone keep_end 4, compileTransform",
    best(batched(compile("mask", { transform: "mask", keep_end: 4 }), P)),
  );

  console.log(
    `${new Date().toISOString().slice(0, 10)}, \`npm run build && node bench/transforms.mjs\`; Node ${process.version}, ${process.platform}/${process.arch}, ${os.cpus().length} cores; load average ${load} at the start. ${N.toLocaleString("en-US")} values per row, fed in batches of ${BATCH.toLocaleString("en-US")}; best of 3 after a warm-up (detokenize: 1 run); "M/s CPU" divides by process CPU time.\n`,
  );
  const header = ["what", "M values/s wall", "M values/s CPU", "CPU vs baseline", "note"];
  const cells = rows.map((r) => [
    r.what,
    r.wall.toFixed(2),
    r.cpu.toFixed(2),
    r.vs ? `${r.vs.toFixed(1)}x` : "",
    r.note,
  ]);
  const width = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) =>
    `| ${c.map((x, i) => (i > 0 && i < 4 ? x.padStart(width[i]) : x.padEnd(width[i]))).join(" | ")} |`;
  console.log(line(header));
  console.log(
    `| ${width.map((w, i) => (i > 0 && i < 4 ? `${"-".repeat(w - 1)}:` : "-".repeat(w))).join(" | ")} |`,
  );
  for (const c of cells) console.log(line(c));
}

main();
