// the newcomer's demo: write the case example, generate its data, check it as it happened and corrected.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const demo = join(root, "demo");
const cli = join(root, "dist", "cli", "main.js");
const rows = process.env.DEMO_ROWS ?? "1000000";

function step(title, args, expected) {
  process.stdout.write(`\n=== ${title}\n$ jikimi ${args.join(" ")}\n`);
  const r = spawnSync(process.execPath, [cli, ...args], { stdio: "inherit", cwd: root });
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
process.stdout.write(
  "\nThe demo workspaces are in ./demo. Next: read examples/nsf-case/README.md, or try\n  node dist/cli/main.js check -w demo/nsf-case --format sarif\n",
);
