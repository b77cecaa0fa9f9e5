// the API's share route in distributed mode, on a real Redis with a worker of the same workspace: the release the
// job waits for equals `jikimi share` on an identical workspace (the download is its parts in order, the counts and
// the entry the same), the job reports partitions as it goes, a folder of part files is accepted under the input
// roots, and a server without a queue, a distributed dry run and a folder entry leading out of the roots are refused.
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWorkspace } from "../../src/index.js";
import { issueToken } from "../../src/public/server.js";
import { createServer, Jobs, type JobView } from "../../src/server/index.js";
import { bullQueue, connectionOf, startWorker } from "../../src/worker/index.js";
import { jikimi, tempDir } from "../support/cli.js";
import { redisAvailable, suiteRedis, type TestRedis } from "../support/redis.js";
import { consentingTemplate } from "../support/template.js";

const AGREEMENT = "nsf-credit-feed";
const ROWS = 6_000;
const AT = new Date(Date.now() - 3_600_000).toISOString();

const here = redisAvailable();
let root: { dir: string; cleanup: () => void };
let template: string;
let redis: TestRedis;

beforeAll(async () => {
  if (!here) return;
  root = tempDir("jikimi-api-distributed-");
  template = join(root.dir, "template");
  consentingTemplate(template, ROWS, 5);
  redis = await suiteRedis(root.dir);
}, 120_000);

afterAll(async () => {
  await redis?.stop();
  root?.cleanup();
});

let cases = 0;
/**
 * A copy of the template served by the API (the input's folder as its input root), a worker of it on the suite's
 * Redis (unless `queue` is false), and a second copy for the CLI's reference release.
 */
