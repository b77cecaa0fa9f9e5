// the workspace, check and agreement routes: a check answers what `jikimi check --format json` prints (and is
// recorded), the latest run comes back as JSON and as valid SARIF equal to the CLI's, agreements show their fields'
// transforms and no key material, and each route answers its roles and refuses the others.
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { jikimi } from "../support/cli.js";
import { validateSarif } from "../support/sarif.js";
import { serverWorkspace, TOKEN_ROLES } from "../support/server.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const AT = "2026-06-01";
const post = (body: unknown) => ({
  method: "POST",
  body: JSON.stringify(body),
  headers: { "content-type": "application/json" },
});

describe("the workspace and check routes", () => {
  it("runs a check equal to the CLI's JSON, records it, and gives it back as JSON and as the CLI's SARIF", async () => {
    const s = await serverWorkspace(dirs, { example: "nsf-case" });
    try {
      const none = await s.call("/v1/checks/latest", { as: "dpo" });
      expect(none.status).toBe(404);
      expect(((await none.json()) as { error: { code: string } }).error.code).toBe("no_check_run");

      const res = await s.call("/v1/checks", { as: "dpo", ...post({ at: AT }) });
      expect(res.status).toBe(200);
      const body = (await res.json()) as Record<string, unknown> & { summary: { errors: number } };
      const cli = jikimi(["check", "--format", "json", "--no-record", "--at", AT, "-w", s.root], {
        env: s.env,
      });
      expect(cli.stderr).toBe("");
      const { digest, ...report } = body;
      expect(report).toEqual(JSON.parse(cli.stdout));
      // the example has findings, so the comparison is not between two empty lists
      expect(body.summary.errors).toBeGreaterThan(0);
      const fresh = await s.session.check(AT, { record: false });
      expect(fresh.loaded && digest).toBe(fresh.loaded ? fresh.digest : "");

      const [run] = await s.session.store.checkRuns.last(1);
      expect(run?.checkedFor).toBe(AT);
      expect(run?.workspaceDigest).toBe(digest);

      const latest = await s.call("/v1/checks/latest", { as: "regulator" });
      expect(latest.status).toBe(200);
      const { run: meta, ...rest } = (await latest.json()) as Record<string, unknown>;
      expect(rest).toEqual(body);
      expect(meta).toMatchObject({ id: run?.id, started_at: run?.startedAt });

      const sarif = await s.call("/v1/checks/latest?format=sarif", { as: "dpo" });
      expect(sarif.status).toBe(200);
      expect(sarif.headers.get("content-type")).toContain("application/sarif+json");
      const log = await sarif.json();
      expect(validateSarif(log), JSON.stringify(validateSarif.errors?.slice(0, 3))).toBe(true);
      const cliSarif = jikimi(["check", "--format", "sarif", "--no-record", "--at", AT, "-w", s.root], {
        env: s.env,
      });
      expect(log).toEqual(JSON.parse(cliSarif.stdout));
    } finally {
      await s.session.close();
    }
  });

  it("refuses a check of a broken workspace with its issues as the CLI lists them, and records nothing", async () => {
    const s = await serverWorkspace(dirs);
    try {
      writeFileSync(join(s.root, "recipients", "mailer.yaml"), "id: [unclosed\n");
      const res = await s.call("/v1/checks", { as: "operator", ...post({ at: AT }) });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string }; issues: unknown[] };
      expect(body.error.code).toBe("workspace_invalid");
      const cli = jikimi(["check", "--format", "json", "--no-record", "--at", AT, "-w", s.root], {
        env: s.env,
      });
      expect(cli.status).toBe(2);
      expect(body.issues).toEqual((JSON.parse(cli.stdout) as { issues: unknown[] }).issues);
      expect(await s.session.store.checkRuns.last(1)).toHaveLength(0);
      const summary = (await (await s.call("/v1/workspace", { as: "dpo" })).json()) as Record<
        string,
        unknown
      >;
      expect(summary).toMatchObject({ agreements: null, declarations_valid: false });
    } finally {
      await s.session.close();
    }
  });

  it("refuses a day that is not YYYY-MM-DD with 400 invalid_request", async () => {
    const s = await serverWorkspace(dirs);
    try {
      const res = await s.call("/v1/checks", { as: "dpo", ...post({ at: "yesterday" }) });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_request");
    } finally {
      await s.session.close();
    }
  });

  it("summarises the workspace from its settings, declarations, store and ledger", async () => {
    const s = await serverWorkspace(dirs);
    try {
      await s.call("/v1/checks", { as: "dpo", ...post({ at: AT }) });
      const res = await s.call("/v1/workspace", { as: "regulator" });
      expect(res.status).toBe(200);
      const [run] = await s.session.store.checkRuns.last(1);
      expect(await res.json()).toEqual({
        controller: s.session.settings.log,
        origin: s.session.origin,
        agreements: s.session.declarations().workspace.agreements.size,
        declarations_valid: true,
        store: s.session.store.dialect,
        ledger_size: await s.session.store.ledger.read((r) => r.entryCount()),
        last_check: { checked_for: AT, errors: run?.errors, warnings: run?.warnings, gaps: run?.gaps },
      });
    } finally {
      await s.session.close();
    }
  });
});

