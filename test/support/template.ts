// a consenting workspace the CLI suites copy per case: the corrected example, a keyring beside it, `rows`
// generated customers (seed `seed`) and every one of them consenting to the overseas provision.
import { join } from "node:path";
import { expect } from "vitest";
import { jikimi, writeConsent } from "./cli.js";

/** Builds the template under `dir`: `dir/ws`, `dir/k.keyring`, `dir/customers.csv`; every step must exit 0. */
export function consentingTemplate(dir: string, rows: number, seed: number) {
  const env = { JIKIMI_KEYRING: join(dir, "k.keyring"), JIKIMI_KEYRING_PASSPHRASE: "" };
  const run = (args: string[]) => {
    const r = jikimi(args, { env });
    expect(r.status, r.stderr).toBe(0);
  };
  const ws = join(dir, "ws");
  const input = join(dir, "customers.csv");
  run(["init", ws, "--example", "nsf-case-corrected"]);
  run(["keys", "init", "-w", ws]);
  run([
    "generate",
    "customers",
    "--rows",
    String(rows),
    "--seed",
    String(seed),
    "--out",
    input,
    "--threads",
    "1",
  ]);
  run(["consent", "import", writeConsent(input, join(dir, "consent.csv")), "-w", ws]);
  return { ws, input, env, run };
}
