// the role matrix: every route of the API against every role, allowed or refused as this table says. The table is
// the contract (issue 13); the OpenAPI document must carry the same roles, and each request is sent for real: an
// allowed role never gets 401/403 (it may get 400 or 404 for the placeholder input), a refused one gets 403.
import { rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import type { Role } from "../../src/public/server.js";
import { serverWorkspace } from "../support/server.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const ALL: Role[] = ["operator", "dpo", "regulator", "controller", "subject"];
const READERS: Role[] = ["operator", "dpo", "regulator"];

/** "method path" -> the roles allowed. */
const MATRIX: Record<string, Role[]> = {
  "get /v1/whoami": ALL,
  "get /v1/jobs/{id}": ALL,
  "get /v1/workspace": READERS,
  "post /v1/checks": ["operator", "dpo"],
  "get /v1/checks/latest": READERS,
  "get /v1/agreements": READERS,
  "get /v1/agreements/{id}": READERS,
  "get /v1/agreements/{id}/history": READERS,
  "post /v1/agreements/{id}/releases": ["operator", "controller"],
  "post /v1/uploads/releases/{agreement}": ["operator", "controller"],
  "get /v1/jobs/{id}/output": ["operator", "controller"],
  "get /v1/releases": READERS,
  "get /v1/releases/{seq}": READERS,
  "get /v1/proofs/inclusion": READERS,
  "get /v1/proofs/consistency": READERS,
  "get /v1/checkpoint": READERS,
  "get /v1/tiles/{path}": ["dpo", "regulator"],
  "get /v1/ledger/checkpoint": READERS,
  "get /v1/ledger/monitor": READERS,
  "post /v1/ledger/verify": READERS,
  "get /v1/ledger/vkey": READERS,
  "get /v1/ledger/tiles.tar": ["dpo", "regulator"],
  "get /v1/subjects/me/history": ["subject"],
  "get /v1/subjects/me/receipts": ["subject"],
  "post /v1/subjects/history": ["dpo"],
  "post /v1/consent/grants": ["operator"],
  "post /v1/consent/withdrawals": ["operator"],
  "post /v1/consent/status": ["operator", "dpo"],
  // the consent page's figures: never the regulator (issue 15: "a regulator cannot see ... consent pages")
  "get /v1/consent/summary": ["operator", "dpo"],
  "post /v1/uploads/consent": ["operator"],
  "post /v1/uploads/scans": ["operator", "dpo"],
  "post /v1/uploads/risk": ["operator", "dpo"],
  "post /v1/links": ["operator", "dpo"],
  "post /v1/detokenize": ["controller"],
  "get /v1/access-log": ["dpo"],
  "get /v1/reports/inspection": ["operator", "dpo", "regulator"],
  "get /v1/reports/records-of-processing": ["dpo", "regulator"],
  "get /v1/reports/privacy-policy": ["dpo", "regulator"],
  "get /v1/reports/dpia/{agreement}": ["dpo", "regulator"],
  "get /v1/subjects/me/statement": ["subject"],
  "post /v1/subjects/statement": ["dpo"],
};

/** A concrete path for a templated one: placeholders no route will find. */
const concrete = (path: string) =>
  path
    .replace("{id}", "0".repeat(24))
    .replace("{agreement}", "no-such-agreement")
    .replace("{seq}", "0")
    .replace("{path}", "tile/0/000");

describe("the role matrix", () => {
  it("the OpenAPI document gives every route exactly the roles of the table", async () => {
    const s = await serverWorkspace(dirs);
    try {
      const doc = (await (await s.app.request("/openapi.json")).json()) as {
        paths: Record<string, Record<string, { "x-jikimi-roles"?: Role[] }>>;
      };
      const documented: Record<string, Role[]> = {};
      for (const [path, ops] of Object.entries(doc.paths))
        for (const [method, op] of Object.entries(ops))
          if (path.startsWith("/v1/"))
            documented[`${method} ${path}`] = [...(op["x-jikimi-roles"] ?? [])].sort();
      const expected = Object.fromEntries(Object.entries(MATRIX).map(([k, v]) => [k, [...v].sort()]));
      expect(documented).toEqual(expected);
    } finally {
      await s.session.close();
    }
  });

  it("every route answers every role as the table says", async () => {
    const s = await serverWorkspace(dirs);
    try {
      const subject = await s.subjectToken("C-0000001");
      const failures: string[] = [];
      for (const [route, allowed] of Object.entries(MATRIX)) {
        const [method, path] = route.split(" ") as [string, string];
        for (const role of ALL) {
          const res = await s.call(concrete(path), {
            method: method.toUpperCase(),
            as: role === "subject" ? { bearer: subject } : role,
            ...(method === "post" ? { body: "{}", headers: { "content-type": "application/json" } } : {}),
          });
          const ok = allowed.includes(role);
          if (ok ? res.status === 401 || res.status === 403 : res.status !== 403)
            failures.push(`${route} as ${role}: ${res.status} (${ok ? "allowed" : "refused"} by the table)`);
        }
      }
      expect(failures).toEqual([]);
    } finally {
      await s.session.close();
    }
  });
});
