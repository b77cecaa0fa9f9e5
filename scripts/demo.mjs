// the newcomer's demo: write the case example, generate its data, check it as it happened and corrected.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
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

// record one day's release of the corrected credit feed: the customers who linked the app store
const fixed = join(demo, "nsf-case-corrected");
const lines = readFileSync(join(demo, "nsf-case", "data", "customers.csv"), "utf8").split("\n");
const header = (lines[0] ?? "").split(",");
const [id, linked] = [header.indexOf("customer_id"), header.indexOf("appstore_linked")];
const inScope = lines
  .slice(1)
  .filter((l) => l.split(",")[linked] === "true")
  .map((l) => l.split(",")[id]);
writeFileSync(join(demo, "subjects.txt"), `${inScope.join("\n")}\n`);
const agreement = readFileSync(join(fixed, "agreements", "nsf-credit-feed.yaml"));
writeFileSync(
  join(demo, "release.yaml"),
  `time: 2024-05-31T02:00:00Z
agreement: { id: nsf-credit-feed, version: 2, digest: "${createHash("sha256").update(agreement).digest("hex")}" }
recipient: { id: orbit-pay-sg, name: Orbit Payments Pte. Ltd., country: SG }
legal_basis: consent
purposes: [nsf-scoring]
fields:
  - { name: customer_id, transform: pseudonym, categories: [user.unique_id.account] }
  - { name: balance, transform: keep, categories: [user.financial.balance] }
records: ${inScope.length}
operator: demo
channel: file
subjects: { file: subjects.txt }
`,
);
step("create the keyring (outside the workspaces)", ["keys", "init", "-w", "demo/nsf-case-corrected"], 0);
step(
  `record a release of ${inScope.length} in-scope customers`,
  ["ledger", "record", "-w", "demo/nsf-case-corrected", "-m", "demo/release.yaml"],
  0,
);
step(
  "who received this customer's data?",
  ["ledger", "subject", inScope[0] ?? "", "-w", "demo/nsf-case-corrected"],
  0,
);
step(
  "a regulator's checkpoint",
  ["ledger", "checkpoint", "-w", "demo/nsf-case-corrected", "-o", "demo/checkpoint.json"],
  0,
);
step(
  "prove the log was not rewritten",
  ["ledger", "verify", "-w", "demo/nsf-case-corrected", "--against", "demo/checkpoint.json"],
  0,
);
process.stdout.write(
  "\nThe demo workspaces are in ./demo (keyring in demo/keys). Next: read examples/nsf-case/README.md, or try\n  node dist/cli/main.js check -w demo/nsf-case --format sarif\n",
);
