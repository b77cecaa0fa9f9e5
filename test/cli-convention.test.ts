// one CLI convention, checked on the built CLI by walking its command tree: every verb accepts --format json and then
// prints one parseable JSON document on success and {"error":{"code","message","hint"}} on bad input (stderr still
// gets the text line, the exit code is the text run's); every key of that JSON is snake_case; the old flags still
// work and say so on stderr; and the output speaks Korean with --lang ko.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { promisify } from "node:util";
import { Command } from "commander";
import stringWidth from "string-width";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { commandTree } from "../src/cli/command-tree.js";
import { registerCommands } from "../src/cli/commands/index.js";
import { estimateTotal, shareProgress } from "../src/cli/commands/share-progress.js";
import { jsonRequested } from "../src/cli/convention.js";
import { snakeKeys } from "../src/cli/snake-case.js";
import { type CliRun, jikimi, ROOT, recentIso, tempDir, writeConsent } from "./support/cli.js";
import { redisAvailable, suiteRedis, type TestRedis } from "./support/redis.js";

const MAIN = join(ROOT, "dist", "bin", "jikimi.js");
const AGREEMENT = "nsf-credit-feed";
const SNAKE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
/**
 * Keys whose value is a map keyed by data, not by names of ours: audit-hash's forms ("candidate lower-case") and a
 * legal basis's recipient_benefit (keyed by jurisdiction: KR, EU). Their own keys are left as they are, on purpose.
 */
const DATA_MAPS = new Set(["by_form", "recipient_benefit"]);
/** Every key of a JSON value that is not snake_case, with its path (data maps skipped, see DATA_MAPS). */
function badKeys(value: unknown, path = "$"): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => badKeys(v, `${path}[${i}]`));
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => [
    ...(SNAKE.test(k) ? [] : [`${path}.${k}`]),
    ...(DATA_MAPS.has(k) ? [] : badKeys(v, `${path}.${k}`)),
  ]);
}

/** The leaf commands of the whole CLI (the verbs a user runs), as `jikimi --help` registers them. */
async function verbs(): Promise<string[]> {
  const program = new Command("jikimi");
  await registerCommands(program, ["node", "jikimi"]);
  return commandTree(program)
    .filter((n) => n.path !== "" && n.subcommands.length === 0)
    .map((n) => n.path);
}

const tmp = tempDir("jikimi-convention-");
afterAll(() => tmp.cleanup());
const at = (name: string) => join(tmp.dir, name);
const KEYRING = at("keys/main.keyring");
const env = { JIKIMI_KEYRING: KEYRING, JIKIMI_KEYRING_PASSPHRASE: "" };
const ws = at("ws");
/** the Redis of the distributed verbs' cases (`.ci/run`'s, or one of this suite's own) */
let redis: TestRedis | undefined;
const redisUrl = () => redis?.url ?? "redis://127.0.0.1:1";
beforeAll(async () => {
  if (redisAvailable()) redis = await suiteRedis(at("redis"));
});
afterAll(async () => {
  await redis?.stop();
});
const run = (args: string[], options: { env?: Record<string, string>; input?: string } = {}): CliRun =>
  jikimi(args, {
    env: { ...env, ...options.env },
    ...(options.input === undefined ? {} : { input: options.input }),
  });

/** Runs several jikimi commands at once (each a node start-up: most of this file's time). */
async function runAll(list: { args: string[]; env?: Record<string, string> }[]): Promise<CliRun[]> {
  const exec = promisify(execFile);
  const out: CliRun[] = [];
  for (let i = 0; i < list.length; i += 6)
    out.push(
      ...(await Promise.all(
        list.slice(i, i + 6).map(async (c) => {
          try {
            const r = await exec(process.execPath, [MAIN, ...c.args], {
              env: {
                ...process.env,
                NO_COLOR: "1",
                LC_ALL: "",
                LC_MESSAGES: "",
                LANG: "en_US.UTF-8",
                ...env,
                ...c.env,
              },
              maxBuffer: 64 * 1024 * 1024,
            });
            return { status: 0, stdout: r.stdout, stderr: r.stderr };
          } catch (e) {
            const f = e as { code?: number; stdout?: string; stderr?: string };
            return { status: f.code ?? -1, stdout: f.stdout ?? "", stderr: f.stderr ?? "" };
          }
        }),
      )),
    );
  return out;
}

/** `args` with `--format json` added, before a `--` (after it, arguments are tokens). */
function withJson(args: string[]): string[] {
  const end = args.indexOf("--");
  return end < 0
    ? [...args, "--format", "json"]
    : [...args.slice(0, end), "--format", "json", ...args.slice(end)];
}

/** What the setup made: files, ids and keys the verbs' cases use. */
const made = {
  token: "",
  apiToken: "",
  released: "",
  subject: "",
  consented: [] as string[],
  vkey: "",
  retired: "",
};

