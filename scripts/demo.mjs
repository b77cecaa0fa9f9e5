// the newcomer's demo: write the case example, generate its data, check it as it happened and corrected.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const demo = join(root, "demo");
const cli = join(root, "dist", "cli", "main.js");
const rows = process.env.DEMO_ROWS ?? "1000000";
// the demo's keyring sits beside the workspaces, never inside one
const env = { ...process.env, JIKIMI_KEYRING: join(demo, "keys", "demo.keyring") };

function step(title, args, expected) {
  process.stdout.write(`\n=== ${title}\n$ jikimi ${args.join(" ")}\n`);
  const r = spawnSync(process.execPath, [cli, ...args], { stdio: "inherit", cwd: root, env });
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
  ["generate", "customers", "--rows", rows, "--seed", "42", "--out", "demo/nsf-case/data/customers.csv"],
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
    "--out",
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
  [...share, "-o", "demo/outbox", "--at", yesterday, "--dry-run"],
  0,
);
step(
  `release yesterday's feed: about ${inScope.length} customers are in scope and consented`,
  [...share, "-o", "demo/outbox", "--at", yesterday],
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
    "-o",
    "demo/outbox",
  ],
  3,
);
step(
  "a release back-dated to May 2024 is held: it would pick an old scope phase and consent state (exit 3)",
  [...share, "-o", "demo/outbox", "--at", "2024-05-31T02:00:00Z"],
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
    "-o",
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
process.stdout.write(
  "\nThe demo workspaces are in ./demo (keyring in demo/keys). Next: read examples/nsf-case/README.md, or try\n  node dist/cli/main.js check -w demo/nsf-case --format sarif\n",
);
