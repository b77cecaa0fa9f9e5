// the privacy-policy tables say what the declarations say: a provision goes to the third-party table, an entrustment
// (a basis the taxonomy marks `entrustment`) to the entrustment table and never the other, data leaving the
// controller's country to the transfer-abroad table with its country; a cell the declarations cannot fill says so.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { diskReader, memoryReader } from "../../io/workspace-reader.js";
import { loadWorkspace } from "../../model/load.js";
import type { Workspace } from "../../model/workspace.js";
import type { Section, Table } from "../document/model.js";
import { privacyPolicyTables } from "./policy-tables.js";

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

function replaceIn(files: Record<string, string>, path: string, from: string, to: string): void {
  const text = files[path];
  if (text === undefined || !text.includes(from)) throw new Error(`${path} has no ${from}`);
  files[path] = text.replace(from, to);
}

const section = (sections: Section[], id: string): Section => {
  const found = sections.find((s) => s.id === id);
  if (!found) throw new Error(`no section ${id}`);
  return found;
};
const tableOf = (s: Section): Table | undefined => {
  const block = s.blocks.find((b) => b.type === "table");
  return block?.type === "table" ? block.table : undefined;
};

describe("privacyPolicyTables on examples/nsf-case-corrected", () => {
  const ws = example("nsf-case-corrected");

  it("puts the consent-based provision in the third-party table and the entrustment only in the entrustment table", () => {
    const { data } = privacyPolicyTables(ws, { lang: "en" });
    expect(data.third_party.map((r) => r.agreement)).toEqual(["nsf-credit-feed"]);
    expect(data.entrustment.map((r) => r.agreement)).toEqual(["overseas-settlement-feed"]);
    expect(data.third_party.map((r) => r.agreement)).not.toContain("overseas-settlement-feed");
    expect(data.entrustment[0]).toMatchObject({
      entrustee: { id: "orbit-pay-sg-settlement", legal_name: "Orbit Payments Pte. Ltd.", role: "entrustee" },
      tasks: [{ id: "payment-settlement", name: "Settlement of overseas payments" }],
      period: { from: "2019-11-01", until: "2035-12-31" },
      contract: { reference: "HP-ORB-2018-03 payment services agreement", signed: "2018-03-20" },
      not_declared: [],
    });
  });

  it("lists both flows to Singapore as transfers abroad, with their basis and what the schema cannot hold", () => {
    const { data } = privacyPolicyTables(ws, { lang: "en" });
    expect(data.cross_border.map((r) => [r.agreement, r.kind, r.country, r.basis])).toEqual([
      ["nsf-credit-feed", "provision", "SG", "consent"],
      ["overseas-settlement-feed", "entrustment", "SG", "contract_necessity"],
    ]);
    for (const row of data.cross_border) {
      expect(row.recipient.contact).toBe("dpo@orbitpay.example");
      expect(row.time_and_method).toBeNull();
      expect(row.refusal).toBeNull();
      expect(row.not_declared).toEqual(["time_and_method", "refusal"]);
    }
    expect(data.cross_border[0]?.retention).toEqual({ period: "1y", disposal: "delete" });
  });

  it("heads the Korean tables as the privacy-policy practice does, and fills the cells", () => {
    const { document } = privacyPolicyTables(ws, { lang: "ko" });
    expect(document.lang).toBe("ko");
    expect(document.sections.map((s) => s.heading)).toEqual([
      "개인정보의 제3자 제공 현황",
      "개인정보 처리업무의 위탁 현황",
      "개인정보의 국외 이전",
    ]);
    const third = tableOf(section(document.sections, "policy-third-party"));
    expect(third?.columns.map((c) => c.label)).toEqual([
      "제공받는 자",
      "제공 목적",
      "제공 항목",
      "보유·이용 기간",
    ]);
    expect(third?.rows).toHaveLength(1);
    const [recipient, purpose, items, retention] = third?.rows[0] ?? [];
    expect(recipient).toBe("Orbit Payments Pte. Ltd.");
    expect(purpose).toBe("NSF (non-sufficient funds) score");
    expect(items).toContain("휴대전화번호(키 기반 가명처리)");
    expect(items).toContain("가입일(일반화)");
    expect(items).not.toContain("phone");
    expect(retention).toBe("1년 (이후 파기)");

    const entrusted = tableOf(section(document.sections, "policy-entrustment"));
    expect(entrusted?.columns.map((c) => c.label)).toEqual(["수탁자", "위탁 업무 내용", "위탁 기간"]);
    expect(entrusted?.rows).toEqual([
      ["Orbit Payments Pte. Ltd.", "Settlement of overseas payments", "2019-11-01 ~ 2035-12-31"],
    ]);

    const abroad = section(document.sections, "policy-cross-border");
    const table = tableOf(abroad);
    expect(table?.columns.map((c) => c.label)).toEqual([
      "이전받는 자(연락처)",
      "이전되는 국가",
      "이전 일시 및 방법",
      "이전 항목",
      "이전 목적 및 보유·이용 기간",
      "이전을 거부하는 방법 및 거부의 효과",
      "이전 근거",
    ]);
    const row = table?.rows[1] ?? [];
    expect(row[0]).toBe("Orbit Payments Pte. Ltd. (연락처: dpo@orbitpay.example)");
    expect(row[1]).toBe("싱가포르(SG)");
    expect(row[2]).toBe("선언되지 않음");
    expect(row[4]).toBe("Settlement of overseas payments / 보유·이용 기간: 5년 (이후 파기)");
    expect(row[5]).toBe("선언되지 않음");
    expect(row[6]).toContain("제28조의8제1항제3호");
    const notice = abroad.blocks.find((b) => b.type === "notice");
    expect(notice?.type === "notice" && notice.text).toContain("overseas-settlement-feed(이전 일시 및 방법");
  });

  it("uses the English headings in English", () => {
    const { document } = privacyPolicyTables(ws, { lang: "en" });
    expect(document.sections.map((s) => s.heading)).toEqual([
      "Provision of personal data to third parties",
      "Entrustment of personal data processing",
      "Transfer of personal data abroad",
    ]);
    const row = tableOf(section(document.sections, "policy-cross-border"))?.rows[0] ?? [];
    expect(row[1]).toBe("Singapore (SG)");
    expect(row[2]).toBe("not declared");
  });

  it("names a short, valid and distinct workbook sheet for every table", () => {
    for (const lang of ["ko", "en"] as const) {
      const sheets = privacyPolicyTables(ws, { lang }).document.sections.flatMap((s) =>
        s.blocks.flatMap((b) => (b.type === "table" ? [b.table.sheet] : [])),
      );
      expect(sheets).toHaveLength(3);
      for (const sheet of sheets) {
        expect(sheet).toBeTypeOf("string");
        expect(sheet?.length).toBeLessThanOrEqual(31);
        expect(sheet).not.toMatch(/[[\]:*?/\\]/);
      }
      expect(new Set(sheets.map((s) => s?.toLowerCase())).size).toBe(sheets.length);
    }
  });
});

