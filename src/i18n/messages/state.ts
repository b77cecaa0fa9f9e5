// messages of the state store behind the ports (src/store/sqlite, the services): writes that failed, a store
// that cannot serve, what a database location names.
import type { KoreanOf } from "../catalogue.js";

export const en = {
  "state.sqlite.write_failed":
    "the state database {{file}} could not be written ({{code}}); nothing was recorded",
  "state.sqlite.write_failed_hint": "free disk space or fix the folder's permissions, then run again",
  "state.config.password_in_file": "{{file}} `store` holds a database password, and the file is tracked",
  "state.config.password_in_file_hint":
    "remove the password from the URL and give it in PGPASSWORD, or put the whole URL in JIKIMI_DATABASE_URL",
  "state.config.bad_store": "{{where}} is neither a postgres:// URL nor sqlite:<file>",
  "state.config.bad_store_hint":
    "write `store: postgres://user@host/database` (password in PGPASSWORD) or `store: sqlite:.jikimi/state.db`, or leave it out for the embedded default",
};

export const ko: KoreanOf<typeof en> = {
  "state.sqlite.write_failed":
    "상태 데이터베이스 {{file}}에 쓸 수 없습니다({{code}}). 아무것도 기록되지 않았습니다",
  "state.sqlite.write_failed_hint": "디스크 공간을 확보하거나 폴더 권한을 고친 뒤 다시 실행하세요",
  "state.config.password_in_file":
    "{{file}}의 `store`에 데이터베이스 비밀번호가 들어 있는데, 이 파일은 버전 관리됩니다",
  "state.config.password_in_file_hint":
    "URL에서 비밀번호를 빼고 PGPASSWORD로 주거나, URL 전체를 JIKIMI_DATABASE_URL에 넣으세요",
  "state.config.bad_store": "{{where}} 값이 postgres:// URL도 sqlite:<파일>도 아닙니다",
  "state.config.bad_store_hint":
    "`store: postgres://user@host/database`(비밀번호는 PGPASSWORD) 또는 `store: sqlite:.jikimi/state.db`로 쓰거나, 내장 기본값을 쓰려면 빼세요",
};
