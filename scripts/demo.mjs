// the newcomer's demo: write the case example, generate its data, check it as it happened and corrected.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, stringify } from "yaml";

const root = fileURLToPath(new URL("..", import.meta.url));
// the folder demo/ is made in: the checkout, or JIKIMI_DEMO_HOME (the tests build the demo in a temporary folder)
const base = process.env.JIKIMI_DEMO_HOME ? resolve(process.env.JIKIMI_DEMO_HOME) : root;
const demo = join(base, "demo");
const cli = join(root, "dist", "bin", "jikimi.js");
const rows = process.env.DEMO_ROWS ?? "1000000";
// the demo's keyring sits beside the workspaces, never inside one
const env = { ...process.env, JIKIMI_KEYRING: join(demo, "keys", "demo.keyring") };

function step(title, args, expected) {
  process.stdout.write(`\n=== ${title}\n$ jikimi ${args.join(" ")}\n`);
  const r = spawnSync(process.execPath, [cli, ...args], { stdio: "inherit", cwd: base, env });
  if (r.status !== expected) {
    process.stderr.write(`demo: expected exit ${expected}, got ${r.status}\n`);
    process.exit(1);
  }
  if (expected !== 0) process.stdout.write(`(exit ${r.status}, as expected)\n`);
}

rmSync(demo, { recursive: true, force: true });
step("write the NSF case workspace", ["init", "demo/nsf-case", "--example", "nsf-case"], 0);
mkdirSync(join(demo, "nsf-case", "data"), { recursive: true });
step(
  `generate ${rows} customers`,
  ["generate", "customers", "--rows", rows, "--seed", "42", "--output", "demo/nsf-case/data/customers.csv"],
  0,
);
step(
  `generate ${rows} overseas payments`,
  [
    "generate",
    "payments",
    "--rows",
    rows,
    "--seed",
    "42",
    "--customers",
    rows,
    "--output",
    "demo/nsf-case/data/payments.csv",
  ],
  0,
);
step("check the case as it happened (May 2024)", ["check", "-w", "demo/nsf-case", "--at", "2024-05-31"], 1);
step(
  "write the corrected workspace",
  ["init", "demo/nsf-case-corrected", "--example", "nsf-case-corrected"],
  0,
);
step("check the corrected workspace", ["check", "-w", "demo/nsf-case-corrected", "--strict"], 0);

