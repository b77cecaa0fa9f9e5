// consent messages in Korean: a rejected file's problems by row and field, the registry's refusals and what
// the consent verification reports, rendered in the language in force, never with a value.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { withLanguage } from "../i18n/index.js";
import { SubjectDictionary } from "../ledger/subjects/dictionary.js";
import { nodeSubjectHasher } from "../ledger/subjects/subject-hasher.js";
import { openSqliteStore } from "../store/sqlite/index.js";
import { consentFileFormat, importConsentFile } from "./import.js";
import { ConsentInputError } from "./problems.js";
import { ConsentRegistry } from "./registry.js";
import { verifyConsent } from "./verify.js";

const NOW = new Date("2025-01-01T00:00:00Z");
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function setup(purposes?: string[]) {
  const dir = mkdtempSync(join(tmpdir(), "jikimi-consent-ko-"));
  const store = openSqliteStore(join(dir, ".jikimi", "state.db"));
  cleanups.push(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const registry = new ConsentRegistry(
    store.consent,
    new SubjectDictionary(),
    nodeSubjectHasher("ledger-subjects-test", randomBytes(32)),
    purposes === undefined ? {} : { knownPurposes: new Set(purposes) },
  );
  return { dir, db: store.database.db, store, registry };
}

async function rejection(run: () => Promise<unknown>): Promise<ConsentInputError> {
  try {
    await run();
  } catch (e) {
    if (e instanceof ConsentInputError) return e;
    throw e;
  }
  throw new Error("expected a ConsentInputError");
}

describe("consent messages in Korean", () => {
  it("names each bad row and field of a consent file in Korean, without values", async () => {
    const { dir, registry } = setup();
    const path = join(dir, "bad.csv");
    writeFileSync(
      path,
      [
        "subject,purpose,action,at,source,evidence",
        "SUBJ-0001,nsf-provision,revoke,2024-01-01T00:00:00Z,app,",
        "SUBJ-0002,nsf-provision,grant,2024-01-01T00:00:00Z",
        "SUBJ-0003,nsf-provision,grant,2031-01-01T00:00:00Z,app,",
      ].join("\n"),
    );
    const e = await withLanguage("ko", () =>
      rejection(() => importConsentFile(registry, path, { now: NOW })),
    );
    expect(e.code).toBe("consent_input_invalid");
    expect(e.message).toMatch(/^동의 파일 .*bad\.csv: 문제 3건, 아무것도 기록하지 않았습니다:/);
    expect(e.message).toContain(
      '1행: action 항목이 허용되지 않는 값입니다: "grant" 또는 "withdraw"를 쓰세요',
    );
    expect(e.message).toContain("2행: 열이 4개입니다(헤더는 6개); source, evidence 열이 없습니다");
    expect(e.message).toContain("3행: at 항목이 미래 시각입니다");
    expect(e.message).not.toMatch(/SUBJ|revoke|2031/);
    // the same rejection in English keeps its wording
    const en = await rejection(() => importConsentFile(registry, path, { now: NOW }));
    expect(en.message).toContain('row 1: action is not an allowed value: use "grant" or "withdraw"');
  });

  it("says in Korean why a file's format or a purpose is refused", async () => {
    await withLanguage("ko", async () => {
      expect(() => consentFileFormat("consents.txt")).toThrow(
        "consents.txt의 확장자로는 파일 형식을 알 수 없습니다: 파일 이름을 .csv 또는 .jsonl로 하거나 --input-format csv|jsonl을 주세요",
      );
      const { registry } = setup(["nsf-provision-overseas"]);
      await expect(registry.grant("SUBJ-9", "newsletter", { source: "app" }, NOW)).rejects.toThrow(
        /^동의 목적 newsletter은\(는\) 워크스페이스의 어느 제공 계약에도 선언되지 않았습니다.*: nsf-provision-overseas 중 하나를 쓰거나/,
      );
      await expect(registry.asOf("nsf-provision-overseas", "2024-01-01T00:00:00")).rejects.toThrow(
        "기준 시각이 시간대가 있는 ISO 8601 시각이 아닙니다",
      );
    });
  });

  it("reports a changed consent batch in Korean", async () => {
    const { db, store, registry } = setup();
    await registry.grant("SUBJ-1", "p", { at: "2024-01-01T00:00:00Z", source: "app" }, NOW);
    await registry.grant("SUBJ-2", "p", { at: "2024-01-02T00:00:00Z", source: "app" }, NOW);
    db.exec("UPDATE consent_events SET at = at + 1 WHERE id = 2");
    const problems = await withLanguage("ko", () => verifyConsent(store.consent));
    expect(problems.map((p) => p.kind)).toContain("batch_changed");
    expect(problems.map((p) => p.message).join("\n")).toMatch(
      /동의 배치 2\(이벤트 2\.\.2\): 이벤트의 해시가 체인 헤드와 맞지 않습니다/,
    );
  });
});
