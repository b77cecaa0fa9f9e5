// messages of `jikimi db`: the state database's schema, where it lives and what is left to migrate.
import type { KoreanOf } from "../../catalogue.js";

export const en = {
  "cli.db.description": "the state database (ledger, consent, check runs): where it is and its schema",
  "cli.db.migrate.description":
    "bring the state database's schema up to date (safe to run from several hosts)",
  "cli.db.status.description": "show the state database, its schema version and the migrations still to run",
  "cli.db.where": "{{dialect}} database {{location}}",
  "cli.db.version": "schema version {{current}} of {{known}}",
  "cli.db.up_to_date": "up to date",
  "cli.db.pending": "pending: {{list}} (run `jikimi db migrate`)",
  "cli.db.migrated": "migrated to schema version {{current}}",
};

export const ko: KoreanOf<typeof en> = {
  "cli.db.description": "상태 데이터베이스(원장, 동의, 점검 기록): 위치와 스키마",
  "cli.db.migrate.description":
    "상태 데이터베이스 스키마를 최신으로 올리기(여러 호스트에서 동시에 실행해도 안전)",
  "cli.db.status.description": "상태 데이터베이스와 스키마 버전, 남은 마이그레이션 보기",
  "cli.db.where": "{{dialect}} 데이터베이스 {{location}}",
  "cli.db.version": "스키마 버전 {{current}} / {{known}}",
  "cli.db.up_to_date": "최신 상태",
  "cli.db.pending": "남은 마이그레이션: {{list}} (`jikimi db migrate`를 실행하세요)",
  "cli.db.migrated": "스키마 버전 {{current}}(으)로 마이그레이션했습니다",
};
