// the consent routes: a grant and a withdrawal show in the subject's status as the registry reads it, an upload is
// imported as `jikimi consent import` imports the same file and refused with the same error, no subject key comes
// back in an answer or a log line, and each route answers its roles and refuses the others.
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Jobs, type JobView } from "../../src/server/jobs.js";
import { jikimi } from "../support/cli.js";
import { serverWorkspace, TOKEN_ROLES } from "../support/server.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const PURPOSE = "nsf-provision-overseas";
const KEY = "HB9990000001";
const post = (body: unknown) => ({
  method: "POST",
  body: JSON.stringify(body),
  headers: { "content-type": "application/json" },
});
const csv = (text: string) => ({ method: "POST", body: text, headers: { "content-type": "text/csv" } });

async function consentServer() {
  const jobs = new Jobs();
  const s = await serverWorkspace(dirs, { example: "nsf-case-corrected", server: { jobs } });
  /** Waits for the job a 202 answer started; returns its final view. */
  const finished = async (res: Response, as: "operator" | "dpo" = "operator"): Promise<JobView> => {
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as JobView;
    await jobs.settled(id);
    return (await (await s.call(`/v1/jobs/${id}`, { as })).json()) as JobView;
  };
  return { ...s, jobs, finished };
}

describe("consent over the API", () => {
  it("records a grant and a withdrawal that the status and the registry show, never echoing the subject key", async () => {
    const s = await consentServer();
    try {
      const grant = await s.call("/v1/consent/grants", {
        as: "operator",
        ...post({
          subject_key: KEY,
          purpose: PURPOSE,
          source: "app-v4",
          at: "2026-01-02T03:04:05Z",
          evidence: "notice v3",
        }),
      });
      expect(grant.status).toBe(201);
      expect(await grant.json()).toEqual({
        ok: true,
        action: "grant",
        purpose: PURPOSE,
        at: "2026-01-02T03:04:05.000Z",
        source: "app-v4",
        evidence: "notice v3",
        new_subject: true,
        already_recorded: false,
      });
      const again = await s.call("/v1/consent/grants", {
        as: "operator",
        ...post({ subject_key: KEY, purpose: PURPOSE, source: "app-v4", at: "2026-01-02T03:04:05Z" }),
      });
      expect(((await again.json()) as { already_recorded: boolean }).already_recorded).toBe(true);

      const status = await s.call("/v1/consent/status", { as: "dpo", ...post({ subject_key: KEY }) });
      expect(status.status).toBe(200);
      const body = (await status.json()) as { consents: { purpose: string; state: string }[] };
      const lib = await s.session.consent().status(KEY);
      expect(body.consents).toHaveLength(lib.length);
      expect(body.consents[0]).toMatchObject({ purpose: PURPOSE, state: "granted", since: lib[0]?.since });

      const withdraw = await s.call("/v1/consent/withdrawals", {
        as: "operator",
        ...post({ subject_key: KEY, purpose: PURPOSE, at: "2026-02-01T00:00:00Z" }),
      });
      expect(withdraw.status).toBe(201);
      // without a source, the token's name is the source
      expect(((await withdraw.json()) as { source: string }).source).toBe("api:test-operator");
      const after = (await (
        await s.call("/v1/consent/status", {
          as: "operator",
          ...post({ subject_key: KEY, purpose: PURPOSE }),
        })
      ).json()) as { consents: { state: string; history: unknown[] }[] };
      expect(after.consents).toHaveLength(1);
      expect(after.consents[0]?.state).toBe("withdrawn");
      expect(after.consents[0]?.history).toHaveLength(2);
      // as it stood before the withdrawal
      const before = (await (
        await s.call("/v1/consent/status", {
          as: "dpo",
          ...post({ subject_key: KEY, at: "2026-01-15T00:00:00Z" }),
        })
      ).json()) as { consents: { state: string }[] };
      expect(before.consents[0]?.state).toBe("granted");
      const unknown = (await (
        await s.call("/v1/consent/status", { as: "dpo", ...post({ subject_key: "HB-NOBODY" }) })
      ).json()) as { consents: unknown[] };
      expect(unknown.consents).toEqual([]);

      // refusals name the fields, never the key
      const undeclared = await s.call("/v1/consent/grants", {
        as: "operator",
        ...post({ subject_key: KEY, purpose: "marketing-undeclared", source: "x" }),
      });
      expect(undeclared.status).toBe(404);
      const badAt = await s.call("/v1/consent/grants", {
        as: "operator",
        ...post({ subject_key: KEY, purpose: PURPOSE, source: "x", at: "last tuesday" }),
      });
      expect(badAt.status).toBe(400);
      const badBody = (await badAt.json()) as { error: { code: string; message: string } };
      expect(badBody.error.code).toBe("consent_input_invalid");
      expect(badBody.error.message).toContain("at");
      const undeclaredBody = (await undeclared.json()) as { error: { code: string } };
      expect(undeclaredBody.error.code).toBe("unknown_purpose");
      const texts = [JSON.stringify(undeclaredBody), JSON.stringify(badBody), s.lines.join("")];
      for (const text of texts) expect(text).not.toContain(KEY);
    } finally {
      await s.session.close();
    }
  });

  it("imports an uploaded CSV as `jikimi consent import` does, and a second upload records nothing new", async () => {
    const s = await consentServer();
    try {
      const file = join(s.root, "sample", "consents.csv");
      const text = readFileSync(file, "utf8");
      const rows = text.trim().split("\n").length - 1;
      const done = await s.finished(await s.call("/v1/uploads/consent", { as: "operator", ...csv(text) }));
      expect(done.state).toBe("done");
      expect(done.result).toMatchObject({ ok: true, format: "csv", rows, recorded: rows, skipped: 0 });
      const twice = await s.finished(await s.call("/v1/uploads/consent", { as: "operator", ...csv(text) }));
      expect(twice.result).toMatchObject({ recorded: 0, skipped: rows });
      // the registry holds what the file says for its first subject
      const first = text.split("\n")[1]?.split(",")[0] as string;
      expect((await s.session.consent().status(first))[0]).toMatchObject({
        purpose: PURPOSE,
        state: "granted",
      });
      // the CLI, importing the same file into the same workspace, finds everything recorded already
      const cli = jikimi(["consent", "import", file, "--format", "json", "-w", s.root], { env: s.env });
      expect(JSON.parse(cli.stdout)).toMatchObject({ ok: true, recorded: 0, skipped: rows });
      expect(readdirSync(join(s.root, ".jikimi", "tmp")).filter((f) => f.startsWith("upload-"))).toEqual([]);
      expect(s.lines.join("")).not.toContain(first);
    } finally {
      await s.session.close();
    }
  });

  it("refuses a malformed CSV with the CLI's error code and problems, records nothing and keeps no file", async () => {
    const s = await consentServer();
    try {
      const cases = [
        `subject,purpose,action\n${KEY},${PURPOSE},grant\n`,
        `subject,purpose,action,at,source\n${KEY},${PURPOSE},grant,not-a-time,app\n${KEY},${PURPOSE}\n`,
        `subject,purpose,action,at,source\n"${KEY},${PURPOSE},grant,2024-01-01T00:00:00Z,app\n`,
      ];
      for (const [i, text] of cases.entries()) {
        const job = await s.finished(await s.call("/v1/uploads/consent", { as: "operator", ...csv(text) }));
        const path = join(s.dir, `bad-${i}.csv`);
        writeFileSync(path, text);
        const cli = jikimi(["consent", "import", path, "--format", "json", "-w", s.root], { env: s.env });
        expect(cli.status).toBe(2);
        const error = (JSON.parse(cli.stdout) as { error: { code: string; problems: { message: string }[] } })
          .error;
        expect(job.state).toBe("failed");
        expect(job.error?.code).toBe(error.code);
        for (const p of error.problems) expect(job.error?.message).toContain(p.message);
        expect(job.error?.message).not.toContain(KEY);
        expect(job.error?.message).not.toContain(".jikimi");
      }
      expect(await s.session.consent().status(KEY)).toEqual([]);
      expect(readdirSync(join(s.root, ".jikimi", "tmp")).filter((f) => f.startsWith("upload-"))).toEqual([]);
      const empty = await s.call("/v1/uploads/consent", { as: "operator", ...csv("") });
      expect(empty.status).toBe(400);
    } finally {
      await s.session.close();
    }
  });
});

