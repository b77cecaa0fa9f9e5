// messages of src/store/: opening and migrating the state database, and the locks that make runs exclusive
// (who holds one, and why one cannot be taken).
import type { KoreanOf } from "../catalogue.js";

export const en = {
  // the state database (sqlite.ts)
  "store.sqlite.too_new":
    "the state database is at schema version {{current}}, newer than this jikimi ({{known}})",
  "store.sqlite.too_new_hint": "upgrade jikimi",
  "store.sqlite.unavailable": "cannot open the state database {{file}}",
  "store.sqlite.unavailable_hint": "check that the folder is writable",

  // the PostgreSQL store (postgres/connect.ts, postgres/migrate.ts); {{url}} is always redacted (no password)
  "store.postgres.unreachable": "cannot reach the PostgreSQL database {{url}} ({{reason}})",
  "store.postgres.unreachable_hint":
    "check that the server is running and that the address, user and password are right: set JIKIMI_DATABASE_URL or `store:` in jikimi.yaml",
  "store.postgres.connection_lost": "the connection to the PostgreSQL database {{url}} was lost ({{reason}})",
  "store.postgres.connection_lost_hint": "nothing was recorded: run the command again",
  "store.postgres.too_new":
    "the PostgreSQL database {{url}} is at schema version {{current}}, newer than this jikimi ({{known}})",
  "store.postgres.too_new_hint": "upgrade jikimi on this host",

  // locks (lock.ts)
  "store.lock.owner": "process {{pid}} since {{started}}",
  "store.lock.owner_on_host": "process {{pid}} on {{host}} since {{started}}",
  "store.lock.no_folder": "cannot create the lock folder {{dir}} ({{code}})",
  "store.lock.no_folder_hint": "check its permissions",
  "store.lock.cannot_open": "cannot open the lock {{file}} ({{code}})",
  "store.lock.cannot_take": "cannot take the lock {{file}} ({{code}})",
  "store.lock.hint": "check the folder's permissions and free space",
} as const;

export const ko: KoreanOf<typeof en> = {
  "store.sqlite.too_new":
    "상태 데이터베이스의 스키마 버전({{current}})이 이 jikimi가 아는 버전({{known}})보다 새롭습니다",
  "store.sqlite.too_new_hint": "jikimi를 업그레이드하세요",
  "store.sqlite.unavailable": "상태 데이터베이스 {{file}}을(를) 열 수 없습니다",
  "store.sqlite.unavailable_hint": "폴더에 쓰기 권한이 있는지 확인하세요",

  "store.postgres.unreachable": "PostgreSQL 데이터베이스 {{url}}에 연결할 수 없습니다({{reason}})",
  "store.postgres.unreachable_hint":
    "서버가 실행 중인지, 주소·사용자·비밀번호가 맞는지 확인하세요: JIKIMI_DATABASE_URL 또는 jikimi.yaml의 `store:`에서 설정합니다",
  "store.postgres.connection_lost": "PostgreSQL 데이터베이스 {{url}}와의 연결이 끊어졌습니다({{reason}})",
  "store.postgres.connection_lost_hint": "아무것도 기록되지 않았습니다: 명령을 다시 실행하세요",
  "store.postgres.too_new":
    "PostgreSQL 데이터베이스 {{url}}의 스키마 버전({{current}})이 이 jikimi가 아는 버전({{known}})보다 새롭습니다",
  "store.postgres.too_new_hint": "이 호스트의 jikimi를 업그레이드하세요",

  "store.lock.owner": "프로세스 {{pid}}, {{started}}부터",
  "store.lock.owner_on_host": "{{host}}의 프로세스 {{pid}}, {{started}}부터",
  "store.lock.no_folder": "잠금 폴더 {{dir}}을(를) 만들 수 없습니다({{code}})",
  "store.lock.no_folder_hint": "폴더 권한을 확인하세요",
  "store.lock.cannot_open": "잠금 파일 {{file}}을(를) 열 수 없습니다({{code}})",
  "store.lock.cannot_take": "잠금 {{file}}을(를) 걸 수 없습니다({{code}})",
  "store.lock.hint": "폴더 권한과 남은 디스크 공간을 확인하세요",
};