beforeAll(() => {
  const must = (args: string[], options: Parameters<typeof run>[1] = {}) => {
    const r = run(args, options);
    if (r.status !== 0) throw new Error(`setup: jikimi ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
    return r;
  };
  must(["init", ws, "--example", "nsf-case-corrected"]);
  // phone released as a token, so detokenize has something to open
  const feed = join(ws, "agreements", `${AGREEMENT}.yaml`);
  writeFileSync(
    feed,
    readFileSync(feed, "utf8").replace(
      "phone: { transform: pseudonym, normalize: phone_kr }",
      "phone: { transform: token }",
    ),
  );
  must(["keys", "init", "-w", ws]);
  const customers = at("customers.csv");
  must(["generate", "customers", "--rows", "60", "--seed", "5", "-o", customers, "--threads", "1"]);
  must(["consent", "import", writeConsent(customers, at("consent.csv")), "-w", ws]);
  const rows = readFileSync(customers, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(","));
  made.consented = rows.map((r) => r[0] ?? "");
  // the scope releases customers linked to the app store (column 9)
  made.subject = rows.find((r) => r[8] === "true")?.[0] ?? "";
  const shared = must([
    "share",
    AGREEMENT,
    "-w",
    ws,
    "-i",
    customers,
    "--out-dir",
    at("out"),
    "--at",
    recentIso(1),
    "--format",
    "json",
  ]);
  made.released = (JSON.parse(shared.stdout) as { output: string }).output;
  made.token = readFileSync(made.released, "utf8").trim().split("\n")[1]?.split(",")[1] ?? "";
  must(["ledger", "checkpoint", "-w", ws, "-o", at("cp.note")]);
  made.vkey = must(["ledger", "vkey", "-w", ws]).stdout.trim();
  must(["ledger", "receipt", made.subject, "-w", ws, "-o", at("receipt.json")]);
  must(["ledger", "publish", at("public"), "-w", ws]);
  // a manifest for `ledger record`: three consented customers, released now
  const template = JSON.parse(
    must(["ledger", "template", AGREEMENT, "-w", ws, "--format", "json"]).stdout,
  ) as Record<string, unknown>;
  template.records = 3;
  template.operator = "ops@hanbitpay.example";
  writeFileSync(at("subjects.csv"), `customer_id\n${made.consented.slice(0, 3).join("\n")}\n`);
  writeFileSync(at("release.yaml"), stringify(template));
  // an audit-hash input: SHA-256 of candidates the audit is given
  const values = ["alpha@example.com", "beta@example.com", "gamma@example.com"];
  writeFileSync(at("candidates.txt"), `${values.join("\n")}\n`);
  writeFileSync(
    at("digests.csv"),
    `id,email_sha256\n${values.map((v, i) => `${i},${createHash("sha256").update(v).digest("hex")}`).join("\n")}\n`,
  );
  writeFileSync(
    at("bad-consent.csv"),
    "subject,purpose,action,at,source\nX1,nsf-provision-overseas,revoked,2024-01-01T00:00:00Z,app\n",
  );
  mkdirSync(at("empty"));
  must(["witness", "init", "--dir", at("witness"), "--name", "witness.example/t"]);
}, 600_000);

const FRESH = at("keys/fresh.keyring");
const OLD = at("keys/old.keyring");
const PASS = "a long enough passphrase";

/**
 * A successful run of every verb, in an order that works (later ones use what earlier ones made). `status` lists
 * the exit codes that still mean "the verb ran": findings (1) and holds (3) print their result too.
 */
function successCases(): [
  string,
  () => { args: string[]; env?: Record<string, string>; status?: number[] },
][] {
  return [
    ["init", () => ({ args: ["init", at("new-ws")] })],
    ["check", () => ({ args: ["check", "-w", ws, "--no-record"], status: [0, 1] })],
    ["schema", () => ({ args: ["schema", "-w", ws, "--out-dir", at("schemas")] })],
    ["taxonomy", () => ({ args: ["taxonomy", "-w", ws] })],
    ["generate", () => ({ args: ["generate", "payments", "--rows", "5", "-o", at("payments.jsonl")] })],
    ["consent import", () => ({ args: ["consent", "import", at("consent.csv"), "-w", ws] })],
    [
      "consent grant",
      () => ({
        args: ["consent", "grant", "HB9", "--purpose", "nsf-provision-overseas", "--source", "app", "-w", ws],
      }),
    ],
    [
      "consent withdraw",
      () => ({
        args: [
          "consent",
          "withdraw",
          "HB9",
          "--purpose",
          "nsf-provision-overseas",
          "--source",
          "app",
          "-w",
          ws,
        ],
      }),
    ],
    ["consent status", () => ({ args: ["consent", "status", "HB9", "-w", ws] })],
    ["keys init", () => ({ args: ["keys", "init", "-w", ws], env: { JIKIMI_KEYRING: FRESH } })],
    ["keys list", () => ({ args: ["keys", "list", "-w", ws] })],
    ["keys move-log-key", () => ({ args: ["keys", "move-log-key", "-w", ws], env: { JIKIMI_KEYRING: OLD } })],
    [
      "keys seal",
      () => ({
        args: ["keys", "seal", "-w", ws],
        env: { JIKIMI_KEYRING: FRESH, JIKIMI_KEYRING_PASSPHRASE: PASS },
      }),
    ],
    [
      "keys unseal",
      () => ({
        args: ["keys", "unseal", "-w", ws],
        env: { JIKIMI_KEYRING: FRESH, JIKIMI_KEYRING_PASSPHRASE: PASS },
      }),
    ],
    [
      "share",
      () => ({
        args: ["share", AGREEMENT, "-w", ws, "-i", at("customers.csv"), "--out-dir", at("out2"), "--dry-run"],
      }),
    ],
    ["detokenize", () => ({ args: ["detokenize", AGREEMENT, "-w", ws, "-f", "phone", "--", made.token] })],
    ["scan", () => ({ args: ["scan", at("customers.csv")], status: [1] })],
    ["risk", () => ({ args: ["risk", at("customers.csv"), "--qi", "birth_date,postal_code"] })],
    ["link", () => ({ args: ["link", at("customers.csv"), made.released], status: [0, 1] })],
    [
      "audit-hash",
      () => ({
        args: [
          "audit-hash",
          at("digests.csv"),
          "-c",
          "email_sha256",
          "--candidates",
          at("candidates.txt"),
          "--spaces",
          "birthdate",
        ],
        status: [1],
      }),
    ],
    ["ledger log", () => ({ args: ["ledger", "log", "-w", ws] })],
    ["db migrate", () => ({ args: ["db", "migrate", "-w", ws] })],
    ["db status", () => ({ args: ["db", "status", "-w", ws] })],
    ["ledger show", () => ({ args: ["ledger", "show", "0", "-w", ws] })],
    ["ledger subject", () => ({ args: ["ledger", "subject", made.subject, "-w", ws] })],
    [
      "ledger receipt",
      () => ({ args: ["ledger", "receipt", made.subject, "-w", ws, "-o", at("receipt2.json")] }),
    ],
    ["ledger verify", () => ({ args: ["ledger", "verify", "-w", ws] })],
    ["report inspection", () => ({ args: ["report", "inspection", "-w", ws] })],
    ["report statement", () => ({ args: ["report", "statement", made.subject, "-w", ws] })],
    ["report dpia", () => ({ args: ["report", "dpia", AGREEMENT, "-w", ws] })],
    ["report ropa", () => ({ args: ["report", "ropa", "-w", ws] })],
    ["report policy", () => ({ args: ["report", "policy", "-w", ws] })],
    ["ledger checkpoint", () => ({ args: ["ledger", "checkpoint", "-w", ws] })],
    ["ledger vkey", () => ({ args: ["ledger", "vkey", "-w", ws] })],
    ["ledger proof", () => ({ args: ["ledger", "proof", "0", "-w", ws] })],
    ["ledger template", () => ({ args: ["ledger", "template", AGREEMENT, "-w", ws] })],
    ["ledger record", () => ({ args: ["ledger", "record", "-m", at("release.yaml"), "-w", ws] })],
    ["ledger prune", () => ({ args: ["ledger", "prune", "--before", "2000-01-01", "-w", ws] })],
    ["ledger repair", () => ({ args: ["ledger", "repair", "-w", ws] })],
    ["ledger witness", () => ({ args: ["ledger", "witness", "-w", ws], status: [0, 3] })],
    ["ledger publish", () => ({ args: ["ledger", "publish", at("public"), "-w", ws] })],
    [
      "ledger monitor",
      () => ({
        args: [
          "ledger",
          "monitor",
          "--tiles",
          at("public"),
          "--vkey",
          made.vkey,
          "--state",
          at("monitor.state"),
        ],
      }),
    ],
    ["verify checkpoint", () => ({ args: ["verify", "checkpoint", at("cp.note"), "--vkey", made.vkey] })],
    ["verify log", () => ({ args: ["verify", "log", "--tiles", at("public"), "--vkey", made.vkey] })],
    [
      "verify receipt",
      () => ({
        args: ["verify", "receipt", at("receipt.json"), "--vkey", made.vkey, "--subject", made.subject],
      }),
    ],
    [
      "witness init",
      () => ({ args: ["witness", "init", "--dir", at("witness2"), "--name", "witness.example/u"] }),
    ],
    ["witness vkey", () => ({ args: ["witness", "vkey", "--dir", at("witness")] })],
    [
      "witness add-log",
      () => ({
        args: [
          "witness",
          "add-log",
          "--dir",
          at("witness"),
          "--origin",
          made.vkey.split("+")[0] ?? "",
          "--vkey",
          made.vkey,
        ],
      }),
    ],
    [
      "witness serve",
      () => ({ args: ["witness", "serve", "--dir", at("witness"), "--listen", "127.0.0.1:0"] }),
    ],
    ["serve", () => ({ args: ["serve", "-w", ws, "--listen", "127.0.0.1:0", "--quiet"] })],
    [
      "worker",
      () => ({ args: ["worker", "-w", ws, "--redis", redisUrl(), "--queue", "convention", "--quiet"] }),
    ],
    [
      "release status",
      () => ({ args: ["release", "status", "--redis", redisUrl(), "--queue", "convention"] }),
    ],
    ["tokens issue", () => ({ args: ["tokens", "issue", "-w", ws, "--role", "operator", "--name", "ci"] })],
    ["tokens list", () => ({ args: ["tokens", "list", "-w", ws] })],
    ["tokens revoke", () => ({ args: ["tokens", "revoke", made.apiToken, "-w", ws] })],
    ["completion", () => ({ args: ["completion", "bash"] })],
    // last: tokens and the manifest's key ids above come from the master key this retires and shreds
    ["keys rotate", () => ({ args: ["keys", "rotate", "master", "-w", ws] })],
    ["keys shred", () => ({ args: ["keys", "shred", made.retired, "-w", ws] })],
  ];
}

/** A bad-input run of every verb and the error code it must report. */
function badCases(): Record<string, { args: string[]; code: string; env?: Record<string, string> }> {
  const none = { JIKIMI_KEYRING: at("keys/none.keyring") };
  return {
    init: { args: ["init", ws], code: "folder_not_empty" },
    check: { args: ["check", "-w", ws, "--at", "yesterday"], code: "bad_date" },
    schema: { args: ["schema", "--kind", "nothing"], code: "invalid_argument" },
    taxonomy: { args: ["taxonomy", "--colour"], code: "unknown_option" },
    generate: { args: ["generate", "people", "--rows", "5", "-o", at("x.csv")], code: "unknown_kind" },
    "consent import": {
      args: ["consent", "import", at("bad-consent.csv"), "-w", ws],
      code: "consent_input_invalid",
    },
    "consent grant": {
      args: [
        "consent",
        "grant",
        "HB9",
        "--purpose",
        "nsf-provision-overseas",
        "--source",
        "app",
        "--at",
        "2024-01-01",
        "-w",
        ws,
      ],
      code: "bad_time",
    },
    "consent withdraw": {
      args: [
        "consent",
        "withdraw",
        "HB9",
        "--purpose",
        "nsf-provision-overseas",
        "--source",
        "app",
        "--at",
        "noon",
        "-w",
        ws,
      ],
      code: "bad_time",
    },
    "consent status": { args: ["consent", "status", "HB9", "--at", "noon", "-w", ws], code: "bad_time" },
    "keys init": { args: ["keys", "init", "-w", ws], code: "keyring_exists" },
    "keys list": { args: ["keys", "list", "-w", ws], code: "keyring_missing", env: none },
    "keys rotate": { args: ["keys", "rotate", "pepper", "-w", ws], code: "" },
    "keys move-log-key": { args: ["keys", "move-log-key", "-w", ws], code: "" },
    "keys shred": { args: ["keys", "shred", "master-00000000", "-w", ws], code: "" },
    "keys seal": { args: ["keys", "seal", "-w", ws], code: "" },
    "keys unseal": { args: ["keys", "unseal", "-w", ws], code: "" },
    share: {
      args: [
        "share",
        AGREEMENT,
        "-w",
        ws,
        "-i",
        at("customers.csv"),
        "--out-dir",
        at("out3"),
        "--at",
        "soon",
      ],
      code: "bad_time",
    },
    detokenize: {
      args: ["detokenize", AGREEMENT, "-w", ws, "-f", "phone", "--", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
      code: "bad_token",
    },
    scan: { args: ["scan", at("missing.csv")], code: "file_not_found" },
    risk: { args: ["risk", at("customers.csv"), "--qi", "birth_date,,os"], code: "bad_option" },
    link: { args: ["link", at("customers.csv"), made.released, "--max-link-share", "2"], code: "bad_option" },
    "audit-hash": { args: ["audit-hash", at("digests.csv"), "-c", "phone"], code: "no_such_column" },
    "ledger log": { args: ["ledger", "log", "-w", ws], code: "keyring_missing", env: none },
    "db migrate": {
      args: ["db", "migrate", "-w", ws],
      code: "bad_store",
      env: { JIKIMI_DATABASE_URL: "mysql://db.example/jikimi" },
    },
    "db status": {
      args: ["db", "status", "-w", ws],
      code: "store_unreachable",
      env: { JIKIMI_DATABASE_URL: "postgres://jikimi@127.0.0.1:1/jikimi" },
    },
    "ledger show": { args: ["ledger", "show", "999", "-w", ws], code: "no_such_entry" },
    "ledger subject": { args: ["ledger", "subject", "-w", ws], code: "missing_argument" },
    "ledger receipt": { args: ["ledger", "receipt", made.subject, "-w", ws], code: "missing_option" },
    "ledger verify": {
      args: ["ledger", "verify", "-w", ws, "--against", at("missing.note")],
      code: "bad_checkpoint",
    },
    "ledger checkpoint": {
      args: ["ledger", "checkpoint", "-w", at("empty")],
      code: "keyring_not_configured",
      env: { JIKIMI_KEYRING: "" },
    },
    "ledger vkey": {
      args: ["ledger", "vkey", "-w", at("empty")],
      code: "keyring_not_configured",
      env: { JIKIMI_KEYRING: "" },
    },
    "ledger proof": { args: ["ledger", "proof", "-w", ws], code: "usage" },
    "ledger template": {
      args: ["ledger", "template", "no-such-agreement", "-w", ws],
      code: "unknown_agreement",
    },
    "ledger record": { args: ["ledger", "record", "-m", at("missing.yaml"), "-w", ws], code: "bad_manifest" },
    "ledger prune": { args: ["ledger", "prune", "--before", "2000/01/01", "-w", ws], code: "bad_date" },
    "ledger repair": {
      args: ["ledger", "repair", "-w", at("empty")],
      code: "keyring_not_configured",
      env: { JIKIMI_KEYRING: "" },
    },
    "ledger witness": {
      args: ["ledger", "witness", "-w", at("empty")],
      code: "keyring_not_configured",
      env: { JIKIMI_KEYRING: "" },
    },
    "ledger publish": {
      args: ["ledger", "publish", at("p2"), "-w", at("empty")],
      code: "keyring_not_configured",
      env: { JIKIMI_KEYRING: "" },
    },
    "ledger monitor": {
      args: ["ledger", "monitor", "--tiles", at("no-tiles"), "--vkey", made.vkey],
      code: "",
    },
    "verify checkpoint": {
      args: ["verify", "checkpoint", at("missing.note"), "--vkey", made.vkey],
      code: "file_unreadable",
    },
    "verify log": {
      args: ["verify", "log", "--tiles", at("no-tiles"), "--vkey", made.vkey],
      code: "tiles_not_found",
    },
    "verify receipt": {
      args: ["verify", "receipt", at("missing.json"), "--vkey", made.vkey],
      code: "file_unreadable",
    },
    "witness init": {
      args: ["witness", "init", "--dir", at("witness"), "--name", "witness.example/t"],
      code: "",
    },
    "witness vkey": { args: ["witness", "vkey", "--dir", at("no-witness")], code: "witness_not_found" },
    "witness add-log": {
      args: ["witness", "add-log", "--dir", at("witness"), "--origin", "x", "--vkey", "not-a-key"],
      code: "",
    },
    "witness serve": {
      args: ["witness", "serve", "--dir", at("witness"), "--listen", "localhost"],
      code: "bad_listen",
    },
    serve: { args: ["serve", "-w", ws, "--listen", "localhost"], code: "bad_listen" },
    worker: { args: ["worker", "-w", ws, "--redis", "http://queue.example"], code: "bad_redis_url" },
    "release status": {
      args: ["release", "status", "0123abcd", "--redis", redisUrl(), "--queue", "convention"],
      code: "unknown_release",
    },
    "tokens issue": {
      args: ["tokens", "issue", "-w", ws, "--role", "operator", "--name", "ci", "--ttl", "forever"],
      code: "bad_ttl",
    },
    "tokens list": { args: ["tokens", "list", "-w", at("not-a-workspace")], code: "workspace_not_found" },
    "report inspection": {
      args: ["report", "inspection", "-w", ws, "--from", "yesterday"],
      code: "bad_date",
    },
    "report statement": {
      args: ["report", "statement", made.subject, "-w", at("not-a-workspace")],
      code: "workspace_not_found",
    },
    "report dpia": { args: ["report", "dpia", "no-such-agreement", "-w", ws], code: "unknown_agreement" },
    "report ropa": { args: ["report", "ropa", "-w", ws, "--format", "docx"], code: "invalid_argument" },
    "report policy": { args: ["report", "policy", "-w", ws, "--country", "KR"], code: "unknown_option" },
    "tokens revoke": { args: ["tokens", "revoke", "000000000000", "-w", ws], code: "unknown_token" },
    completion: { args: ["completion", "fish"], code: "invalid_argument" },
  };
}

/** `witness serve --format json`: its one ready line, then SIGTERM. */
async function serveOnce(args: string[]): Promise<{ line: string; code: number | null }> {
  const { spawn } = await import("node:child_process");
  const child = spawn(process.execPath, [MAIN, ...args], {
    env: { ...process.env, ...env, LANG: "en_US.UTF-8" },
  });
  let out = "";
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("\n")) resolve(out.slice(0, out.indexOf("\n")));
    });
    child.on("exit", (code) => reject(new Error(`${args.slice(0, 2).join(" ")} exited ${code}`)));
  });
  child.kill("SIGTERM");
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  return { line, code };
}

describe("every verb", () => {
  it("has a success case and a bad-input case here (a new verb fails until it gets both)", async () => {
    const all = (await verbs()).sort();
    expect(all).toContain("ledger verify");
    expect(
      successCases()
        .map(([p]) => p)
        .sort(),
    ).toEqual(all);
    expect(Object.keys(badCases()).sort()).toEqual(all);
  });

  it("prints one JSON document with --format json on success, its keys in snake_case", async () => {
    // an old-layout keyring (the signing key inside it) for move-log-key
    expect(run(["keys", "init", "-w", ws], { env: { JIKIMI_KEYRING: OLD } }).status).toBe(0);
    const ring = JSON.parse(readFileSync(OLD, "utf8")) as { keys: unknown[] };
    const log = JSON.parse(readFileSync(`${OLD}.log-key`, "utf8")) as { keys: unknown[] };
    writeFileSync(OLD, JSON.stringify({ ...ring, keys: [...ring.keys, ...log.keys] }), { mode: 0o600 });
    rmSync(`${OLD}.log-key`);
    const failures: string[] = [];
    for (const [path, make] of successCases()) {
      const c = make();
      const args = withJson(c.args);
      if (path === "witness serve" || path === "serve" || path === "worker") {
        const served = await serveOnce(args);
        const ready = JSON.parse(served.line) as { listening?: string; worker?: string };
        if (
          path === "worker" ? ready.worker !== ws : !/^http:\/\/127\.0\.0\.1:\d+$/.test(ready.listening ?? "")
        )
          failures.push(`${path}: ready line ${served.line}`);
        if (served.code !== 0) failures.push(`${path}: stopped with ${served.code} on SIGTERM`);
        continue;
      }
      const r = run(args, { ...(c.env ? { env: c.env } : {}) });
      if (!(c.status ?? [0]).includes(r.status)) {
        failures.push(`${path}: exit ${r.status}: ${r.stderr.trim()}`);
        continue;
      }
      let doc: unknown;
      try {
        doc = JSON.parse(r.stdout);
      } catch {
        failures.push(`${path}: stdout is not one JSON document: ${r.stdout.slice(0, 200)}`);
        continue;
      }
      const bad = badKeys(doc);
      if (bad.length > 0) failures.push(`${path}: keys not in snake_case: ${bad.slice(0, 5).join(", ")}`);
      if (/deprecated/.test(r.stderr))
        failures.push(`${path}: a current flag was called deprecated: ${r.stderr}`);
      if (path === "keys rotate") made.retired = (doc as { retired: string[] }).retired[0] ?? "";
      if (path === "tokens issue") made.apiToken = (doc as { id: string }).id;
    }
    expect(failures).toEqual([]);
  }, 900_000);

  it('prints {"error":{"code","message","hint"}} with --format json on bad input, the text line on stderr', async () => {
    const cases = Object.entries(badCases());
    const runs = await runAll(
      cases.map(([, c]) => ({ args: withJson(c.args), ...(c.env ? { env: c.env } : {}) })),
    );
    const failures: string[] = [];
    cases.forEach(([path, c], i) => {
      const r = runs[i] as CliRun;
      let doc: { error?: { code?: unknown; message?: unknown; hint?: unknown } };
      try {
        doc = JSON.parse(r.stdout);
      } catch {
        failures.push(
          `${path}: exit ${r.status}, stdout is not JSON: ${r.stdout.slice(0, 200)} ${r.stderr.slice(0, 200)}`,
        );
        return;
      }
      const e = doc.error;
      if (r.status === 0) failures.push(`${path}: exit 0 on bad input`);
      if (typeof e?.code !== "string" || !SNAKE.test(e.code))
        failures.push(`${path}: no snake_case error.code`);
      else if (c.code !== "" && e.code !== c.code)
        failures.push(`${path}: code ${e.code}, expected ${c.code}`);
      if (typeof e?.message !== "string" || e.message === "") failures.push(`${path}: no error.message`);
      if (!(e?.hint === null || typeof e?.hint === "string"))
        failures.push(`${path}: error.hint is neither text nor null`);
      if (!/(^|\n)(jikimi: |error: )/.test(r.stderr)) failures.push(`${path}: no error line on stderr`);
      if (badKeys(doc).length > 0) failures.push(`${path}: error keys not in snake_case`);
    });
    expect(failures).toEqual([]);
  }, 900_000);

  it("keeps the exit code of the text run and puts summary and hint apart", () => {
    const text = run(["check", "-w", ws, "--at", "yesterday"]);
    const json = run(["check", "-w", ws, "--at", "yesterday", "--format", "json"]);
    expect(json.status).toBe(text.status);
    expect(text.stdout).toBe("");
    expect(json.stderr).toBe(text.stderr);
    expect(JSON.parse(json.stdout)).toEqual({
      error: { code: "bad_date", message: '--at "yesterday" is not a date', hint: "use YYYY-MM-DD" },
    });
    expect(text.stderr).toBe('jikimi: --at "yesterday" is not a date: use YYYY-MM-DD\n');
  });
});

describe("old flags keep working for one release, with a notice on stderr", () => {
  const notice = (old: string, replacement: string) =>
    `jikimi: ${old} is deprecated and will be removed in the next release: use ${replacement}`;

  it("--json is --format json", () => {
    const r = run(["ledger", "log", "-w", ws, "--json"]);
    expect(r.status, r.stderr).toBe(0);
    expect(Array.isArray(JSON.parse(r.stdout))).toBe(true);
    expect(r.stderr).toContain(notice("--json", "--format json"));
    // an error under the old flag is JSON too
    const bad = run(["ledger", "show", "999", "-w", ws, "--json"]);
    expect(JSON.parse(bad.stdout).error.code).toBe("no_such_entry");
  });

  it("share's --format csv is its input format and -o its folder; --format json is the output", () => {
    const out = at("old-out");
    const r = run(
      ["share", AGREEMENT, "-w", ws, "-i", "-", "--format", "csv", "-o", out, "--dry-run", "--json"],
      {
        input: readFileSync(at("customers.csv"), "utf8"),
      },
    );
    // held or not (the ledger already has today's release), a dry run reports its counts
    expect([0, 3], r.stderr).toContain(r.status);
    expect(r.stderr).toContain(notice("--format csv", "--input-format csv"));
    expect(r.stderr).toContain(notice("-o/--out", "--out-dir"));
    expect(JSON.parse(r.stdout)).toMatchObject({ counts: { read: 60, out_of_scope: expect.any(Number) } });
    expect(readdirSync(out)).toEqual([]);
    const text = run(["share", AGREEMENT, "-w", ws, "-i", at("customers.csv"), "-o", out, "--dry-run"]);
    expect(text.stdout).toMatch(/^dry run of nsf-credit-feed at /m);
    expect(run(["share", AGREEMENT, "-w", ws, "-i", at("customers.csv"), "--dry-run"]).stderr).toMatch(
      /the option --out-dir <dir> is required/,
    );
  });

  it("generate's --out and --format, consent import's --format, schema's -o, the checkpoint's --out and --format note", () => {
    const gen = run(["generate", "customers", "--rows", "3", "--out", at("old.jsonl"), "--format", "jsonl"]);
    expect(gen.status, gen.stderr).toBe(0);
    expect(gen.stderr).toContain(notice("--out", "--output"));
    expect(gen.stderr).toContain(notice("--format jsonl", "--output-format jsonl"));
    expect(JSON.parse(readFileSync(at("old.jsonl"), "utf8").split("\n")[0] ?? "")).toHaveProperty(
      "customer_id",
    );
    writeFileSync(at("consent.txt"), readFileSync(at("consent.csv")));
    const imported = run(["consent", "import", at("consent.txt"), "-w", ws, "--format", "csv"]);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stderr).toContain(notice("--format csv", "--input-format csv"));
    expect(imported.stdout).toMatch(/^recorded 0 consent events/);
    const schema = run(["schema", "-o", at("old-schemas")]);
    expect(schema.status, schema.stderr).toBe(0);
    expect(schema.stderr).toContain(notice("-o/--out", "--out-dir"));
    expect(readdirSync(at("old-schemas"))).toContain("agreement.schema.json");
    const cp = run(["ledger", "checkpoint", "-w", ws, "--format", "note", "--out", at("old.note")]);
    expect(cp.status, cp.stderr).toBe(0);
    expect(cp.stderr).toContain(notice("--format note", "--format text"));
    expect(cp.stderr).toContain(notice("--out", "--output"));
    expect(readFileSync(at("old.note"), "utf8")).toMatch(/^jikimi\//);
  });

  it("are hidden from --help and from completion", () => {
    const help = run(["share", "--help"]).stdout;
    expect(help).toContain("--out-dir <dir>");
    expect(help).toContain("--input-format <format>");
    expect(help).not.toMatch(/--json|-o, --out /);
    const bash = run(["completion", "bash"]).stdout;
    expect(bash).toMatch(/'share'\) printf '%s\\n' '[^']*--out-dir/);
    expect(bash).not.toMatch(/--json/);
  });
});

describe("the JSON helpers", () => {
  it("convert camelCase keys and leave data maps and values alone", () => {
    expect(
      snakeKeys(
        { newSubjects: 2, byForm: { plainText: 1 }, list: [{ leafHash: "aB" }], field_name: "birthDate" },
        ["by_form"],
      ),
    ).toEqual({
      new_subjects: 2,
      by_form: { plainText: 1 },
      list: [{ leaf_hash: "aB" }],
      field_name: "birthDate",
    });
  });

  it("tell JSON from the arguments when commander fails before the verb runs", () => {
    expect(jsonRequested(["node", "jikimi", "scan", "x", "-f", "json"])).toBe(true);
    expect(jsonRequested(["node", "jikimi", "taxonomy", "--format=json"])).toBe(true);
    expect(jsonRequested(["node", "jikimi", "ledger", "log", "--json"])).toBe(true);
    expect(jsonRequested(["node", "jikimi", "detokenize", "a", "-f", "json"])).toBe(false);
    expect(jsonRequested(["node", "jikimi", "scan", "--format", "json", "--format", "text"])).toBe(false);
  });
});

describe("share's progress bar", () => {
  it("estimates the rows from the bytes read and ends at 100% of the rows read", () => {
    expect(estimateTotal(1000, 1_000_000, 4_000_000)).toBe(4000);
    expect(estimateTotal(1000, 0, 4_000_000)).toBe(0);
    // read ahead of the rows: never below the rows counted
    expect(estimateTotal(1000, 5_000_000, 4_000_000)).toBe(1000);
    const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 120 });
    let shown = "";
    stream.on("data", (d: Buffer) => {
      shown += d.toString();
    });
    const progress = shareProgress(at("customers.csv"), true, stream as unknown as NodeJS.WriteStream);
    const size = readFileSync(at("customers.csv")).length;
    progress.update(10, Math.floor(size / 4));
    progress.update(30, Math.floor(size / 2));
    progress.finish(61);
    progress.stop();
    const ansi = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, "g");
    const frames = shown
      .replace(ansi, "\n")
      .split(/\r|\n/)
      .filter((f) => f.includes("%"));
    expect(frames.at(-1)).toMatch(/ 100% \| 61\/~61 rows/);
  });
});

describe("--lang ko", () => {
  it("speaks Korean: summaries, labels aligned by cells, errors (same codes), help", () => {
    const dry = run([
      "share",
      AGREEMENT,
      "-w",
      ws,
      "-i",
      at("customers.csv"),
      "--out-dir",
      at("out2"),
      "--dry-run",
      "--lang",
      "ko",
    ]);
    // held or not (the ledger already has today's release), a dry run prints its summary
    expect([0, 3], dry.stderr).toContain(dry.status);
    expect(dry.stdout).toMatch(/nsf-credit-feed 제공 모의 실행/);
    expect(dry.stdout).toContain("제공 범위 밖");
    // the values start in one column, counted in terminal cells (a Hangul syllable is two)
    const starts = dry.stdout
      .split("\n")
      .map((line) => /^( {2}\S.*? {2,})\S/.exec(line)?.[1])
      .filter((label): label is string => label !== undefined)
      .map((label) => stringWidth(label));
    expect(starts.length).toBeGreaterThanOrEqual(5);
    expect(new Set(starts).size).toBe(1);
    const none = run(["ledger", "subject", "HB0000000000", "-w", ws, "--lang", "ko"]);
    expect(none.stdout).toBe("이 정보주체가 포함된 제공 기록이 없습니다\n");
    const bad = run(["check", "-w", ws, "--at", "yesterday", "--format", "json", "--lang", "ko"]);
    expect(JSON.parse(bad.stdout)).toEqual({
      error: {
        code: "bad_date",
        message: '--at "yesterday"은(는) 날짜가 아닙니다',
        hint: "YYYY-MM-DD 형식으로 쓰세요",
      },
    });
    const help = run(["ledger", "verify", "--help", "--lang", "ko"]).stdout;
    expect(help).toMatch(/^사용법: jikimi ledger verify/);
    expect(help).toContain("모든 항목, 루트, 서명, 정보주체 집합을 다시 계산해 검증");
    expect(help).toContain("예시:");
    // commander's own parse errors too, in the text line and in the JSON document
    const unknown = run(["taxonomy", "--colour", "--format", "json", "--lang", "ko"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^jikimi: 알 수 없는 옵션 '--colour'/);
    expect(JSON.parse(unknown.stdout).error).toMatchObject({
      code: "unknown_option",
      message: "알 수 없는 옵션 '--colour'",
      hint: "`jikimi taxonomy --help`를 보세요",
    });
    const old = run(["ledger", "log", "-w", ws, "--json", "--lang", "ko"]);
    expect(old.stderr).toContain(
      "jikimi: --json은(는) 다음 릴리스에서 없어집니다: --format json을(를) 쓰세요",
    );
  });
});
