// the records of processing say what the declarations say, item by item of GDPR Art. 30(1): the transfer abroad
// with its declared basis (or that none is declared), the transforms as security measures (an unkeyed hash named
// for what it is), the retention, the legal basis with the articles the taxonomy gives it.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { diskReader, memoryReader } from "../../io/workspace-reader.js";
import { loadWorkspace } from "../../model/load.js";
import type { Workspace } from "../../model/workspace.js";
import type { ReportDocument, Table } from "../document/model.js";
import { recordsOfProcessing } from "./records-of-processing.js";

const EXAMPLES = resolve(import.meta.dirname, "../../../examples");

function example(name: string): Workspace {
  const loaded = loadWorkspace(diskReader(join(EXAMPLES, name)));
  if (!loaded.ok) throw new Error(`examples/${name} does not load: ${loaded.issues[0]?.message}`);
  return loaded.workspace;
}

/** An example's YAML files, changed by `edit` (path -> text), loaded from memory. */
function edited(name: string, edit: (files: Record<string, string>) => void): Workspace {
  const root = join(EXAMPLES, name);
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".yaml"))
        files[relative(root, full).split("\\").join("/")] = readFileSync(full, "utf8");
    }
  };
  walk(root);
  edit(files);
  const loaded = loadWorkspace(memoryReader(files));
  if (!loaded.ok) throw new Error(`edited examples/${name} does not load: ${loaded.issues[0]?.message}`);
  return loaded.workspace;
}

/** The entry (third column) of an activity's row, by the row's item label. */
function entry(document: ReportDocument, agreement: string, item: string): string {
  const s = document.sections.find((x) => x.id === `ropa-${agreement}`);
  const block = s?.blocks.find((b) => b.type === "table");
  const table: Table | undefined = block?.type === "table" ? block.table : undefined;
  const row = table?.rows.find((r) => r[1] === item);
  if (row === undefined) throw new Error(`no row ${item} for ${agreement}`);
  return String(row[2]);
}

describe("recordsOfProcessing on examples/nsf-case-corrected", () => {
  const ws = example("nsf-case-corrected");

  it("records each agreement as an activity with its transfer to Singapore and its declared basis", () => {
    const { data } = recordsOfProcessing(ws, { lang: "en" });
    expect(data.controller).toEqual({
      name: "Hanbit Pay Co., Ltd.",
      country: "KR",
      jurisdictions: ["KR"],
      privacy_officer: "privacy@hanbitpay.example",
    });
    expect(data.activities.map((a) => a.agreement)).toEqual(["nsf-credit-feed", "overseas-settlement-feed"]);
    const [credit, settlement] = data.activities;
    expect(credit?.transfer).toEqual({
      country: "SG",
      destination: null,
      pipa_basis: "consent",
      gdpr_mechanism: null,
      disclosed: true,
      safeguards: ["keyed pseudonyms with keys held in Korea", "TLS 1.3 transport"],
    });
    expect(credit?.recipient).toMatchObject({ id: "orbit-pay-sg", country: "SG", role: "third_party" });
    expect(credit?.legal_basis).toEqual({ key: "consent", entrustment: false, articles: [] });
    expect(settlement?.legal_basis).toEqual({ key: "entrustment", entrustment: true, articles: [] });
    expect(credit?.retention).toEqual({ period: "1y", disposal: "delete" });
    expect(credit?.not_declared).toEqual([]);
    expect(credit?.data_subjects).toEqual({ dataset: "customers", category: "customer" });
  });

  it("names the transforms as security measures and the released categories as the personal data", () => {
    const { data, document } = recordsOfProcessing(ws, { lang: "en" });
    const credit = data.activities[0];
    expect(credit?.security_measures.map((m) => [m.field, m.transform, m.exposure])).toEqual([
      ["customer_id", "pseudonym", "keyed"],
      ["phone", "pseudonym", "keyed"],
      ["email", "pseudonym", "keyed"],
      ["join_date", "generalise", "coarse"],
    ]);
    expect(credit?.personal_data.categories).toContain("user.contact.phone.mobile");
    // birth_date and name are declared in the dataset but not released
    expect(credit?.personal_data.categories).not.toContain("user.demographic.date_of_birth");
    expect(credit?.personal_data.categories).not.toContain("user.name");
    const measures = entry(document, "nsf-credit-feed", "Technical and organisational security measures");
    expect(measures).toContain("phone: keyed pseudonym");
    expect(measures).toContain("join_date: generalised (to: month)");
    expect(measures).toContain(
      "declared safeguards: keyed pseudonyms with keys held in Korea, TLS 1.3 transport",
    );
    expect(entry(document, "nsf-credit-feed", "Transfers to a third country and their safeguards")).toBe(
      "to Singapore (SG); basis under PIPA Art. 28-8(1): separate consent of the data subject (PIPA Art. 28-8(1)1); disclosed in the privacy policy: yes",
    );
  });

  it("writes the Korean record with the Korean names of the taxonomy", () => {
    const { document } = recordsOfProcessing(ws, { lang: "ko" });
    expect(document.title).toBe("개인정보 처리활동 기록");
    expect(entry(document, "nsf-credit-feed", "개인정보의 범주")).toContain("휴대전화번호");
    expect(entry(document, "nsf-credit-feed", "정보주체의 범주")).toBe("고객 (데이터셋 customers)");
    expect(entry(document, "overseas-settlement-feed", "삭제 기한")).toBe("5년 (이후 파기)");
    expect(entry(document, "overseas-settlement-feed", "수령자")).toContain("싱가포르(SG), 수탁자");
  });
});