describe("roles of the consent routes", () => {
  it("answers each allowed role with 2xx and refuses the others with 403", async () => {
    const s = await consentServer();
    try {
      const event = { subject_key: KEY, purpose: PURPOSE, source: "app", at: "2025-01-01T00:00:00Z" };
      const table: [string, () => RequestInit, readonly string[]][] = [
        ["/v1/consent/grants", () => post(event), ["operator"]],
        ["/v1/consent/withdrawals", () => post(event), ["operator"]],
        ["/v1/consent/status", () => post({ subject_key: KEY }), ["operator", "dpo"]],
        [
          "/v1/uploads/consent",
          () => csv(`subject,purpose,action,at,source\n${KEY},${PURPOSE},grant,2025-01-01T00:00:00Z,app\n`),
          ["operator"],
        ],
      ];
      for (const [path, init, allowed] of table)
        for (const role of TOKEN_ROLES) {
          const res = await s.call(path, { ...init(), as: role });
          const got = res.status >= 200 && res.status < 300 ? "2xx" : String(res.status);
          expect(`${path} ${role} ${got}`).toBe(`${path} ${role} ${allowed.includes(role) ? "2xx" : "403"}`);
          if (res.status === 202) await s.jobs.settled(((await res.json()) as JobView).id);
        }
    } finally {
      await s.session.close();
    }
  });
});
