// the store's messages in Korean: a state database from a newer jikimi, a lock that cannot be taken, and the
// holder of a lock, rendered in the language in force.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { JikimiError } from "../errors.js";
import { withLanguage } from "../i18n/index.js";
import { describeOwner, takeLock } from "../io/lock.js";
import { openSqliteStore } from "./sqlite/index.js";
import { MIGRATIONS } from "./sqlite/migrations.js";

const openStore = (dir: string) => openSqliteStore(join(dir, ".jikimi", "state.db"));

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "jikimi-store-ko-"));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("store messages in Korean", () => {
  it("refuse a database from a newer jikimi in Korean", async () => {
    const ws = tmp();
    await openStore(ws).close();
    const db = new Database(join(ws, ".jikimi", "state.db"));
    db.prepare("INSERT INTO schema_migrations VALUES (999, 'future', 'x')").run();
    db.close();
    const known = MIGRATIONS.at(-1)?.version;
    expect(() => withLanguage("ko", () => openStore(ws))).toThrow(
      `상태 데이터베이스의 스키마 버전(999)이 이 jikimi가 아는 버전(${known})보다 새롭습니다: jikimi를 업그레이드하세요`,
    );
    expect(() => openStore(ws)).toThrow(
      `the state database is at schema version 999, newer than this jikimi (${known}): upgrade jikimi`,
    );
  });

  it("name a lock's holder, on this host or another, in Korean", () => {
    const started = "2024-05-31T02:00:00.000Z";
    expect(withLanguage("ko", () => describeOwner({ pid: 42, host: hostname(), started }))).toBe(
      `프로세스 42, ${started}부터`,
    );
    expect(withLanguage("ko", () => describeOwner({ pid: 42, host: "batch-7", started }))).toBe(
      `batch-7의 프로세스 42, ${started}부터`,
    );
    expect(describeOwner({ pid: 42, host: "batch-7", started })).toBe(
      `process 42 on batch-7 since ${started}`,
    );
  });

  it("say in Korean that a lock folder cannot be created", () => {
    const dir = tmp();
    writeFileSync(join(dir, "file"), "");
    expect(() =>
      withLanguage("ko", () =>
        takeLock(join(dir, "file", "locks", "a"), () => new JikimiError("share_running", "busy")),
      ),
    ).toThrow(/^잠금 폴더 .*file\/locks을\(를\) 만들 수 없습니다\(ENOTDIR\): 폴더 권한을 확인하세요$/);
  });
});