async function served(options: { queue?: boolean } = {}) {
  const dir = join(root.dir, `case-${cases++}`);
  cpSync(template, dir, { recursive: true });
  cpSync(join(dir, "ws"), join(dir, "cli-ws"), { recursive: true });
  const inbox = join(dir, "inbox");
  mkdirSync(inbox);
  cpSync(join(dir, "customers.csv"), join(inbox, "customers.csv"));
  appendFileSync(join(dir, "ws", "jikimi.yaml"), `\nserver:\n  input_roots: [${JSON.stringify(inbox)}]\n`);
  const env = { JIKIMI_KEYRING: join(dir, "k.keyring"), JIKIMI_KEYRING_PASSPHRASE: "" };
  const session = await openWorkspace({ root: join(dir, "ws"), env });
  const token = (
    await issueToken(session.store.tokens, { name: "test-operator", role: "operator", ttl: "1d" })
  ).token;
  const prefix = `api${cases}`;
  const connection = connectionOf(redis.url);
  const worker =
    options.queue === false ? undefined : startWorker({ connection, prefix, session, threads: 0 });
  await worker?.ready();
  const jobs = new Jobs();
  const app = createServer({
    session,
    jobs,
    ...(options.queue === false ? {} : { releaseQueue: bullQueue(connection, prefix) }),
  });
  const call = (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set("authorization", `Bearer ${token}`);
    if (init.body) headers.set("content-type", "application/json");
    return app.request(path, { ...init, headers });
  };
  const release = (body: Record<string, unknown>) =>
    call(`/v1/agreements/${AGREEMENT}/releases`, { method: "POST", body: JSON.stringify(body) });
  const job = async (id: string) => (await call(`/v1/jobs/${id}`)).json() as Promise<JobView>;
  /** Polls the job until it has ended; the progress it showed on the way. */
  const finished = async (id: string) => {
    const seen: Record<string, number>[] = [];
    for (;;) {
      const v = await job(id);
      if (v.state !== "running") return { view: v, seen };
      if (v.progress) seen.push(v.progress);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const close = async () => {
    await jobs.close();
    await worker?.close();
    await session.close();
  };
  return { dir, inbox, env, session, call, release, finished, close };
}

/** `jikimi share` of the same input at the same time on the CLI's copy, as the API's token records it. */
function reference(dir: string, env: Record<string, string>) {
  const out = join(dir, "cli-out");
  mkdirSync(out);
  const r = jikimi(
    [
      "share",
      AGREEMENT,
      "-w",
      join(dir, "cli-ws"),
      "-i",
      join(dir, "customers.csv"),
      "--out-dir",
      out,
      "--at",
      AT,
      "--operator",
      "api:test-operator",
      "--format",
      "json",
    ],
    { env },
  );
  expect(r.status, r.stderr).toBe(0);
  const doc = JSON.parse(r.stdout) as { output: string; counts: Record<string, number> };
  return { bytes: readFileSync(doc.output), counts: doc.counts };
}

/** The agreement's entry bodies without what differs between runs: times, the file's name, the release id. */
async function bodies(session: Awaited<ReturnType<typeof served>>["session"]) {
  const entries = await session.ledger().entries({ agreement: AGREEMENT });
  return entries.map((e) => {
    const body = JSON.parse(JSON.stringify(e.body)) as Record<string, unknown>;
    delete body.recorded_at;
    delete body.release_id;
    for (const f of body.files as { name?: string }[]) delete f.name;
    return body;
  });
}

interface Result {
  held: boolean;
  counts: Record<string, number>;
  release_id?: string;
  parts?: string[];
  entry?: { seq: number };
}

describe.skipIf(!here)("the API's share route, distributed", () => {
  it("releases on the workers what `share` releases: the download is its file, the counts and entry the same", async () => {
    const s = await served();
    try {
      const res = await s.release({
        path: "customers.csv",
        at: AT,
        distributed: true,
        partition_size: 100_000,
      });
      expect(res.status).toBe(202);
      const started = (await res.json()) as JobView;
      // the job reports the partitions while the workers run them
      const { view, seen } = await s.finished(started.id);
      expect(view.state, JSON.stringify(view.error)).toBe("done");
      const r = view.result as Result;
      expect(r.held).toBe(false);
      expect(r.release_id).toMatch(/^[0-9a-f]{64}$/);
      expect(r.parts?.length).toBeGreaterThan(3);
      expect(seen.some((p) => typeof p.partitions === "number" && p.partitions === r.parts?.length)).toBe(
        true,
      );

      const ref = reference(s.dir, s.env);
      expect(r.counts.released).toBe(ref.counts.released);
      expect(r.counts.read).toBe(ROWS);
      const file = await s.call(`/v1/jobs/${started.id}/output`);
      expect(file.status).toBe(200);
      expect(file.headers.get("content-type")).toMatch(/^text\/csv/);
      expect(Buffer.from(await file.arrayBuffer()).equals(ref.bytes)).toBe(true);

      const cli = await openWorkspace({ root: join(s.dir, "cli-ws"), env: s.env });
      try {
        const [api, ...more] = await bodies(s.session);
        expect(more).toEqual([]);
        expect(api).toEqual((await bodies(cli))[0]);
      } finally {
        await cli.close();
      }
    } finally {
      await s.close();
    }
  }, 120_000);

  it("takes a folder of part files under the input roots, and refuses one whose entry leads out of them", async () => {
    const s = await served();
    try {
      const parts = join(s.inbox, "parts");
      mkdirSync(parts);
      const lines = readFileSync(join(s.dir, "customers.csv"), "utf8").split("\n");
      const header = lines[0] as string;
      const rows = lines.slice(1).filter((l) => l !== "");
      const half = Math.ceil(rows.length / 2);
      writeFileSync(join(parts, "part-0.csv"), `${[header, ...rows.slice(0, half)].join("\n")}\n`);
      writeFileSync(join(parts, "part-1.csv"), `${[header, ...rows.slice(half)].join("\n")}\n`);
      const res = await s.release({ path: "parts", at: AT, distributed: true });
      expect(res.status).toBe(202);
      const { id } = (await res.json()) as JobView;
      const { view } = await s.finished(id);
      expect(view.state, JSON.stringify(view.error)).toBe("done");
      expect((view.result as Result).parts).toHaveLength(2);
      expect((view.result as Result).counts.read).toBe(ROWS);

      // a link inside the folder that leads out of the roots
      const outside = join(s.dir, "outside");
      mkdirSync(outside);
      const linked = join(s.inbox, "linked");
      mkdirSync(linked);
      writeFileSync(join(outside, "x.csv"), `${header}\n`);
      symlinkSync(join(outside, "x.csv"), join(linked, "x.csv"));
      const refused = await s.release({ path: "linked", at: AT, distributed: true });
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("path_not_allowed");
      // a .parts manifest of the same parts releases the same; one that lists a file outside the roots is refused
      writeFileSync(join(s.inbox, "day.parts"), "parts/part-0.csv\nparts/part-1.csv\n");
      const listed = await s.release({ path: "day.parts", at: AT, distributed: true });
      expect(listed.status).toBe(202);
      const again = await s.finished(((await listed.json()) as JobView).id);
      expect(again.view.state, JSON.stringify(again.view.error)).toBe("done");
      expect((again.view.result as Result).release_id).toBe((view.result as Result).release_id);
      writeFileSync(join(s.inbox, "out.parts"), `parts/part-0.csv\n${join(outside, "x.csv")}\n`);
      const escaping = await s.release({ path: "out.parts", at: AT, distributed: true });
      expect(escaping.status).toBe(403);
      // a folder is no input for a release on the server itself
      const single = await s.release({ path: "parts", at: AT });
      expect(single.status).toBe(404);
    } finally {
      await s.close();
    }
  }, 120_000);

  it("a server without a queue refuses a distributed release (503), and a distributed dry run is refused (400)", async () => {
    const s = await served({ queue: false });
    try {
      const res = await s.release({ path: "customers.csv", at: AT, distributed: true });
      expect(res.status).toBe(503);
      const body = (await res.json()) as { error: { code: string; hint: string } };
      expect(body.error.code).toBe("distributed_unavailable");
      expect(body.error.hint).toContain("--redis");
      expect(await bodies(s.session)).toEqual([]);
    } finally {
      await s.close();
    }
    const q = await served();
    try {
      const res = await q.release({ path: "customers.csv", at: AT, distributed: true, dry_run: true });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("bad_option");
      expect(readdirSync(q.inbox)).toEqual(["customers.csv"]);
      expect(await bodies(q.session)).toEqual([]);
    } finally {
      await q.close();
    }
  }, 120_000);
});
