// the DPIA view's figures from release bodies: volume per release, versions grouped by number and digest, and what
// changed from one version to the next (fields, transforms, purposes, basis, recipient), in both languages.
import { describe, expect, it } from "vitest";
import { withLanguage } from "../../i18n/index.js";
import type { ReleaseBody } from "../../ledger/entry.js";
import { renderMarkdown } from "../document/markdown.js";
import { dpiaData, dpiaDocument } from "./dpia.js";

const VERIFIED = {
  origin: "log",
  size: 4,
  root: "0".repeat(64),
  signed_by: ["log"],
  cosigned_by: [],
  ok: true,
  pruned: 0,
};

/** A release body of `agreement` version `version` with `fields` ({name: transform}) and `people`. */
function body(
  seq: number,
  version: number,
  fields: Record<string, string>,
  people: number,
  extra: Partial<ReleaseBody> = {},
) {
  return {
    format: "jikimi-ledger-entry/2",
    kind: "release",
    seq,
    released_at: `2026-11-0${seq + 1}T02:00:00.000Z`,
    recorded_at: `2026-11-0${seq + 1}T03:00:00.000Z`,
    agreement: { id: "feed", version, digest: String(version).repeat(64) },
    recipient: { id: "orbit", name: "Orbit", country: "SG" },
    legal_basis: "consent",
    purposes: ["scoring"],
    fields: Object.entries(fields).map(([name, transform]) => ({ name, transform, categories: [] })),
    records: people,
    files: [],
    operator: "batch",
    channel: "gateway",
    categories: [],
    subjects: { count: people, digest: "d".repeat(64), key_id: "k" },
    dictionary: { size: people, head: "e".repeat(64) },
    ...extra,
  } as ReleaseBody;
}

describe("dpiaData", () => {
  const releases = [
    body(0, 1, { customer_id: "keep", phone: "hash" }, 100),
    body(1, 1, { customer_id: "keep", phone: "hash" }, 500),
    body(2, 2, { customer_id: "pseudonym", phone: "pseudonym", balance: "keep" }, 120, {
      purposes: ["scoring", "marketing"],
      legal_basis: "contract_necessity",
    }),
    body(3, 3, { customer_id: "pseudonym", balance: "keep" }, 110, {
      recipient: { id: "nova", name: "Nova", country: "US" },
    }),
  ];
  const data = dpiaData({
    agreement: "feed",
    releases,
    verification: VERIFIED,
    generatedAt: "2026-12-01T00:00:00Z",
  });

  it("counts every release and finds the largest and the last", () => {
    expect(data.volume).toMatchObject({
      releases: 4,
      people: 830,
      largest: { seq: 1, people: 500 },
      last: { seq: 3, people: 110 },
    });
    expect(data.versions.map((v) => [v.version, v.releases, v.first_seq, v.last_seq])).toEqual([
      [1, 2, 0, 1],
      [2, 1, 2, 2],
      [3, 1, 3, 3],
    ]);
  });

  it("says what changed from each version to the next", () => {
    expect(data.changes).toEqual([
      {
        from: 1,
        to: 2,
        fields_added: ["balance"],
        fields_removed: [],
        transforms_changed: [
          { field: "customer_id", from: "keep", to: "pseudonym" },
          { field: "phone", from: "hash", to: "pseudonym" },
        ],
        purposes_added: ["marketing"],
        purposes_removed: [],
        legal_basis: { from: "consent", to: "contract_necessity" },
        recipient: null,
      },
      {
        from: 2,
        to: 3,
        fields_added: [],
        fields_removed: ["phone"],
        transforms_changed: [],
        purposes_added: [],
        purposes_removed: ["marketing"],
        legal_basis: { from: "contract_necessity", to: "consent" },
        recipient: { from: "orbit", to: "nova" },
      },
    ]);
    expect(data.declared).toBeNull();
    expect(data.findings).toBeNull();
  });

  it("words it in Korean and English", () => {
    const ko = withLanguage("ko", () => renderMarkdown(dpiaDocument(data, "ko")));
    expect(ko).toContain("개인정보 영향평가 보기: feed");
    expect(ko).toContain("phone: hash → pseudonym");
    expect(ko).toContain("수령자 orbit → nova");
    const en = withLanguage("en", () => renderMarkdown(dpiaDocument(data, "en")));
    expect(en).toContain("field balance added");
    expect(en).toContain("The workspace no longer declares this agreement.");
  });
});