describe("privacyPolicyTables on examples/minimal", () => {
  it("keeps a Korean entrustee out of the transfer-abroad and third-party tables and says there are none", () => {
    const { data, document } = privacyPolicyTables(example("minimal"), { lang: "ko" });
    expect(data.entrustment.map((r) => r.agreement)).toEqual(["newsletter-mailing"]);
    expect(data.third_party).toEqual([]);
    expect(data.cross_border).toEqual([]);
    expect(section(document.sections, "policy-cross-border").blocks).toEqual([
      { type: "paragraph", text: "개인정보를 국외로 이전하지 않습니다." },
    ]);
    expect(section(document.sections, "policy-third-party").blocks).toEqual([
      { type: "paragraph", text: "개인정보를 제3자에게 제공하지 않습니다." },
    ]);
  });

  it("moves a provision to a recipient abroad into the third-party and transfer tables, with its gaps named", () => {
    const ws = edited("minimal", (files) => {
      replaceIn(files, "recipients/mailer.yaml", "country: KR", "country: JP");
      replaceIn(files, "recipients/mailer.yaml", "role: entrustee", "role: third_party");
      replaceIn(files, "recipients/mailer.yaml", "contact: privacy@mailer.example", "");
      replaceIn(
        files,
        "agreements/newsletter-mailing.yaml",
        "legal_basis: entrustment",
        "legal_basis: consent",
      );
      replaceIn(files, "agreements/newsletter-mailing.yaml", "period: 30d", "period: 18m");
    });
    const { data, document } = privacyPolicyTables(ws, { lang: "en" });
    expect(data.entrustment).toEqual([]);
    expect(data.third_party.map((r) => r.agreement)).toEqual(["newsletter-mailing"]);
    expect(data.cross_border).toHaveLength(1);
    expect(data.cross_border[0]).toMatchObject({
      agreement: "newsletter-mailing",
      kind: "provision",
      country: "JP",
      basis: null,
      recipient: { contact: null },
      not_declared: ["recipient_contact", "time_and_method", "refusal", "basis"],
    });
    const row = tableOf(section(document.sections, "policy-cross-border"))?.rows[0] ?? [];
    expect(row[0]).toBe("Example Mailing Services Co., Ltd. (contact: not declared)");
    expect(row[1]).toBe("Japan (JP)");
    expect(row[3]).toBe("Account or customer ID (token), E-mail address");
    expect(row[4]).toBe("Sending the members' newsletter; retention: 18 months, then deleted");
    expect(row[6]).toBe("not declared");
  });
});
