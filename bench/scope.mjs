// bench: scope evaluation for the share gateway. Compiled closures (expr/compile) against @bufbuild/cel's
// plan() on the same 1,000,000 generated rows of strings, a two-clause and a five-clause scope, plus the row
// type check (engine/typecheck) and both together. Single thread. Run after `npm run build`:
//   node bench/scope.mjs            (BENCH_ROWS=200000 for a quick run)
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CelScalar, celEnv, parse, plan } from "@bufbuild/cel";
import { rngUnit } from "./support.mjs";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);
const root = fileURLToPath(new URL("..", import.meta.url));
const dist = (path) => import(join(root, "dist", path));
const { checkExpression } = await dist("expr/validate.js");
const { compileScope } = await dist("expr/compile.js");
const { compileRowCheck } = await dist("engine/typecheck.js");

const FIELDS = {
  customer_id: { type: "string", nullable: false },
  appstore_linked: { type: "boolean", nullable: false },
  join_date: { type: "date", nullable: false },
  age: { type: "integer", nullable: false },
  balance: { type: "number", nullable: true },
  os: { type: "string", nullable: false },
  dormant: { type: "boolean", nullable: false },
  last_login: { type: "timestamp", nullable: true },
};
const COLUMNS = Object.keys(FIELDS);
const TYPES = new Map(COLUMNS.map((c) => [c, FIELDS[c].type]));
const INDEX = new Map(COLUMNS.map((c, i) => [c, i]));
const SCOPES = [
  ["two clauses", 'appstore_linked && join_date >= "2019-06-27"'],
  [
    "five clauses",
    'appstore_linked && join_date >= "2019-06-27" && age >= 19 && os in ["ios", "android"] && !dormant',
  ],
];

function generate(n) {
  const r = rngUnit(20260627);
  const from = Date.UTC(2015, 0, 1);
  const rows = new Array(n);
  for (let i = 0; i < n; i++) {
    const joined = from + Math.floor(r() * 3650) * 864e5;
    const login = joined + Math.floor(r() * 3650 * 86400) * 1000;
    rows[i] = [
      `C${String(i).padStart(9, "0")}`,
      r() < 0.6 ? "true" : "false",
      new Date(joined).toISOString().slice(0, 10),
      String(14 + Math.floor(r() * 70)),
      r() < 0.05 ? "" : (r() * 2e6 - 1e5).toFixed(2),
      ["ios", "android", "web", "ipados"][Math.floor(r() * 4)],
      r() < 0.15 ? "true" : "false",
      r() < 0.1 ? "" : `${new Date(login).toISOString().slice(0, 19)}+09:00`,
    ];
  }
  return rows;
}

const CEL_TYPE = {
  string: CelScalar.STRING,
  boolean: CelScalar.BOOL,
  date: CelScalar.STRING,
  timestamp: CelScalar.STRING,
  integer: CelScalar.INT,
  number: CelScalar.DOUBLE,
};
const env = celEnv({ variables: Object.fromEntries(COLUMNS.map((c) => [c, CEL_TYPE[FIELDS[c].type]])) });

/** The gateway's conversion of a row for CEL: typed values, "" -> null off string fields. */
function typed(row) {
  const out = {};
  for (let i = 0; i < COLUMNS.length; i++) {
    const s = row[i];
    const type = FIELDS[COLUMNS[i]].type;
    if (type === "string") out[COLUMNS[i]] = s;
    else if (s === "") out[COLUMNS[i]] = null;
    else if (type === "integer") out[COLUMNS[i]] = BigInt(s);
    else if (type === "number") out[COLUMNS[i]] = Number(s);
    else if (type === "boolean") out[COLUMNS[i]] = s === "true";
    else out[COLUMNS[i]] = s;
  }
  return out;
}

