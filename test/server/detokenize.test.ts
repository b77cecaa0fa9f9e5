// POST /v1/detokenize: the controller opens tokens a real release put out, every call is recorded in the access log
// (a hash chain that verifies) before the answer, neither tokens nor values reach the request log, bad input is
// refused clearly, and no other role may call it.
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { folderSink } from "../../src/io/folder-sink.js";
import { fileSource } from "../../src/io/record-source.js";
import { verifyAccessLog } from "../../src/public/server.js";
import { serverWorkspace, TOKEN_ROLES } from "../support/server.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const AT = new Date("2026-06-01T02:00:00Z");
const AGREEMENT = "newsletter-mailing";
const post = (body: unknown) => ({
  method: "POST",
  body: JSON.stringify(body),
  headers: { "content-type": "application/json" },
});

/** A server over examples/minimal after one real release; the released tokens and the values they stand for. */
async function released() {
  const s = await serverWorkspace(dirs);
  const out = join(s.dir, "out");
  mkdirSync(out);
  const members = join(s.root, "sample", "members.csv");
  await s.session.share({
    agreement: AGREEMENT,
    source: fileSource(members),
    sink: folderSink(out, s.root),
    at: AT,
    now: AT,
    operator: "test",
  });
  const file = readdirSync(out).find((f) => f.endsWith(".csv")) as string;
  const [header, ...rows] = readFileSync(join(out, file), "utf8").trim().split("\n");
  const column = header?.split(",").indexOf("member_id") ?? -1;
  const tokens = rows.map((r) => r.split(",")[column] as string);
  // the released rows are in the input's order: the subscribers' member ids
  const ids = readFileSync(members, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .filter((l) => l.endsWith(",true"))
    .map((l) => l.split(",")[0] as string);
  return { ...s, tokens, ids };
}

describe("detokenize over the API", () => {
  it("opens released tokens for the controller, records the call first, and logs neither tokens nor values", async () => {
    const s = await released();
    try {
      expect(s.tokens.length).toBeGreaterThan(1);
      expect(s.tokens).not.toEqual(s.ids);
      const res = await s.call("/v1/detokenize", {
        as: "controller",
        ...post({ agreement: AGREEMENT, field: "member_id", tokens: s.tokens }),
      });
      expect(res.status).toBe(200);
      const { values } = (await res.json()) as { values: string[] };
      expect(values).toEqual(s.ids);
      // the library opens them alike
      const open = s.session.detokenizer(AGREEMENT, "member_id");
      expect(values).toEqual(s.tokens.map(open));

      const events = await s.session.store.accessLog.list({ after: 0, limit: 10 });
      expect(events).toHaveLength(1);
      const [event] = events;
      expect(event).toMatchObject({
        action: "detokenize",
        role: "controller",
        agreement: AGREEMENT,
        field: "member_id",
      });
      expect(event?.count).toBe(s.tokens.length);
      const controller = (await s.session.store.tokens.list()).find((t) => t.role === "controller");
      expect(event?.actor).toBe(controller?.id);
      expect(verifyAccessLog(events)).toBeUndefined();

      const log = s.lines.join("");
      expect(log).toContain('"route":"/v1/detokenize"');
      for (const text of [...s.tokens, ...s.ids]) expect(log).not.toContain(text);
    } finally {
      await s.session.close();
    }
  });

  it("refuses a bad token, a field that is no token, an unknown agreement and too many tokens, opening nothing", async () => {
    const s = await released();
    try {
      const call = (body: unknown) => s.call("/v1/detokenize", { as: "controller", ...post(body) });
      const bad = await call({
        agreement: AGREEMENT,
        field: "member_id",
        tokens: [s.tokens[0], "tk_not-a-token"],
      });
      expect(bad.status).toBe(400);
      const badBody = (await bad.json()) as { error: { code: string; message: string } };
      expect(badBody.error.code).toBe("bad_token");
      expect(badBody.error.message).not.toContain("tk_not-a-token");
      expect(JSON.stringify(badBody)).not.toContain(s.ids[0] as string);

      const email = await call({ agreement: AGREEMENT, field: "email", tokens: [s.tokens[0]] });
      expect(((await email.json()) as { error: { code: string } }).error.code).toBe("not_a_token_field");
      const unknown = await call({ agreement: "no-such", field: "member_id", tokens: [s.tokens[0]] });
      expect(unknown.status).toBe(404);
      const many = await call({ agreement: AGREEMENT, field: "member_id", tokens: Array(10_001).fill("x") });
      expect(many.status).toBe(400);
      expect(((await many.json()) as { error: { code: string } }).error.code).toBe("invalid_request");
      expect(await s.session.store.accessLog.list({ after: 0, limit: 10 })).toHaveLength(0);
    } finally {
      await s.session.close();
    }
  });

  it("answers no value when the access log cannot record the call", async () => {
    const s = await released();
    try {
      const log = s.session.store.accessLog;
      const append = log.append.bind(log);
      log.append = () => Promise.reject(new Error("store down"));
      const res = await s.call("/v1/detokenize", {
        as: "controller",
        ...post({ agreement: AGREEMENT, field: "member_id", tokens: s.tokens }),
      });
      expect(res.status).toBeGreaterThanOrEqual(500);
      const text = await res.text();
      for (const id of s.ids) expect(text).not.toContain(id);
      log.append = append;
      expect(await log.list({ after: 0, limit: 10 })).toHaveLength(0);
    } finally {
      await s.session.close();
    }
  });

  it("is for the controller only: every other role gets 403", async () => {
    const s = await released();
    try {
      for (const role of TOKEN_ROLES) {
        const res = await s.call("/v1/detokenize", {
          as: role,
          ...post({ agreement: AGREEMENT, field: "member_id", tokens: [s.tokens[0]] }),
        });
        expect(`${role} ${res.status}`).toBe(`${role} ${role === "controller" ? 200 : 403}`);
      }
      expect(await s.session.store.accessLog.list({ after: 0, limit: 10 })).toHaveLength(1);
    } finally {
      await s.session.close();
    }
  });
});