// the customers' consent to the overseas provision: 19 in 20 said yes (synthetic), recorded in 2023
const customers = join(demo, "nsf-case", "data", "customers.csv");
const lines = readFileSync(customers, "utf8").split("\n");
const header = (lines[0] ?? "").split(",");
const [id, linked] = [header.indexOf("customer_id"), header.indexOf("appstore_linked")];
const records = lines.slice(1).filter((l) => l !== "");
const consenting = records.map((l) => l.split(",")[id]).filter((_, i) => i % 20 !== 7);
writeFileSync(
  join(demo, "consent.csv"),
  `subject,purpose,action,at,source\n${consenting.map((c) => `${c},nsf-provision-overseas,grant,2023-03-01T09:00:00Z,app-v3`).join("\n")}\n`,
);
const inScope = records.filter((l, i) => l.split(",")[linked] === "true" && i % 20 !== 7);
step("create the keyring (outside the workspaces)", ["keys", "init", "-w", "demo/nsf-case-corrected"], 0);
step(
  "import the consent records",
  ["consent", "import", "demo/consent.csv", "-w", "demo/nsf-case-corrected"],
  0,
);
const share = [
  "share",
  "nsf-credit-feed",
  "-w",
  "demo/nsf-case-corrected",
  "-i",
  "demo/nsf-case/data/customers.csv",
];
// releases are dated by the clock: yesterday's daily feed, then today's (--at may reach back at most 7 days)
const yesterday = new Date(Date.now() - 86_400_000).toISOString();
step(
  "dry run of the corrected credit feed",
  [...share, "--out-dir", "demo/outbox", "--at", yesterday, "--dry-run"],
  0,
);
step(
  `release yesterday's feed: about ${inScope.length} customers are in scope and consented`,
  [...share, "--out-dir", "demo/outbox", "--at", yesterday],
  0,
);
step(
  "and yesterday's settlement feed: payments only, no account ID, entrusted to settle them (no consent asked)",
  [
    "share",
    "overseas-settlement-feed",
    "-w",
    "demo/nsf-case-corrected",
    "-i",
    "demo/nsf-case/data/payments.csv",
    "--out-dir",
    "demo/outbox",
    "--at",
    yesterday,
  ],
  0,
);
// the next day an upstream bug marks every customer as linked to the app store: a fivefold jump
writeFileSync(
  join(demo, "customers-bug.csv"),
  `${lines[0]}\n${records
    .map((l) =>
      l
        .split(",")
        .map((v, k) => (k === linked ? "true" : v))
        .join(","),
    )
    .join("\n")}\n`,
);
step(
  "today's feed with every customer in scope is held by the growth guard (exit 3)",
  [
    "share",
    "nsf-credit-feed",
    "-w",
    "demo/nsf-case-corrected",
    "-i",
    "demo/customers-bug.csv",
    "--out-dir",
    "demo/outbox",
  ],
  3,
);
step(
  "a release back-dated to May 2024 is held: it would pick an old scope phase and consent state (exit 3)",
  [...share, "--out-dir", "demo/outbox", "--at", "2024-05-31T02:00:00Z"],
  3,
);
step(
  "the feed as it happened is refused: check finds errors in it (exit 1)",
  [
    "share",
    "nsf-credit-feed",
    "-w",
    "demo/nsf-case",
    "-i",
    "demo/nsf-case/data/customers.csv",
    "--out-dir",
    "demo/outbox-case",
    "--at",
    "2024-05-31T02:00:00Z",
  ],
  1,
);
step(
  "who received this customer's data?",
  ["ledger", "subject", (inScope[0] ?? "").split(",")[id] ?? "", "-w", "demo/nsf-case-corrected"],
  0,
);
step(
  "a regulator's checkpoint",
  ["ledger", "checkpoint", "-w", "demo/nsf-case-corrected", "-o", "demo/checkpoint.note"],
  0,
);
step(
  "prove the log was not rewritten",
  ["ledger", "verify", "-w", "demo/nsf-case-corrected", "--against", "demo/checkpoint.note"],
  0,
);
// for regulators and data subjects: a witness on loopback cosigns the log's checkpoints; the log is published as
// tiles; an inspector and a customer verify with public keys only, in a HOME with no keyring or workspace
function capture(args, extraEnv = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: base,
    env: { ...env, ...extraEnv },
    encoding: "utf8",
  });
  if (r.status !== 0) {
    process.stderr.write(`demo: jikimi ${args.join(" ")} failed: ${r.stderr}\n`);
    process.exit(1);
  }
  return r.stdout.trim();
}
const ws = "demo/nsf-case-corrected";
const logVkey = capture(["ledger", "vkey", "-w", ws]);
writeFileSync(join(demo, "log.vkey"), `${logVkey}\n`);
const origin = logVkey.slice(0, logVkey.indexOf("+"));
const witnessVkey = capture([
  "witness",
  "init",
  "--dir",
  "demo/witness",
  "--name",
  "witness.demo.example/w1",
]);
capture(["witness", "add-log", "--dir", "demo/witness", "--origin", origin, "--vkey", logVkey]);
process.stdout.write(
  `\n=== an independent witness (c2sp.org/tlog-witness) on loopback\n$ jikimi witness serve --dir demo/witness --listen 127.0.0.1:0\n`,
);
const witness = spawn(
  process.execPath,
  [cli, "witness", "serve", "--dir", "demo/witness", "--listen", "127.0.0.1:0", "--quiet"],
  { cwd: base },
);
const url = await new Promise((resolve, reject) => {
  let out = "";
  witness.stdout.on("data", (d) => {
    out += d.toString();
    const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
    if (m) resolve(m[1]);
  });
  witness.on("exit", (code) => reject(new Error(`the witness exited with ${code}`)));
});
process.stdout.write(`listening on ${url}\n`);
try {
  const config = join(demo, "nsf-case-corrected", "jikimi.yaml");
  const yaml = parse(readFileSync(config, "utf8"));
  yaml.ledger = {
    ...(yaml.ledger ?? {}),
    witnesses: [{ name: "witness.demo.example/w1", url, vkey: witnessVkey }],
    witness_quorum: 1,
  };
  writeFileSync(config, stringify(yaml));
  step("send the log's checkpoint to the witness", ["ledger", "witness", "-w", ws], 0);
  step(
    "publish the log as static tiles (c2sp.org/tlog-tiles)",
    ["ledger", "publish", "demo/public", "-w", ws],
    0,
  );
  const subject = (inScope[0] ?? "").split(",")[id] ?? "";
  step("a receipt for one customer", ["ledger", "receipt", subject, "-w", ws, "-o", "demo/receipt.json"], 0);
  step("and the cosigned checkpoint", ["ledger", "checkpoint", "-w", ws, "-o", "demo/checkpoint.note"], 0);
  step(
    "the inspection report, in Korean, proven against that checkpoint",
    ["report", "inspection", "-w", ws, "--lang", "ko", "--format", "html", "-o", "demo/inspection.ko.html"],
    0,
  );
  step(
    "the customer's statement: who received their data, in plain words",
    [
      "report",
      "statement",
      subject,
      "-w",
      ws,
      "--lang",
      "ko",
      "--format",
      "md",
      "-o",
      "demo/statement.ko.md",
    ],
    0,
  );
  // the inspector and the customer: an empty HOME, no keyring, no workspace
  mkdirSync(join(demo, "inspector"), { recursive: true });
  const outside = { HOME: join(demo, "inspector"), JIKIMI_KEYRING: "", JIKIMI_LOG_KEY: "" };
  const outsideStep = (title, args) => {
    process.stdout.write(`\n=== ${title}\n$ jikimi ${args.join(" ")}\n`);
    const r = spawnSync(process.execPath, [cli, ...args], {
      stdio: "inherit",
      cwd: base,
      env: { ...process.env, ...outside },
    });
    if (r.status !== 0) {
      process.stderr.write(`demo: expected exit 0, got ${r.status}\n`);
      process.exit(1);
    }
  };
  outsideStep("an inspector checks the cosigned checkpoint with public keys only", [
    "verify",
    "checkpoint",
    "demo/checkpoint.note",
    "--vkey",
    logVkey,
    "--witness",
    witnessVkey,
  ]);
  outsideStep("and the whole log from its tiles", [
    "verify",
    "log",
    "--tiles",
    "demo/public",
    "--vkey",
    logVkey,
  ]);
  outsideStep("the customer checks their receipt", [
    "verify",
    "receipt",
    "demo/receipt.json",
    "--vkey",
    logVkey,
    "--witness",
    witnessVkey,
    "--subject",
    subject,
  ]);
} finally {
  witness.kill("SIGTERM");
}
process.stdout.write(
  "\nThe demo workspaces are in ./demo (keyring in demo/keys). Next: read examples/nsf-case/README.md, or try\n  node dist/bin/jikimi.js check -w demo/nsf-case --format sarif\n",
);