/** Median wall time of `repeat` passes over all rows; `body` returns a count so nothing is optimised away. */
function time(repeat, body) {
  const ms = [];
  let count = 0;
  for (let k = 0; k < repeat; k++) {
    const t0 = process.hrtime.bigint();
    count = body();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  ms.sort((a, b) => a - b);
  return { ms: ms[Math.floor(ms.length / 2)], count };
}

const fmt = (n) => n.toLocaleString("en-US");
const perSec = (ms) => `${(((ROWS / ms) * 1000) / 1e6).toFixed(2)} M/s`;
const lines = [];
const row = (...cells) => lines.push(`| ${cells.join(" | ")} |`);

const t0 = Date.now();
const rows = generate(ROWS);
console.error(`generated ${fmt(ROWS)} rows in ${Date.now() - t0} ms`);
const ctxs = rows.map(typed);

row("what", "rows", "selected", "median ms", "evals/s", "vs plan()");
row("---", "---:", "---:", "---:", "---:", "---:");
for (const [name, text] of SCOPES) {
  const checked = checkExpression(text, TYPES);
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  const keep = compileScope(checked.expr, TYPES, INDEX);
  const run = plan(env, parse(text));
  time(1, () => rows.reduce((n, r) => (keep(r) ? n + 1 : n), 0)); // warm-up
  const ours = time(REPEAT, () => {
    let n = 0;
    for (let i = 0; i < rows.length; i++) if (keep(rows[i])) n++;
    return n;
  });
  const celTyped = time(Math.min(REPEAT, 3), () => {
    let n = 0;
    for (let i = 0; i < ctxs.length; i++) if (run(ctxs[i]) === true) n++;
    return n;
  });
  const celRows = time(Math.min(REPEAT, 3), () => {
    let n = 0;
    for (let i = 0; i < rows.length; i++) if (run(typed(rows[i])) === true) n++;
    return n;
  });
  if (ours.count !== celTyped.count || ours.count !== celRows.count)
    throw new Error(`${name}: closures selected ${ours.count}, plan() ${celTyped.count}/${celRows.count}`);
  const ratio = (x) => `${(x / ours.ms).toFixed(1)}x`;
  row(
    `${name}: compiled closures on rows of strings`,
    fmt(ROWS),
    fmt(ours.count),
    ours.ms.toFixed(0),
    perSec(ours.ms),
    ratio(celRows.ms),
  );
  row(
    `${name}: plan() on pre-typed objects`,
    fmt(ROWS),
    fmt(celTyped.count),
    celTyped.ms.toFixed(0),
    perSec(celTyped.ms),
    "",
  );
  row(
    `${name}: plan() on rows (typed per row)`,
    fmt(ROWS),
    fmt(celRows.count),
    celRows.ms.toFixed(0),
    perSec(celRows.ms),
    "1.0x",
  );
}

const check = compileRowCheck(COLUMNS, FIELDS);
time(1, () => rows.reduce((n, r) => (check(r) === null ? n + 1 : n), 0));
const checked = time(REPEAT, () => {
  let n = 0;
  for (let i = 0; i < rows.length; i++) if (check(rows[i]) === null) n++;
  return n;
});
row(
  "row type check (8 columns, all types)",
  fmt(ROWS),
  `${fmt(checked.count)} ok`,
  checked.ms.toFixed(0),
  perSec(checked.ms),
  "",
);
{
  const c = checkExpression(SCOPES[1][1], TYPES);
  const keep = compileScope(c.expr, TYPES, INDEX);
  const both = time(REPEAT, () => {
    let n = 0;
    for (let i = 0; i < rows.length; i++) if (check(rows[i]) === null && keep(rows[i])) n++;
    return n;
  });
  row("type check + five-clause scope", fmt(ROWS), fmt(both.count), both.ms.toFixed(0), perSec(both.ms), "");
}

console.log(
  `Node ${process.version}, ${process.platform}/${process.arch}, single thread, median of ${REPEAT} passes (plan(): of ${Math.min(REPEAT, 3)})\n`,
);
console.log(lines.join("\n"));
