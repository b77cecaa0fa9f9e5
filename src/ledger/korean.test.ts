// the ledger speaks Korean: verify's problems, errors (summary and hint, same code), hold reasons, the published
// log's and a receipt's problems, and the lines a person reads, all from the message catalogue; English stays as it
// was, and nothing signed changes with the language.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { customers, release, type TestLedger, testLedger } from "../../test/support/ledger.js";
import { JikimiError } from "../errors.js";
import { withLanguage } from "../i18n/index.js";
import { cells } from "../i18n/width.js";
import { historyLines, historyTotal, releaseLines } from "./describe.js";
import { describeHold, releaseTimeHolds } from "./holds.js";
import { describeRelease, type ReleaseSummary } from "./receipts/receipt.js";
import { verifyReceipt } from "./receipts/verify.js";
import { retentionOf } from "./retention.js";
import { folderStore } from "./tiles/store.js";
import { verifyTiles } from "./tiles/verify.js";
import { type VerifyReport, verifyLedger } from "./verify.js";

let t: TestLedger | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

async function threeReleases(): Promise<TestLedger> {
  t = testLedger();
  for (const day of ["2024-05-01", "2024-05-02", "2024-05-03"])
    await t.ledger.append(release("credit-feed", day), customers([1, 2, 3]));
  return t;
}

describe("verify in Korean", () => {
  it("names a changed entry in Korean, with the same kind, entry and place as in English", async () => {
    const l = await threeReleases();
    const bodyOf = (seq: number) =>
      l.db.prepare("SELECT body FROM ledger_entries WHERE seq = ?").pluck().get(seq) as string;
    const before = [bodyOf(0), bodyOf(2)];
    l.db
      .prepare(`UPDATE ledger_entries SET body = replace(body, '"records":10', '"records":11') WHERE seq = 1`)
      .run();
    const en = await verifyLedger(l.state.ledger, l.trusted);
    const ko = await withLanguage("ko", () => verifyLedger(l.state.ledger, l.trusted));
    expect(en.problems[0]).toMatchObject({
      kind: "changed",
      seq: 1,
      place: "ledger_entries.body",
      message: "entry 1 was changed after it was signed",
    });
    expect(ko.problems[0]).toMatchObject({
      kind: "changed",
      seq: 1,
      place: "ledger_entries.body",
      message: "원장 항목 1이(가) 서명된 뒤 변경되었습니다",
    });
    expect(ko.problems.map((p) => [p.kind, p.seq, p.place])).toEqual(
      en.problems.map((p) => [p.kind, p.seq, p.place]),
    );
    // verifying in Korean touched no signed byte
    expect([bodyOf(0), bodyOf(2)]).toEqual(before);
  });

  it("reports the side checks (the subject dictionary) in Korean", async () => {
    const l = await threeReleases();
    l.db.prepare("INSERT INTO ledger_meta (key, value) VALUES ('planted', 'x')").run();
    const ko = await withLanguage("ko", () => verifyLedger(l.state.ledger, l.trusted));
    expect(ko.problems).toContainEqual(
      expect.objectContaining({
        kind: "meta_changed",
        place: "ledger_meta",
        message: 'ledger_meta에 알 수 없는 키 "planted"이(가) 있습니다',
      }),
    );
  });

  it("says a truncated log against a checkpoint with the right plural in each language", async () => {
    const l = await threeReleases();
    const cp = await l.ledger.checkpoint();
    l.db.prepare("DELETE FROM ledger_entries WHERE seq = 2").run();
    l.db.prepare("DELETE FROM ledger_heads WHERE size = 3").run();
    const message = (r: VerifyReport) => r.problems.find((p) => p.kind === "truncated")?.message;
    expect(message(await verifyLedger(l.state.ledger, l.trusted, { against: cp }))).toMatch(
      /covers 3 entries but the log has 2: entries from 2 were removed$/,
    );
    expect(
      message(await withLanguage("ko", () => verifyLedger(l.state.ledger, l.trusted, { against: cp }))),
    ).toMatch(/체크포인트은\(는\) 항목 3건을 포함하지만 로그에는 2건뿐입니다/);
  });
});

