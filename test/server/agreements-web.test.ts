// GET /v1/agreements/{id}/history over the minimal example released twice under version 1 and once under a
// version 2 that changes a transform and drops a field: the versions and their diff from the proven bodies, the
// volumes against the declared limits, and the refusals.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { folderSink } from "../../src/io/folder-sink.js";
import { fileSource } from "../../src/io/record-source.js";
import type { ReleaseBody } from "../../src/ledger/entry.js";
import type { AgreementHistory } from "../../src/server/routes/agreements-web.js";
import type { WebAgreementHistory } from "../../web/src/types.js";
import { serverWorkspace, twoReleases } from "../support/server.js";

type Server = Awaited<ReturnType<typeof serverWorkspace>>;
const dirs: string[] = [];
let s: Server;
const PATH = "/v1/agreements/newsletter-mailing/history";

beforeAll(async () => {
  s = await serverWorkspace(dirs, { example: "minimal" });
  await twoReleases(s);
  const file = join(s.root, "agreements", "newsletter-mailing.yaml");
  writeFileSync(
    file,
    readFileSync(file, "utf8")
      .replace("version: 1 ", "version: 2 ")
      .replace("member_id: { transform: token }", "member_id: pseudonym")
      .replace("  email: keep # the mailer needs the address itself\n", ""),
  );
  const at = new Date("2026-06-03T02:00:00Z");
  const r = await s.session.share({
    agreement: "newsletter-mailing",
    source: fileSource(join(s.root, "sample", "members.csv")),
    sink: folderSink(join(s.dir, "out"), s.root),
    at,
    now: at,
    operator: "test",
  });
  if (r.held.length > 0) throw new Error(`the version 2 release was held: ${r.held.join("; ")}`);
}, 120_000);

afterAll(async () => {
  await s?.session.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;

describe("GET /v1/agreements/{id}/history", () => {
  it("groups the proven bodies by version and diffs the last two", async () => {
    const bodies = (await s.session.ledger().entries({ limit: 1000 }))
      .map((e) => e.body as ReleaseBody)
      .reverse();
    const res = await s.call(PATH, { as: "operator" });
    expect(res.status).toBe(200);
    const h = await json<AgreementHistory>(res);
    expect(h.verification.ok).toBe(true);
    expect(h.versions.map((v) => [v.version, v.releases])).toEqual([
      [1, 2],
      [2, 1],
    ]);
    expect(h.versions[0]?.first.released_at).toBe(bodies[0]?.released_at);
    expect(h.versions[0]?.last.released_at).toBe(bodies[1]?.released_at);
    expect(h.versions[1]?.digest).toBe(bodies[2]?.agreement.digest);
    expect(h.diff).toMatchObject({
      from: { version: 1 },
      to: { version: 2 },
      fields_added: [],
      fields_removed: [{ name: "email", transform: "keep" }],
      transforms_changed: [{ field: "member_id", from: "token", to: "pseudonym" }],
      purposes_added: [],
      legal_basis: null,
      recipient: null,
    });
    // the declaration now is the released version 2, in force today
    expect(h.declaration).toMatchObject({
      version: 2,
      released: true,
      recipient: { id: "mailer", country: "KR" },
      valid: { from: "2025-01-01", until: "2035-12-31" },
    });
    expect(h.declaration?.fields.map((f) => f.name)).toEqual(["member_id"]);
  });

  it("diffs the two versions asked for, either way round, and refuses one never released", async () => {
    const all = await json<AgreementHistory>(await s.call(PATH, { as: "dpo" }));
    const [a, b] = all.versions;
    const back = await json<AgreementHistory>(
      await s.call(`${PATH}?from=${b?.digest}&to=${a?.digest}`, { as: "regulator" }),
    );
    expect(back.diff?.fields_added).toEqual([{ name: "email", transform: "keep" }]);
    expect(back.diff?.transforms_changed).toEqual([{ field: "member_id", from: "pseudonym", to: "token" }]);
    const bad = await s.call(`${PATH}?from=${"0".repeat(64)}`, { as: "dpo" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).not.toContain("0".repeat(64));
  });

  it("measures the released volumes against the declared limits", async () => {
    const h = await json<AgreementHistory>(await s.call(PATH, { as: "dpo" }));
    const people = h.volume.releases.map((r) => r.people);
    expect(h.volume.limits).toEqual({ max_subjects: 100000, max_growth: 0.2, max_releases_per_day: 1 });
    expect(h.volume.actual.largest?.value).toBe(Math.max(...people));
    expect(h.volume.actual.latest).toMatchObject({ value: people.at(-1), within: true });
    expect(h.volume.actual.busiest_day).toMatchObject({ value: 1, limit: 1, within: true });
    expect(h.volume.actual.growth?.within).toBe(true);
  });

  it("answers 404 for an unknown agreement, 403 to other roles", async () => {
    expect((await s.call("/v1/agreements/no-such/history", { as: "dpo" })).status).toBe(404);
    expect((await s.call(PATH, { as: "controller" })).status).toBe(403);
  });

  it("is what the dashboard reads", () => {
    expectTypeOf<AgreementHistory>().toExtend<WebAgreementHistory>();
  });
});
