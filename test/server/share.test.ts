// releases over the API: an uploaded body or a file under the server's input roots runs through the share gateway
// as a job; the released file and the ledger entry equal the CLI's on an identical workspace; dry runs, bad input,
// roles, overrides, path escapes, progress and a client that goes away.
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { initKeyring } from "../../src/crypto/keyring.js";
import { openWorkspace } from "../../src/index.js";
import { issueToken, type TokenRole } from "../../src/public/server.js";
import { listenWitness } from "../../src/public/witness.js";
import { createServer, Jobs, type JobView } from "../../src/server/index.js";
import { jikimi, ROOT, recentIso } from "../support/cli.js";
import { TOKEN_ROLES } from "../support/server.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const AGREEMENT = "newsletter-mailing";
/** inside the example's back-dating window, the same for the API and the CLI */
const AT = recentIso(1);

/** Jobs that keep the ids they start, so a test can poll a job whose request has not answered yet. */
class SpyJobs extends Jobs {
  readonly ids: string[] = [];
  override start(...args: Parameters<Jobs["start"]>): JobView {
    const view = super.start(...args);
    this.ids.push(view.id);
    return view;
  }
}

/**
 * A copy of examples/minimal whose jikimi.yaml lists `<dir>/inbox` as the server's input root (unless `roots` is
 * false), a copy of it for the CLI made before the server opens it, one keyring for both, and the API over it.
 */
async function apiWorkspace(options: { roots?: boolean; agreement?: (yaml: string) => string } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "jikimi-api-share-"));
  dirs.push(dir);
  const root = join(dir, "ws");
  cpSync(join(ROOT, "examples", "minimal"), root, { recursive: true });
  const inbox = join(dir, "inbox");
  mkdirSync(inbox);
  if (options.roots !== false)
    appendFileSync(join(root, "jikimi.yaml"), `server:\n  input_roots: [${JSON.stringify(inbox)}]\n`);
  if (options.agreement) {
    const file = join(root, "agreements", `${AGREEMENT}.yaml`);
    writeFileSync(file, options.agreement(readFileSync(file, "utf8")));
  }
  const cliRoot = join(dir, "cli-ws");
  cpSync(root, cliRoot, { recursive: true });
  const keyring = join(dir, "k.keyring");
  initKeyring(keyring, new Date("2025-01-01T00:00:00Z"), {});
  const env = { JIKIMI_KEYRING: keyring };
  const session = await openWorkspace({ root, env });
  const tokens = {} as Record<TokenRole, string>;
  for (const role of TOKEN_ROLES)
    tokens[role] = (await issueToken(session.store.tokens, { name: `test-${role}`, role, ttl: "1d" })).token;
  const jobs = new SpyJobs();
  const app = createServer({ session, jobs });
  const call = (path: string, init: RequestInit & { as?: TokenRole | { bearer: string } } = {}) => {
    const { as, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (as !== undefined)
      headers.set("authorization", `Bearer ${typeof as === "string" ? tokens[as] : as.bearer}`);
    return app.request(path, { ...rest, headers });
  };
  /** POSTs `body` as the records of a release of the agreement. */
  const upload = (
    body: NonNullable<RequestInit["body"]>,
    as: TokenRole,
    query: Record<string, string> = {},
    headers: Record<string, string> = { "content-type": "text/csv" },
    signal?: AbortSignal,
  ) =>
    call(`/v1/uploads/releases/${AGREEMENT}?${new URLSearchParams({ at: AT, ...query })}`, {
      as,
      method: "POST",
      body,
      headers,
      ...(signal ? { signal } : {}),
      ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
    });
  const sample = readFileSync(join(root, "sample", "members.csv"));
  return { dir, root, cliRoot, inbox, env, session, tokens, jobs, app, call, upload, sample };
}

type Api = Awaited<ReturnType<typeof apiWorkspace>>;

interface Released {
  agreement: string;
  held: boolean;
  held_reasons: string[];
  overridden: boolean;
  dry_run: boolean;
  counts: Record<string, number>;
  output?: string;
  entry?: { seq: number; root: string };
  hold?: { seq: number; root: string };
}

const resultOf = (v: JobView) => v.result as Released;

/** Every file below `dir` (none when it does not exist). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/** The entry bodies of a ledger without what differs between two runs: times, sequence, the file's random name. */
async function entryBodies(session: Api["session"]): Promise<unknown[]> {
  const entries = await session.ledger().entries({ agreement: AGREEMENT });
  return entries.map((e) => {
    const body = JSON.parse(JSON.stringify(e.body)) as Record<string, unknown>;
    delete body.recorded_at;
    delete body.seq;
    for (const f of body.files as { name?: string }[]) delete f.name;
    return body;
  });
}