describe("errors and holds in Korean", () => {
  it("keeps the code and splits the text into a Korean summary and hint", () => {
    const error = withLanguage("ko", () => {
      try {
        retentionOf("forever");
      } catch (e) {
        return e;
      }
    });
    expect(error).toBeInstanceOf(JikimiError);
    const e = error as JikimiError;
    expect(e.code).toBe("bad_retention");
    expect(e.summary).toBe('ledger.retention "forever"은(는) 기간이 아닙니다');
    expect(e.hint).toBe("jikimi.yaml에 3y, 36m, 1095d처럼 쓰세요");
    expect(e.message).toBe(`${e.summary}: ${e.hint}`);
    expect(() => retentionOf("forever")).toThrow(
      'ledger.retention "forever" is not a duration: write it like 3y, 36m or 1095d in jikimi.yaml',
    );
  });

  it("gives a release's time holds and the refusal in Korean, recording nothing", async () => {
    const holds = withLanguage("ko", () =>
      releaseTimeHolds("2024-06-02T00:00:00Z", "2024-06-01T00:00:00Z", undefined, 7).map(describeHold),
    );
    expect(holds).toEqual([
      "제공 시각 2024-06-02T00:00:00Z이(가) 미래입니다(현재 시각 2024-06-01T00:00:00Z): --at을 빼세요",
    ]);
    t = testLedger();
    const l = t;
    const refused = await withLanguage("ko", async () => {
      try {
        await l.ledger.append(release("x", "2024-05-01", { released_at: "yesterday" }), customers([1]));
      } catch (e) {
        return e as JikimiError;
      }
    });
    expect(refused?.code).toBe("bad_release");
    expect(refused?.message).toMatch(
      /^제공 내역이 올바르지 않아 기록하지 않았습니다: released_at: 시간대가 있는 ISO 8601 시각/,
    );
    expect(await l.ledger.size()).toBe(0);
  });
});

describe("published logs and receipts in Korean", () => {
  it("names a missing checkpoint in Korean", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jikimi-tiles-ko-"));
    try {
      const report = await withLanguage("ko", () => verifyTiles(folderStore(dir), []));
      expect(report.ok).toBe(false);
      expect(report.problems).toEqual([
        { kind: "tile_missing", place: "checkpoint", message: `${join(dir, "checkpoint")}이(가) 없습니다` },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reports a receipt that is not one in Korean, with the same codes", () => {
    const ko = withLanguage("ko", () => verifyReceipt("{", { vkeys: [] }));
    const en = verifyReceipt("{", { vkeys: [] });
    expect(ko.problems).toEqual([
      {
        code: "malformed",
        path: "(root)",
        message: "jikimi-receipt/1 파일이 아닙니다: UTF-8 JSON이 아닙니다",
      },
    ]);
    expect(en.problems).toEqual([
      { code: "malformed", path: "(root)", message: "not a jikimi-receipt/1 file: it is not UTF-8 JSON" },
    ]);
  });
});

describe("what a person reads", () => {
  const summary = (seq: number, recipient: string): ReleaseSummary => ({
    seq,
    released_at: "2024-05-31T02:00:00Z",
    recipient,
    country: "KR",
    purposes: ["nsf-scoring"],
    legal_basis: "consent",
    fields: ["customer_id", "phone"],
  });

  it("describes a release in either language", () => {
    expect(describeRelease(summary(3, "Orbit"))).toBe(
      "2024-05-31  Orbit (KR)  purposes: nsf-scoring  basis: consent  fields: customer_id, phone  [entry 3]",
    );
    expect(withLanguage("ko", () => describeRelease(summary(3, "Orbit")))).toBe(
      "2024-05-31  Orbit (KR)  목적: nsf-scoring  법적 근거: consent  항목: customer_id, phone  [원장 항목 3]",
    );
  });

  it("aligns releases by terminal cells, Hangul counting two", () => {
    const lines = withLanguage("ko", () =>
      releaseLines([summary(1, "한빛카드"), summary(12, "Orbit Payments")]),
    );
    // the purposes column starts at the same cell on both lines, though the recipients differ in length
    const at = lines.map((l) => cells(l.slice(0, l.indexOf("목적:"))));
    expect(at[0]).toBe(at[1]);
    expect(lines[0]).toMatch(/^2024-05-31 {2}한빛카드 \(KR\) {2,}목적: nsf-scoring/);
    // one release is exactly the single-line description
    expect(releaseLines([summary(1, "Orbit")])).toEqual([describeRelease(summary(1, "Orbit"))]);
  });

  it("renders a subject's history and its count with plurals", async () => {
    const l = await threeReleases();
    const history = await l.ledger.subjectHistory(customers([2])[0] ?? "");
    expect(historyLines(history)[0]).toBe(
      "2024-05-01  Orbit Payments Pte. Ltd. (SG)  nsf-scoring  basis: consent  fields: customer_id, balance  [credit-feed@1 #0]",
    );
    expect(withLanguage("ko", () => historyLines(history)[2])).toBe(
      "2024-05-03  Orbit Payments Pte. Ltd. (SG)  목적: nsf-scoring  법적 근거: consent  항목: customer_id, balance  [credit-feed@1 #2]",
    );
    expect(withLanguage("ko", () => historyLines([]))).toEqual(["이 정보주체가 포함된 제공 기록이 없습니다"]);
    expect(historyTotal(1, 0.42)).toBe("1 release (0.4 ms)");
    expect(historyTotal(3, 2)).toBe("3 releases (2.0 ms)");
    expect(withLanguage("ko", () => historyTotal(1, 0.42))).toBe("제공 1건 (0.4 ms)");
  });
});