describe("recordsOfProcessing on examples/nsf-case (as it happened)", () => {
  it("says the transfer abroad has no declared basis and the credit feed no retention, and names the unkeyed hash", () => {
    const { data, document } = recordsOfProcessing(example("nsf-case"), { lang: "en" });
    const credit = data.activities.find((a) => a.agreement === "nsf-credit-feed");
    expect(credit?.transfer).toMatchObject({ country: "SG", pipa_basis: null, disclosed: null });
    expect(credit?.retention).toBeNull();
    expect(credit?.not_declared).toEqual(["transfer_basis", "retention"]);
    expect(
      credit?.security_measures.filter((m) => m.exposure === "unkeyed_digest").map((m) => m.field),
    ).toEqual(["phone", "email"]);
    expect(entry(document, "nsf-credit-feed", "Technical and organisational security measures")).toContain(
      "phone: unkeyed hash: not a safeguard",
    );
    expect(entry(document, "nsf-credit-feed", "Time limit for erasure")).toBe("not declared");
    expect(entry(document, "nsf-credit-feed", "Transfers to a third country and their safeguards")).toContain(
      "basis under PIPA Art. 28-8(1): not declared",
    );
    const notice = document.sections
      .find((s) => s.id === "ropa-nsf-credit-feed")
      ?.blocks.find((b) => b.type === "notice");
    expect(notice).toEqual({
      type: "notice",
      tone: "warning",
      text: "Not declared for this activity: the basis of the transfer abroad, the retention period.",
    });
  });
});

describe("recordsOfProcessing on examples/minimal", () => {
  it("records no transfer for a Korean entrustee, and a controller without a privacy officer as not declared", () => {
    const { data, document } = recordsOfProcessing(example("minimal"), { lang: "en" });
    expect(data.controller.privacy_officer).toBeNull();
    expect(data.activities[0]?.transfer).toBeNull();
    expect(data.activities[0]?.personal_data.categories).toEqual([
      "user.unique_id.account",
      "user.contact.email",
    ]);
    expect(document.facts).toContainEqual({ label: "Privacy officer", value: "not declared" });
    expect(entry(document, "newsletter-mailing", "Transfers to a third country and their safeguards")).toBe(
      "none: the data stays in South Korea (KR)",
    );
    expect(entry(document, "newsletter-mailing", "Technical and organisational security measures")).toBe(
      "member_id: token (AES-SIV; only the controller's key reverses it)",
    );
  });

  it("cites the articles the taxonomy gives a basis, in the document's language", () => {
    const ws = edited("minimal", (files) => {
      const path = "agreements/newsletter-mailing.yaml";
      files[path] = (files[path] ?? "").replace(
        "legal_basis: entrustment",
        "legal_basis: contract_necessity",
      );
    });
    const { data } = recordsOfProcessing(ws, { lang: "en" });
    expect(data.activities[0]?.legal_basis).toEqual({
      key: "contract_necessity",
      entrustment: false,
      articles: ["pipa15_4", "pipa17", "pipa17_2", "gdpr6b"],
    });
    const ko = recordsOfProcessing(ws, { lang: "ko" }).document;
    expect(entry(ko, "newsletter-mailing", "법적 근거")).toContain("개인정보 보호법 제15조제1항제4호");
    const en = recordsOfProcessing(ws, { lang: "en" }).document;
    expect(entry(en, "newsletter-mailing", "Legal basis")).toContain("PIPA Art. 15(1)4");
  });

  it("lists a GDPR mechanism only where GDPR applies or one is declared", () => {
    const ws = edited("minimal", (files) => {
      files["jikimi.yaml"] = (files["jikimi.yaml"] ?? "").replace(
        "jurisdictions: [KR]",
        "jurisdictions: [KR, EU]",
      );
      files["recipients/mailer.yaml"] = (files["recipients/mailer.yaml"] ?? "").replace(
        "country: KR",
        "country: US",
      );
    });
    const { data, document } = recordsOfProcessing(ws, { lang: "en" });
    expect(data.activities[0]?.transfer).toMatchObject({
      country: "US",
      pipa_basis: null,
      gdpr_mechanism: null,
    });
    expect(entry(document, "newsletter-mailing", "Transfers to a third country and their safeguards")).toBe(
      "to United States (US); basis under PIPA Art. 28-8(1): not declared; GDPR Chapter V mechanism: not declared",
    );
  });
});

describe("recordsOfProcessing documents", () => {
  it("leave no message key untranslated and give every table a valid, distinct sheet", () => {
    for (const name of ["hangul", "minimal", "nsf-case", "nsf-case-corrected"])
      for (const lang of ["ko", "en"] as const) {
        const { document } = recordsOfProcessing(example(name), { lang });
        expect(JSON.stringify(document)).not.toMatch(/report\.(ropa|policy|declarations)\./);
        const sheets = document.sections.flatMap((s) =>
          s.blocks.flatMap((b) => (b.type === "table" ? [b.table.sheet ?? ""] : [])),
        );
        expect(sheets.length).toBe(document.sections.length);
        for (const sheet of sheets) {
          expect(sheet.length).toBeGreaterThan(0);
          expect(sheet.length).toBeLessThanOrEqual(31);
          expect(sheet).not.toMatch(/[[\]:*?/\\]/);
        }
        expect(new Set(sheets.map((s) => s.toLowerCase())).size).toBe(sheets.length);
      }
  });
});
