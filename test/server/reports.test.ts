// the reports over HTTP: the inspection report's figures are the ledger's, in the language asked for; a person's
// statement lists exactly the releases `ledger subject` lists, is recorded in the access log under the subject's
// hash, never names the person, and reads the same for an unknown subject as for one never released.
import { appendFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dpia } from "../../src/app/reports.js";
import { JikimiError } from "../../src/errors.js";
import type { ReleaseBody } from "../../src/ledger/entry.js";
import { serverWorkspace, twoReleases } from "../support/server.js";

type Server = Awaited<ReturnType<typeof serverWorkspace>>;
const dirs: string[] = [];
let s: Server;
let released: string;
let known: string;

beforeAll(async () => {
  s = await serverWorkspace(dirs, { example: "minimal" });
  // the DPIA measures a release file over the declared quasi-identifiers (no limit: nothing is held)
  appendFileSync(
    join(s.root, "agreements", "newsletter-mailing.yaml"),
    "risk:\n  quasi_identifiers: [email]\n",
  );
  ({ released, known } = await twoReleases(s));
}, 120_000);

afterAll(async () => {
  await s?.session.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;

describe("GET /v1/reports/inspection", () => {
  it("gives the stored releases' own figures, verified, to a DPO and a regulator", async () => {
    const bodies = (await s.session.ledger().entries({ limit: 1000 }))
      .map((e) => e.body as ReleaseBody)
      .reverse();
    for (const role of ["dpo", "regulator"] as const) {
      const res = await s.call("/v1/reports/inspection", { as: role });
      expect(res.status).toBe(200);
      const data = await json<{
        verification: { ok: boolean; size: number };
        totals: { releases: number; people: number; records: number };
        releases: { seq: number; people: number }[];
      }>(res);
      expect(data.verification).toMatchObject({ ok: true, size: bodies.length });
      expect(data.totals).toMatchObject({
        releases: bodies.length,
        people: bodies.reduce((n, b) => n + b.subjects.count, 0),
        records: bodies.reduce((n, b) => n + b.records, 0),
      });
      expect(data.releases.map((r) => [r.seq, r.people])).toEqual(
        bodies.map((b) => [b.seq, b.subjects.count]),
      );
    }
  });

  it("answers the summary without the lists, with the same figures, and only as JSON", async () => {
    const full = await json<Record<string, unknown>>(await s.call("/v1/reports/inspection", { as: "dpo" }));
    const res = await s.call("/v1/reports/inspection?parts=summary", { as: "dpo" });
    expect(res.status).toBe(200);
    const summary = await json<Record<string, unknown>>(res);
    const { releases: _r, anomalies: _a, ...rest } = full;
    expect({ ...summary, generated_at: null }).toEqual({ ...rest, generated_at: null });
    expect(Object.keys(summary)).not.toContain("releases");
    const html = await s.call("/v1/reports/inspection?parts=summary&format=html", { as: "dpo" });
    expect(html.status).toBe(400);
    expect(((await html.json()) as { error: { code: string } }).error.code).toBe("invalid_request");
  });

  it("gzips a read's JSON for a client that takes it (the same figures inflated), never a POST's answer", async () => {
    const plain = await json<Record<string, unknown>>(await s.call("/v1/reports/inspection", { as: "dpo" }));
    const res = await s.call("/v1/reports/inspection", { as: "dpo", headers: { "accept-encoding": "gzip" } });
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect(res.headers.get("vary")).toMatch(/Accept-Encoding/);
    const inflated = JSON.parse(gunzipSync(Buffer.from(await res.arrayBuffer())).toString("utf8"));
    expect({ ...inflated, generated_at: null }).toEqual({ ...plain, generated_at: null });
    const posted = await s.call("/v1/subjects/statement", {
      as: "dpo",
      method: "POST",
      headers: { "accept-encoding": "gzip", "content-type": "application/json" },
      body: JSON.stringify({ subject_key: known }),
    });
    expect(posted.status).toBe(200);
    expect(posted.headers.get("content-encoding")).toBeNull();
  });

  it("renders HTML in the language of Accept-Language, or of ?lang, and filters by period", async () => {
    const ko = await s.call("/v1/reports/inspection?format=html", {
      as: "dpo",
      headers: { "accept-language": "ko" },
    });
    expect(ko.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await ko.text()).toContain("점검 보고서");
    const en = await s.call("/v1/reports/inspection?format=md&lang=en", {
      as: "dpo",
      headers: { "accept-language": "ko" },
    });
    expect(await en.text()).toContain("# Inspection report");
    const later = await json<{ releases: unknown[] }>(
      await s.call("/v1/reports/inspection?from=2026-06-02", { as: "regulator" }),
    );
    expect(later.releases).toHaveLength(1);
    const bad = await s.call("/v1/reports/inspection?country=korea", { as: "dpo" });
    expect(bad.status).toBe(400);
  });
});

describe("the reports from the declarations", () => {
  it("answer as the library computes them, in the language asked for", async () => {
    const { workspace } = s.session.declarations();
    const { policyData, ropaData } = await import("../../src/report/declarations/index.js");
    const ropaJson = await s.call("/v1/reports/records-of-processing", { as: "dpo" });
    expect(await ropaJson.json()).toEqual(JSON.parse(JSON.stringify(ropaData(workspace))));
    const policy = await s.call("/v1/reports/privacy-policy", { as: "regulator" });
    expect(policy.status).toBe(200);
    expect(await policy.json()).toEqual(JSON.parse(JSON.stringify(policyData(workspace))));
    const ropa = await s.call("/v1/reports/records-of-processing?format=md&lang=ko", { as: "dpo" });
    expect(ropa.headers.get("content-type")).toMatch(/^text\/markdown/);
    expect(await ropa.text()).toMatch(/^# /);
    const xlsx = await s.call("/v1/reports/privacy-policy?format=xlsx", { as: "dpo" });
    expect(xlsx.headers.get("content-disposition")).toBe('attachment; filename="policy.xlsx"');
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString("latin1"),
    ).toBe("PK");
  });
});

describe("the DPIA view", () => {
  it("gives every release's volume and terms, and measures the last release's file only when it is that file", async () => {
    const bodies = (await s.session.ledger().entries({ limit: 1000 }))
      .map((e) => e.body as ReleaseBody)
      .reverse();
    const res = await s.call("/v1/reports/dpia/newsletter-mailing", { as: "regulator" });
    expect(res.status).toBe(200);
    const data = await json<{
      volume: { history: { seq: number; people: number }[] };
      versions: { releases: number }[];
      changes: unknown[];
      risk: unknown;
      findings: unknown[];
    }>(res);
    expect(data.volume.history).toEqual(
      bodies.map((b) => ({
        seq: b.seq,
        released_at: b.released_at,
        people: b.subjects.count,
        records: b.records,
      })),
    );
    expect(data.versions).toHaveLength(1);
    expect(data.changes).toEqual([]);
    expect(data.risk).toBeNull();
    expect((await s.call("/v1/reports/dpia/no-such-agreement", { as: "dpo" })).status).toBe(404);

    const last = bodies.at(-1) as ReleaseBody;
    const file = join(s.dir, "out", last.files[0]?.name ?? "");
    const measured = await dpia(s.session, "newsletter-mailing", { releaseFile: file });
    // every address is unique: k is 1 and every record stands alone
    expect(measured.data.risk).toMatchObject({
      seq: last.seq,
      quasi_identifiers: ["email"],
      k: 1,
      unique_share: 1,
    });
    expect(measured.data.risk?.records).toBe(last.records);
    const other = join(s.dir, "other.csv");
    writeFileSync(other, "member_id,email\nx,y@example.com\n");
    const refused = await dpia(s.session, "newsletter-mailing", { releaseFile: other }).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(JikimiError);
    expect((refused as JikimiError).code).toBe("release_file_mismatch");
  });
});

describe("a person's statement", () => {
  it("lists exactly the releases `ledger subject` lists, records the read, and never names the person", async () => {
    const before = (await s.session.store.accessLog.list({ after: 0, limit: 100_000 })).length;
    const token = await s.subjectToken(released);
    const res = await s.call("/v1/subjects/me/statement", { as: { bearer: token } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(released);
    const data = JSON.parse(text) as { count: number; provisions: { seqs: number[]; count: number }[] };
    const history = await s.session.ledger().subjectHistory(released);
    expect(data.provisions.flatMap((p) => p.seqs)).toEqual(history.map((r) => r.seq));
    expect(data.count).toBe(history.length);
    const events = await s.session.store.accessLog.list({ after: 0, limit: 100_000 });
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({ action: "subject_statement", role: "subject" });
    const html = await (
      await s.call("/v1/subjects/me/statement?format=html&lang=ko", { as: { bearer: token } })
    ).text();
    expect(html).toContain("내 개인정보를 받은 곳");
    expect(html).not.toContain(released);
  });

  it("reads the same for a subject never released and one the ledger never saw, and a DPO can ask for one", async () => {
    const strip = (d: Record<string, unknown>): Record<string, unknown> => ({
      ...d,
      generated_at: null,
      period: null,
    });
    const of = async (key: string) =>
      strip(
        await json<Record<string, unknown>>(
          await s.call("/v1/subjects/statement", {
            as: "dpo",
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ subject_key: key }),
          }),
        ),
      );
    const never = await of(known);
    expect(never).toMatchObject({ count: 0, provisions: [] });
    expect(await of("M999999")).toEqual(never);
    expect((await of(released)).count).toBe(2);
    const refused = await s.call("/v1/subjects/me/statement", { as: "dpo" });
    expect(refused.status).toBe(403);
  });
});
