// `npm run serve`: the HTTP API over the demo's corrected workspace. Prepares it when missing (the demo on 20,000
// customers: a release, consent, a witness-free ledger), issues one token per role and a person's token, writes
// them to demo/api-tokens.env (0600, outside the workspace) for the README's curl walkthrough, prints the
// dashboard's URL with the DPO's token in its fragment, then serves on 127.0.0.1:8787 (JIKIMI_PORT overrides)
// until Ctrl-C.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const demo = join(root, "demo");
const ws = join(demo, "nsf-case-corrected");
const cli = join(root, "dist", "bin", "jikimi.js");
const env = { ...process.env, JIKIMI_KEYRING: join(demo, "keys", "demo.keyring") };
const port = process.env.JIKIMI_PORT ?? "8787";

if (!existsSync(join(ws, ".jikimi", "state.db"))) {
  process.stdout.write("preparing the demo workspace (npm run demo on 20,000 customers)...\n");
  const r = spawnSync(process.execPath, [join(root, "scripts", "demo.mjs")], {
    cwd: root,
    env: { ...process.env, DEMO_ROWS: process.env.DEMO_ROWS ?? "20000" },
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) {
    process.stderr.write(`${r.stdout}${r.stderr}serve: preparing the demo failed (exit ${r.status})\n`);
    process.exit(1);
  }
}

/** Runs jikimi with JSON output and returns its parsed stdout. */
function jikimi(args) {
  const r = spawnSync(process.execPath, [cli, ...args, "-w", ws, "--format", "json"], {
    cwd: root,
    env,
    encoding: "utf8",
  });
  if (r.status !== 0) {
    process.stderr.write(`serve: jikimi ${args[0]} ${args[1]} failed: ${r.stderr}\n`);
    process.exit(1);
  }
  return JSON.parse(r.stdout);
}

// a customer who is in the released feed: linked to the app store and consenting (as the demo chose them)
const customers = readFileSync(join(demo, "nsf-case", "data", "customers.csv"), "utf8").split("\n");
const header = (customers[0] ?? "").split(",");
const [id, linked] = [header.indexOf("customer_id"), header.indexOf("appstore_linked")];
const person = customers
  .slice(1)
  .filter((l) => l !== "")
  .find((l, i) => l.split(",")[linked] === "true" && i % 20 !== 7)
  ?.split(",")[id];

const lines = [`export JIKIMI_URL=http://127.0.0.1:${port}`];
for (const role of ["operator", "dpo", "regulator", "controller"]) {
  const issued = jikimi(["tokens", "issue", "--role", role, "--name", `demo-${role}`, "--ttl", "1d"]);
  lines.push(`export ${role.toUpperCase()}_TOKEN=${issued.token}`);
}
if (person) {
  const issued = jikimi(["tokens", "issue", "--role", "subject", "--subject", person, "--ttl", "1h"]);
  lines.push(`export SUBJECT_TOKEN=${issued.token}`);
}
writeFileSync(join(demo, "api-tokens.env"), `${lines.join("\n")}\n`, { mode: 0o600 });
process.stdout.write(
  "tokens for the walkthrough are in demo/api-tokens.env: in another terminal, `source demo/api-tokens.env`\n",
);

const dpo = lines.find((l) => l.startsWith("export DPO_TOKEN="))?.slice("export DPO_TOKEN=".length) ?? "";
process.stdout.write(
  `the dashboard, signed in as the DPO: http://127.0.0.1:${port}/app/#token=${encodeURIComponent(dpo)}\n`,
);

const server = spawn(process.execPath, [cli, "serve", "-w", ws, "--listen", `127.0.0.1:${port}`], {
  cwd: root,
  env,
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
