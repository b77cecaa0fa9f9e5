// the scan, risk and link routes: an uploaded file's scan and risk, and a link of two server-side files, give what
// the CLI's --format json gives for the same files (never a value of them); uploads over the cap are refused and
// leave no file; paths outside the input roots, or leading out through a symlink, are refused; and each route
// answers its roles and refuses the others.
import {
  appendFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openWorkspace } from "../../src/index.js";
import { createServer } from "../../src/server/index.js";
import { Jobs, type JobView } from "../../src/server/jobs.js";
import { writeUpload } from "../../src/server/routes/upload-temp.js";
import { jikimi } from "../support/cli.js";
import { serverWorkspace, TOKEN_ROLES } from "../support/server.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

type Role = (typeof TOKEN_ROLES)[number];

/** A server over examples/minimal whose jikimi.yaml lists `data/` as an input root. */
async function analysisServer() {
  const jobs = new Jobs();
  const base = await serverWorkspace(dirs);
  await base.session.close();
  const data = join(base.root, "data");
  mkdirSync(data);
  appendFileSync(join(base.root, "jikimi.yaml"), "\nserver:\n  input_roots: [data]\n");
  const session = await openWorkspace({ root: base.root, env: base.env });
  const lines: string[] = [];
  const { pino } = await import("pino");
  const logger = pino({ base: undefined }, { write: (line: string) => void lines.push(line) });
  const app = createServer({ session, jobs, logger });
  const call = (path: string, init: RequestInit & { as?: Role } = {}) => {
    const { as, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (as !== undefined) headers.set("authorization", `Bearer ${base.tokens[as]}`);
    return app.request(path, { ...rest, headers });
  };
  const finished = async (res: Response, as: Role = "dpo"): Promise<JobView> => {
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as JobView;
    await jobs.settled(id);
    return (await (await call(`/v1/jobs/${id}`, { as })).json()) as JobView;
  };
  const members = join(base.root, "sample", "members.csv");
  return { ...base, session, app, call, finished, jobs, lines, data, members };
}

const upload = (text: string, type = "text/csv") => ({
  method: "POST",
  body: text,
  headers: { "content-type": type },
});
const post = (body: unknown) => ({
  method: "POST",
  body: JSON.stringify(body),
  headers: { "content-type": "application/json" },
});

/** Every field value of a CSV (the header excluded): what must never appear in a result. */
function valuesOf(csv: string): string[] {
  return csv
    .trim()
    .split("\n")
    .slice(1)
    .flatMap((l) => l.split(","))
    .filter((v) => v.length > 4 && !/^(true|false)$/.test(v));
}

const tmpUploads = (root: string) =>
  readdirSync(join(root, ".jikimi", "tmp")).filter((f) => f.startsWith("upload-"));

describe("scan and risk on uploads", () => {
  it("scans an upload as `jikimi scan --format json` scans the file, without its values, and keeps no file", async () => {
    const s = await analysisServer();
    try {
      const text = readFileSync(s.members, "utf8");
      const job = await s.finished(
        await s.call("/v1/uploads/scans?name=members.csv", { as: "operator", ...upload(text) }),
      );
      expect(job.state).toBe("done");
      const cli = jikimi(["scan", s.members, "--format", "json"]);
      expect(job.result).toEqual({ ...JSON.parse(cli.stdout), file: "members.csv" });
      expect((job.result as { personal: boolean }).personal).toBe(true);
      const out = JSON.stringify(job.result) + s.lines.join("");
      for (const v of valuesOf(text)) expect(out).not.toContain(v);
      expect(tmpUploads(s.root)).toEqual([]);

      // a sample, and JSON Lines by its content type
      const jsonl = text
        .trim()
        .split("\n")
        .slice(1)
        .map((l) => {
          const [member_id, email] = l.split(",");
          return JSON.stringify({ member_id, email });
        })
        .join("\n");
      writeFileSync(join(s.dir, "m.jsonl"), jsonl);
      const j = await s.finished(
        await s.call("/v1/uploads/scans?sample=3", { as: "dpo", ...upload(jsonl, "application/x-ndjson") }),
      );
      const cliJ = jikimi(["scan", join(s.dir, "m.jsonl"), "--sample", "3", "--format", "json"]);
      expect(j.result).toEqual({ ...JSON.parse(cliJ.stdout), file: "upload.jsonl" });
    } finally {
      await s.session.close();
    }
  });

  it("measures risk over the named quasi-identifiers as `jikimi risk --format json` does", async () => {
    const s = await analysisServer();
    try {
      const text = readFileSync(s.members, "utf8");
      const job = await s.finished(
        await s.call("/v1/uploads/risk?quasi_identifiers=birth_date,points&name=m.csv", {
          as: "dpo",
          ...upload(text),
        }),
      );
      expect(job.state).toBe("done");
      const cli = jikimi(["risk", s.members, "--qi", "birth_date,points", "--format", "json"]);
      expect(job.result).toEqual({ ...JSON.parse(cli.stdout), file: "m.csv" });
      const out = JSON.stringify(job.result);
      for (const v of valuesOf(text)) expect(out).not.toContain(v);

      // a column the file lacks fails the job with the library's code, naming the upload, not a server path
      const bad = await s.finished(
        await s.call("/v1/uploads/risk?quasi_identifiers=nope", { as: "dpo", ...upload(text) }),
      );
      const cliBad = jikimi(["risk", s.members, "--qi", "nope", "--format", "json"]);
      expect(cliBad.status).toBe(2);
      expect(bad.state).toBe("failed");
      expect(bad.error?.code).toBe((JSON.parse(cliBad.stdout) as { error: { code: string } }).error.code);
      expect(JSON.stringify(bad.error)).not.toContain(".jikimi");
      expect(tmpUploads(s.root)).toEqual([]);

      const noQi = await s.call("/v1/uploads/risk", { as: "dpo", ...upload(text) });
      expect(noQi.status).toBe(400);
    } finally {
      await s.session.close();
    }
  });

  it("refuses an upload declared over the cap with 413, and an empty one with 400, keeping no file", async () => {
    const s = await analysisServer();
    try {
      const big = await s.call("/v1/uploads/scans", {
        as: "dpo",
        method: "POST",
        body: "a,b\n1,2\n",
        headers: { "content-type": "text/csv", "content-length": String(11 * 1024 ** 3) },
      });
      expect(big.status).toBe(413);
      expect(((await big.json()) as { error: { code: string } }).error.code).toBe("body_too_large");
      const empty = await s.call("/v1/uploads/scans", { as: "dpo", ...upload("") });
      expect(empty.status).toBe(400);
      expect(tmpUploads(s.root)).toEqual([]);
    } finally {
      await s.session.close();
    }
  });
});

describe("an upload's temporary file", () => {
  /** A request whose body streams `chunks` with no Content-Length, as a chunked upload does. */
  const streamed = (chunks: string[]) =>
    new Request("http://x/v1/uploads/scans", {
      method: "POST",
      body: new ReadableStream<Uint8Array>({
        start(controller) {
          for (const c of chunks) controller.enqueue(new TextEncoder().encode(c));
          controller.close();
        },
      }),
      duplex: "half",
    } as RequestInit);

  it("is written 0600 in a 0700 .jikimi/tmp, and a stream over the cap stops with body_too_large and no file", async () => {
    const s = await analysisServer();
    try {
      const up = await writeUpload(s.root, streamed(["a,b\n", "1,2\n"]), ".csv", 100);
      expect(readFileSync(up.path, "utf8")).toBe("a,b\n1,2\n");
      expect(statSync(up.path).mode & 0o777).toBe(0o600);
      expect(statSync(join(s.root, ".jikimi", "tmp")).mode & 0o777).toBe(0o700);
      up.remove();
      await expect(
        writeUpload(s.root, streamed(["x".repeat(60), "y".repeat(60)]), ".csv", 100),
      ).rejects.toMatchObject({ code: "body_too_large" });
      expect(tmpUploads(s.root)).toEqual([]);
    } finally {
      await s.session.close();
    }
  });
});

describe("link on server-side paths", () => {
  it("links two files under an input root as `jikimi link --format json` does", async () => {
    const s = await analysisServer();
    try {
      const text = readFileSync(s.members, "utf8");
      const left = join(s.data, "a.csv");
      const right = join(s.data, "b.csv");
      writeFileSync(left, text);
      const rows = text.trim().split("\n");
      writeFileSync(
        right,
        `${["member_id,score", ...rows.slice(1, 7).map((l, i) => `${l.split(",")[0]},${i * 7}`)].join("\n")}\n`,
      );
      const job = await s.finished(
        await s.call("/v1/links", {
          as: "operator",
          ...post({ left_path: "data/a.csv", right_path: right }),
        }),
        "operator",
      );
      expect(job.state).toBe("done");
      const cli = jikimi(["link", left, right, "--format", "json"]);
      expect(job.result).toEqual(JSON.parse(cli.stdout));
      const out = JSON.stringify(job.result);
      for (const v of valuesOf(text)) expect(out).not.toContain(v);
    } finally {
      await s.session.close();
    }
  });

  it("refuses a path outside the roots, a symlink out of them and .. with 403, and a missing file with 404", async () => {
    const s = await analysisServer();
    try {
      writeFileSync(join(s.data, "ok.csv"), readFileSync(s.members));
      symlinkSync(s.members, join(s.data, "escape.csv"));
      const refused = [
        s.members,
        "sample/members.csv",
        "data/../sample/members.csv",
        "data/escape.csv",
        "/etc/passwd",
      ];
      for (const path of refused) {
        const res = await s.call("/v1/links", {
          as: "dpo",
          ...post({ left_path: "data/ok.csv", right_path: path }),
        });
        expect(`${path} ${res.status}`).toBe(`${path} 403`);
        const body = (await res.json()) as { error: { code: string; message: string } };
        expect(body.error.code).toBe("path_not_allowed");
      }
      const missing = await s.call("/v1/links", {
        as: "dpo",
        ...post({ left_path: "data/ok.csv", right_path: "data/none.csv" }),
      });
      expect(missing.status).toBe(404);
      // a missing file outside the roots answers as any path outside them: nothing is learnt about the disk
      const outside = await s.call("/v1/links", {
        as: "dpo",
        ...post({ left_path: "data/ok.csv", right_path: "/nonexistent/x.csv" }),
      });
      expect(outside.status).toBe(403);
    } finally {
      await s.session.close();
    }
  });
});

describe("roles of the analysis routes", () => {
  it("answers operator and dpo with 202 and refuses the others with 403", async () => {
    const s = await analysisServer();
    try {
      writeFileSync(join(s.data, "ok.csv"), readFileSync(s.members));
      const text = readFileSync(s.members, "utf8");
      const table: [string, () => RequestInit][] = [
        ["/v1/uploads/scans", () => upload(text)],
        ["/v1/uploads/risk?quasi_identifiers=birth_date", () => upload(text)],
        ["/v1/links", () => post({ left_path: "data/ok.csv", right_path: "data/ok.csv" })],
      ];
      for (const [path, init] of table)
        for (const role of TOKEN_ROLES) {
          const res = await s.call(path, { ...init(), as: role });
          const want = role === "operator" || role === "dpo" ? "202" : "403";
          expect(`${path} ${role} ${res.status}`).toBe(`${path} ${role} ${want}`);
          if (res.status === 202) await s.jobs.settled(((await res.json()) as JobView).id);
        }
      expect(tmpUploads(s.root)).toEqual([]);
    } finally {
      await s.session.close();
    }
  });
});