describe("the agreement routes", () => {
  it("lists the declared agreements with each field's transform, and no key material", async () => {
    const s = await serverWorkspace(dirs, { example: "nsf-case-corrected" });
    try {
      const res = await s.call("/v1/agreements", { as: "regulator" });
      expect(res.status).toBe(200);
      const { agreements } = (await res.json()) as {
        agreements: {
          id: string;
          recipient: string;
          legal_basis: string;
          fields: { name: string; transform: string }[];
        }[];
      };
      const declared = s.session.declarations().workspace.agreements;
      expect(agreements.map((a) => a.id)).toEqual([...declared.keys()].sort());
      for (const a of agreements) {
        const d = declared.get(a.id)?.value;
        expect(a.recipient).toBe(d?.recipient);
        expect(a.legal_basis).toBe(d?.legal_basis);
        expect(a.fields).toEqual(
          Object.entries(d?.fields ?? {}).map(([name, f]) => ({ name, transform: f.transform.name })),
        );
      }
      // no key of the keyring appears in any answer
      const ring = JSON.stringify(agreements);
      const secrets = s.session.keyring.file.keys.flatMap((k) =>
        "secret" in k && k.secret ? [k.secret] : [],
      );
      expect(secrets.length).toBeGreaterThan(0);
      for (const secret of secrets) expect(ring).not.toContain(secret);

      const one = declared.keys().next().value as string;
      const detail = await s.call(`/v1/agreements/${encodeURIComponent(one)}`, { as: "dpo" });
      expect(detail.status).toBe(200);
      const body = (await detail.json()) as { id: string; file: string; valid: { from: string } };
      expect(body.id).toBe(one);
      expect(body.file).toMatch(/^agreements\//);
      expect(body.valid.from).toBe(declared.get(one)?.value.valid.from);

      const missing = await s.call("/v1/agreements/no-such-thing", { as: "dpo" });
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("unknown_agreement");
    } finally {
      await s.session.close();
    }
  });
});

describe("the OpenAPI document", () => {
  it("names each of these routes with the roles the plan gives it", async () => {
    const s = await serverWorkspace(dirs);
    try {
      const doc = (await (await s.app.request("/openapi.json")).json()) as {
        paths: Record<string, Record<string, { "x-jikimi-roles"?: string[] }>>;
      };
      const plan: [string, string, string[]][] = [
        ["get", "/v1/workspace", ["operator", "dpo", "regulator"]],
        ["post", "/v1/checks", ["operator", "dpo"]],
        ["get", "/v1/checks/latest", ["operator", "dpo", "regulator"]],
        ["get", "/v1/agreements", ["operator", "dpo", "regulator"]],
        ["get", "/v1/agreements/{id}", ["operator", "dpo", "regulator"]],
        ["post", "/v1/consent/grants", ["operator"]],
        ["post", "/v1/consent/withdrawals", ["operator"]],
        ["post", "/v1/consent/status", ["operator", "dpo"]],
        ["post", "/v1/uploads/consent", ["operator"]],
        ["post", "/v1/uploads/scans", ["operator", "dpo"]],
        ["post", "/v1/uploads/risk", ["operator", "dpo"]],
        ["post", "/v1/links", ["operator", "dpo"]],
        ["post", "/v1/detokenize", ["controller"]],
      ];
      for (const [method, path, roles] of plan)
        expect(`${method} ${path} ${doc.paths[path]?.[method]?.["x-jikimi-roles"]?.join(",")}`).toBe(
          `${method} ${path} ${roles.join(",")}`,
        );
    } finally {
      await s.session.close();
    }
  });
});

describe("roles of the workspace routes", () => {
  const table: [string, string, RequestInit, readonly string[]][] = [
    ["GET", "/v1/workspace", {}, ["operator", "dpo", "regulator"]],
    ["POST", "/v1/checks", post({ at: AT }), ["operator", "dpo"]],
    ["GET", "/v1/checks/latest", {}, ["operator", "dpo", "regulator"]],
    ["GET", "/v1/agreements", {}, ["operator", "dpo", "regulator"]],
    ["GET", "/v1/agreements/newsletter-mailing", {}, ["operator", "dpo", "regulator"]],
  ];
  it("answers each allowed role with 2xx and refuses the others with 403", async () => {
    const s = await serverWorkspace(dirs);
    try {
      await s.session.check(AT);
      for (const [method, path, init, allowed] of table)
        for (const role of TOKEN_ROLES) {
          const res = await s.call(path, { ...init, method, as: role });
          const expected = allowed.includes(role) ? "2xx" : 403;
          expect(
            `${method} ${path} ${role} ${res.status >= 200 && res.status < 300 ? "2xx" : res.status}`,
          ).toBe(`${method} ${path} ${role} ${expected}`);
        }
    } finally {
      await s.session.close();
    }
  });
});