/** `jikimi share` on the CLI's copy (same keyring, same --at) of `input`, as the token `test-<role>` would record. */
function cliShare(s: Api, input: string, args: string[] = [], cwd?: string) {
  const out = join(s.dir, "cli-out");
  mkdirSync(out, { recursive: true });
  const run = jikimi(
    [
      "share",
      AGREEMENT,
      "-w",
      s.cliRoot,
      "-i",
      input,
      "--out-dir",
      out,
      "--at",
      AT,
      "--format",
      "json",
      ...args,
    ],
    { env: s.env, ...(cwd ? { cwd } : {}) },
  );
  return { run, out };
}

describe("releases over the API", () => {
  it("an upload releases the same bytes and records the same entry as the CLI on an identical workspace", async () => {
    const s = await apiWorkspace();
    try {
      const res = await s.upload(new Uint8Array(s.sample), "operator");
      expect(res.status).toBe(200);
      const view = (await res.json()) as JobView;
      expect(res.headers.get("location")).toBe(`/v1/jobs/${view.id}`);
      expect(view.state).toBe("done");
      const r = resultOf(view);
      expect(r.held).toBe(false);
      expect(r.counts.released).toBeGreaterThan(0);
      expect(r.output).toMatch(/^newsletter-mailing-\d{4}-\d{2}-\d{2}-[0-9a-f]+\.csv$/);
      expect(r.entry?.seq).toBe(0);

      const { run, out } = cliShare(s, join(s.root, "sample", "members.csv"), [
        "--operator",
        "api:test-operator",
      ]);
      expect(run.status, run.stderr).toBe(0);
      const cliFile = readdirSync(out).find((f) => f.endsWith(".csv")) as string;

      const file = await s.call(`/v1/jobs/${view.id}/output`, { as: "operator" });
      expect(file.status).toBe(200);
      expect(file.headers.get("content-type")).toMatch(/^text\/csv/);
      expect(file.headers.get("content-disposition")).toContain(`attachment; filename="${r.output}"`);
      const bytes = Buffer.from(await file.arrayBuffer());
      expect(bytes.equals(readFileSync(join(out, cliFile)))).toBe(true);
      // the job's folder is private and holds the file the download gave
      const placed = join(s.session.settings.server.outputDir, view.id, r.output as string);
      expect(readFileSync(placed).equals(bytes)).toBe(true);

      const cli = await openWorkspace({ root: s.cliRoot, env: s.env });
      try {
        const [apiBody] = await entryBodies(s.session);
        const [cliBody] = await entryBodies(cli);
        expect(apiBody).toMatchObject({ operator: "api:test-operator", records: r.counts.released });
        expect(apiBody).toEqual(cliBody);
      } finally {
        await cli.close();
      }
    } finally {
      await s.session.close();
    }
  });

  it("a dry run counts the rows, places nothing and records nothing", async () => {
    const s = await apiWorkspace();
    try {
      const res = await s.upload(new Uint8Array(s.sample), "operator", { dry_run: "true" });
      expect(res.status).toBe(200);
      const view = (await res.json()) as JobView;
      const r = resultOf(view);
      expect(r).toMatchObject({ dry_run: true, held: false });
      expect(r.counts.read).toBe(s.sample.toString().trim().split("\n").length - 1);
      expect(r.entry).toBeUndefined();
      expect(r.output).toBeUndefined();
      expect(await s.session.ledger().size()).toBe(0);
      expect(filesUnder(s.session.settings.server.outputDir)).toEqual([]);
      const file = await s.call(`/v1/jobs/${view.id}/output`, { as: "operator" });
      expect(file.status).toBe(409);
      expect(((await file.json()) as { error: { code: string } }).error.code).toBe("job_output_unavailable");

      // the same records as JSON Lines, told by the Content-Type, count the same
      const [header, ...lines] = s.sample.toString().trim().split("\n");
      const names = (header as string).split(",");
      const jsonl = lines
        .map((l) => {
          const v = l.split(",");
          return JSON.stringify({
            member_id: v[0],
            email: v[1],
            birth_date: v[2],
            points: Number(v[3]),
            newsletter: v[4] === "true",
          });
        })
        .join("\n");
      expect(names).toEqual(["member_id", "email", "birth_date", "points", "newsletter"]);
      const asJsonl = await s.upload(
        `${jsonl}\n`,
        "operator",
        { dry_run: "true" },
        {
          "content-type": "application/x-ndjson",
        },
      );
      expect(asJsonl.status).toBe(200);
      expect(resultOf((await asJsonl.json()) as JobView).counts).toEqual(r.counts);
      expect(await s.session.ledger().size()).toBe(0);
    } finally {
      await s.session.close();
    }
  });

  it("a malformed upload fails with the CLI's code, message and hint for the same file, and records nothing", async () => {
    const s = await apiWorkspace();
    const header = "member_id,email,birth_date,points,newsletter";
    const bad = {
      broken_row: `${header}\nM000001,a@example.com,1988-04-12,1200,true\nM000002,"b@example.com,1992-11-03,300,true\n`,
      wrong_type: `${header}\nM000001,a@example.com,1988-04-12,12x00,true\n`,
      missing_column: "member_id,birth_date,points,newsletter\nM000001,1988-04-12,1200,true\n",
      duplicate_header:
        "member_id,email,email,points,newsletter\nM000001,a@example.com,b@example.com,1,true\n",
    };
    try {
      const seen = new Set<string>();
      for (const [what, text] of Object.entries(bad)) {
        // the CLI reads a file named as the API names an upload, so their messages name the same source
        const cwd = mkdtempSync(join(s.dir, "cli-cwd-"));
        writeFileSync(join(cwd, "upload"), text);
        const { run } = cliShare(s, "upload", ["--input-format", "csv"], cwd);
        expect(run.status, what).toBe(2);
        const expected = JSON.parse(run.stdout) as { error: { code: string; message: string; hint: string } };
        const res = await s.upload(text, "operator");
        expect(res.status, what).toBe(400);
        const got = (await res.json()) as { error: { code: string; message: string; hint?: string } };
        expect(got.error, what).toEqual({
          code: expected.error.code,
          message: expected.error.message,
          hint: expected.error.hint,
        });
        seen.add(got.error.code);
      }
      expect(seen.size).toBeGreaterThanOrEqual(3);
      expect(await s.session.ledger().size()).toBe(0);
      expect(filesUnder(s.session.settings.server.outputDir)).toEqual([]);
      // a body whose format cannot be told is refused before anything runs
      const unknown = await s.upload(
        new Uint8Array(s.sample),
        "operator",
        {},
        { "content-type": "text/plain" },
      );
      expect(unknown.status).toBe(400);
      expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("unsupported_format");
      expect(s.jobs.ids).toHaveLength(Object.keys(bad).length);
    } finally {
      await s.session.close();
    }
  });

  it("only operators and controllers release; only a controller overrides a held release, with its reason recorded", async () => {
    const s = await apiWorkspace();
    try {
      for (const role of ["dpo", "regulator"] as const) {
        const res = await s.upload(new Uint8Array(s.sample), role);
        expect(res.status, role).toBe(403);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe("forbidden_role");
        const byPath = await s.call(`/v1/agreements/${AGREEMENT}/releases`, {
          as: role,
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ path: "members.csv" }),
        });
        expect(byPath.status, role).toBe(403);
      }
      const first = resultOf(
        (await (await s.upload(new Uint8Array(s.sample), "operator")).json()) as JobView,
      );
      expect(first.held).toBe(false);

      // the example allows one release a day: the second is held, placed nowhere, recorded as a hold entry
      const second = await s.upload(new Uint8Array(s.sample), "operator");
      expect(second.status).toBe(200);
      const heldView = (await second.json()) as JobView;
      const held = resultOf(heldView);
      expect(held.held).toBe(true);
      expect(held.held_reasons.length).toBeGreaterThan(0);
      expect(held.entry).toBeUndefined();
      expect(held.hold?.seq).toBe(1);
      expect(await s.session.ledger().size()).toBe(2);
      expect((await s.session.ledger().releases()).map((e) => e.seq)).toEqual([0]);
      expect(existsSync(join(s.session.settings.server.outputDir, heldView.id))).toBe(false);
      expect((await s.call(`/v1/jobs/${heldView.id}/output`, { as: "operator" })).status).toBe(409);

      const refused = await s.upload(new Uint8Array(s.sample), "operator", { override: "month-end resend" });
      expect(refused.status).toBe(403);
      const refusal = (await refused.json()) as { error: { code: string; message: string } };
      expect(refusal.error.code).toBe("forbidden_role");
      expect(refusal.error.message).toContain("controller");
      expect(await s.session.ledger().size()).toBe(2);

      const overridden = await s.upload(new Uint8Array(s.sample), "controller", {
        override: "month-end resend",
      });
      expect(overridden.status).toBe(200);
      const view = (await overridden.json()) as JobView;
      const r = resultOf(view);
      expect(r).toMatchObject({ held: false, overridden: true });
      expect(r.held_reasons).toEqual(held.held_reasons);
      expect(r.entry?.seq).toBe(2);
      const entry = await s.session.ledger().entry(2);
      // the entry keeps the reason and, as data, the holds it released past: the same as the hold entry's
      const hold = await s.session.ledger().entry(1);
      if (hold?.body?.kind !== "hold") throw new Error("entry 1 is not the hold");
      expect(entry?.body).toMatchObject({
        override: "month-end resend",
        operator: "api:test-controller",
        overridden: hold.body.holds,
      });
      expect((await s.call(`/v1/jobs/${view.id}/output`, { as: "controller" })).status).toBe(200);
      // the file is its owner's: another token of a releasing role does not see the job
      expect((await s.call(`/v1/jobs/${view.id}/output`, { as: "operator" })).status).toBe(404);
      expect((await s.call(`/v1/jobs/${view.id}/output`, { as: "dpo" })).status).toBe(403);
    } finally {
      await s.session.close();
    }
  });

  it("the path route reads only files under the input roots, and releases one there as a job", async () => {
    const s = await apiWorkspace();
    const outside = join(s.root, "sample", "members.csv");
    writeFileSync(join(s.inbox, "members.csv"), s.sample);
    symlinkSync(outside, join(s.inbox, "link.csv"));
    symlinkSync(join(s.root, "sample"), join(s.inbox, "linked-dir"));
    mkdirSync(`${s.inbox}-sibling`);
    writeFileSync(join(`${s.inbox}-sibling`, "members.csv"), s.sample);
    const release = (body: Record<string, unknown>, as: TokenRole = "operator") =>
      s.call(`/v1/agreements/${AGREEMENT}/releases`, {
        as,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ at: AT, ...body }),
      });
    try {
      for (const path of [
        outside,
        "../ws/sample/members.csv",
        `${s.inbox}/../ws/sample/members.csv`,
        `${s.inbox}-sibling/members.csv`,
        "link.csv",
        "linked-dir/members.csv",
        "/etc/passwd",
      ]) {
        const res = await release({ path });
        expect(res.status, path).toBe(403);
        expect(((await res.json()) as { error: { code: string } }).error.code, path).toBe("path_not_allowed");
      }
      const missing = await release({ path: "nothing.csv" });
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("file_not_found");
      expect(s.jobs.ids).toEqual([]);

      const res = await release({ path: "members.csv" });
      expect(res.status).toBe(202);
      const started = (await res.json()) as JobView;
      expect(started).toMatchObject({ kind: "release", state: "running" });
      expect(res.headers.get("location")).toBe(`/v1/jobs/${started.id}`);
      await s.jobs.settled(started.id);
      const done = (await (await s.call(`/v1/jobs/${started.id}`, { as: "operator" })).json()) as JobView;
      expect(done.state).toBe("done");
      const r = resultOf(done);
      expect(r.entry?.seq).toBe(0);
      expect(done.progress?.rows_read).toBe(r.counts.read);
      const file = await s.call(`/v1/jobs/${started.id}/output`, { as: "operator" });
      expect(file.status).toBe(200);
      expect((await file.text()).split("\n")[0]).toBe("member_id,email");
    } finally {
      await s.session.close();
    }
    // a server whose jikimi.yaml names no input roots reads no path at all
    const none = await apiWorkspace({ roots: false });
    try {
      writeFileSync(join(none.inbox, "members.csv"), none.sample);
      const res = await none.call(`/v1/agreements/${AGREEMENT}/releases`, {
        as: "operator",
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ path: join(none.inbox, "members.csv") }),
      });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("path_not_allowed");
    } finally {
      await none.session.close();
    }
  });

  it("shows the bytes received and rows read while an upload streams, and its final counts", async () => {
    const s = await apiWorkspace({
      agreement: (y) => y.replace("max_subjects: 100000", "max_subjects: 1000000"),
    });
    const rows = (from: number, to: number) => {
      const lines: string[] = [];
      for (let i = from; i < to; i++)
        lines.push(`M${String(i).padStart(7, "0")},member${i}@example.com,1990-01-01,${i},${i % 2 === 0}\n`);
      return new TextEncoder().encode(lines.join(""));
    };
    let push!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = controller;
      },
    });
    try {
      const parts = [
        new TextEncoder().encode("member_id,email,birth_date,points,newsletter\n"),
        rows(0, 60_000),
        rows(60_000, 80_000),
      ];
      const total = parts.reduce((n, p) => n + p.byteLength, 0);
      push.enqueue(parts[0] as Uint8Array);
      push.enqueue(parts[1] as Uint8Array);
      const answer = s.upload(body, "operator");
      let seen: JobView | undefined;
      for (let i = 0; i < 400 && !seen; i++) {
        await new Promise((r) => setTimeout(r, 25));
        const id = s.jobs.ids[0];
        if (id === undefined) continue;
        const view = (await (await s.call(`/v1/jobs/${id}`, { as: "operator" })).json()) as JobView;
        if ((view.progress?.bytes_received ?? 0) > 0) seen = view;
      }
      // the body is still open: the job runs and shows what it has received of it
      expect(seen?.state).toBe("running");
      expect(seen?.progress?.bytes_received).toBeGreaterThan(0);
      expect(seen?.progress?.bytes_received).toBeLessThan(total);
      push.enqueue(parts[2] as Uint8Array);
      push.close();
      const res = await answer;
      expect(res.status).toBe(200);
      const view = (await res.json()) as JobView;
      expect(view.state).toBe("done");
      expect(resultOf(view).counts).toMatchObject({ read: 80_000, released: 40_000, out_of_scope: 40_000 });
      expect(view.progress).toMatchObject({ rows_read: 80_000, bytes_received: total });
    } finally {
      await s.session.close();
    }
  });

  it("a client that goes away mid-upload abandons the release: nothing recorded, nothing placed", async () => {
    const s = await apiWorkspace();
    const client = new AbortController();
    let push!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = controller;
      },
    });
    try {
      push.enqueue(new TextEncoder().encode("member_id,email,birth_date,points,newsletter\n"));
      push.enqueue(new TextEncoder().encode("M000001,a@example.com,1988-04-12,1200,true\n"));
      const answer = s.upload(body, "operator", {}, { "content-type": "text/csv" }, client.signal);
      for (let i = 0; i < 100 && s.jobs.ids.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      // the body stays open: the request's signal alone must end the release
      client.abort();
      const res = await Promise.resolve(answer).catch((e: unknown) => e);
      const id = s.jobs.ids[0] as string;
      await s.jobs.settled(id);
      const view = (await (await s.call(`/v1/jobs/${id}`, { as: "operator" })).json()) as JobView;
      expect(view.state).toBe("failed");
      expect(view.error?.code).toBe("interrupted");
      if (res instanceof Response) expect(res.status).toBeGreaterThanOrEqual(400);
      expect(await s.session.ledger().size()).toBe(0);
      expect(filesUnder(s.session.settings.server.outputDir)).toEqual([]);
    } finally {
      await s.session.close();
    }
  });

  it("over a socket the body is read from Node's own request: it releases, and a client gone mid-body abandons it", async () => {
    const s = await apiWorkspace();
    const server = await listenWitness(s.app, { host: "127.0.0.1", port: 0 });
    const url = `${server.url}/v1/uploads/releases/${AGREEMENT}?${new URLSearchParams({ at: AT })}`;
    const headers = { authorization: `Bearer ${s.tokens.operator}`, "content-type": "text/csv" };
    try {
      const whole = await new Promise<{ status: number; body: JobView }>((resolve, reject) => {
        const req = request(url, { method: "POST", headers }, (res) => {
          let text = "";
          res.setEncoding("utf8").on("data", (d: string) => {
            text += d;
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as JobView }));
        });
        req.on("error", reject);
        req.end(s.sample);
      });
      expect(whole.status).toBe(200);
      expect(whole.body.state).toBe("done");
      expect(resultOf(whole.body).counts.read).toBe(s.sample.toString().trim().split("\n").length - 1);
      expect(await s.session.ledger().size()).toBe(1);

      // a client that sends the header and one row, then drops the connection with the body unfinished
      const gone = request(url, { method: "POST", headers: { ...headers, "transfer-encoding": "chunked" } });
      gone.on("error", () => {});
      gone.write(
        "member_id,email,birth_date,points,newsletter\nM000001,a@example.com,1988-04-12,1200,true\n",
      );
      for (let i = 0; i < 200 && s.jobs.ids.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
      gone.destroy();
      const id = s.jobs.ids[1] as string;
      await s.jobs.settled(id);
      const view = (await (await s.call(`/v1/jobs/${id}`, { as: "operator" })).json()) as JobView;
      expect(view.state).toBe("failed");
      expect(view.error?.code).toBe("interrupted");
      expect(await s.session.ledger().size()).toBe(1);
    } finally {
      await server.close();
      await s.session.close();
    }
  });
});
