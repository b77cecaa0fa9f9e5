// the README's pictures of the reports: the corrected case example with a month of its daily feed (a fivefold jump
// held, then released over its hold; one back-dated release), each report rendered in Korean as PDF, and the first page of
// each as a PNG in docs/img/ (pdftoppm from poppler-utils). Run after a change to how reports look:
//   npm run build && node scripts/report-pages.mjs
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openWorkspace } from "../dist/index.js";
import { withLanguage } from "../dist/public/base.js";
import { initKeyring } from "../dist/public/keys.js";
import { heldRelease, planRelease } from "../dist/public/release.js";
import { declarationsReport, dpia, inspection, renderReport, statement } from "../dist/public/report.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const out = join(root, "docs", "img");
const dir = mkdtempSync(join(tmpdir(), "jikimi-report-pages-"));
const key = (n) => `HB${String(n).padStart(10, "0")}`;
try {
  const ws = join(dir, "ws");
  cpSync(join(root, "examples", "nsf-case-corrected"), ws, { recursive: true });
  const keyring = join(dir, "k.keyring");
  initKeyring(keyring, new Date("2024-01-01T00:00:00Z"), {});
  const session = await openWorkspace({ root: ws, env: { JIKIMI_KEYRING: keyring } });
  try {
    const { workspace } = session.declarations();
    const agreement = "nsf-credit-feed";
    const bytes = readFileSync(join(ws, workspace.agreements.get(agreement).file));
    const days = [1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 3];
    for (const [i, d] of days.entries()) {
      const at = new Date(Date.UTC(2026, 10, d, 2));
      const people = d === 6 ? 8_500 : 1_700;
      const { scope: _scope, ...declared } = planRelease({
        workspace,
        agreement,
        at,
        keyring: session.keyring,
        agreementBytes: bytes,
      }).declared;
      // the case's fivefold jump, at a hundredth of its size: held by its growth guard, then released over it
      const growth = { code: "max_growth", measured: 4, limit: 0.5, subjects: people, previous: 1_700 };
      if (d === 6)
        await session.ledger().recordHold(
          heldRelease(declared, {
            holds: [growth],
            subjects: people,
            operator: "batch@hanbitpay.example",
            channel: "file",
          }),
          new Date(Date.UTC(2026, 10, d, 2, 30)),
        );
      await session.ledger().append(
        {
          ...declared,
          records: people,
          files: [],
          operator: "batch@hanbitpay.example",
          channel: "file",
          ...(d === 6 ? { override: "연말 캠페인, 개인정보 보호책임자 승인", overridden: [growth] } : {}),
          ...(d === 3 ? { override: "3일 자 파일이 늦게 도착함" } : {}),
        },
        Array.from({ length: people }, (_, n) => key(n + 1)),
        new Date(Date.UTC(2026, 10, i === days.length - 1 ? 15 : d, 3)),
      );
    }
    const now = new Date("2026-12-01T09:00:00Z");
    const reports = {
      inspection: await inspection(session, {}, now),
      statement: await statement(session, key(1), now),
      ropa: declarationsReport(session, "ropa"),
      policy: declarationsReport(session, "policy"),
      dpia: await dpia(session, agreement, {}, now),
    };
    mkdirSync(out, { recursive: true });
    for (const [name, report] of Object.entries(reports)) {
      const pdf = join(dir, `${name}.pdf`);
      writeFileSync(pdf, await withLanguage("ko", () => renderReport("pdf", report.data, report.document)));
      execFileSync("pdftoppm", [
        "-png",
        "-r",
        "60",
        "-f",
        "1",
        "-l",
        "1",
        "-singlefile",
        pdf,
        join(out, `report-${name}.ko`),
      ]);
      console.log(`docs/img/report-${name}.ko.png`);
    }
  } finally {
    await session.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
