// messages of the HTTP API (ledger: the log, proofs, checkpoint, tiles, a person's history and receipts): every key
// starts with "server.".
import type { KoreanOf } from "../../catalogue.js";

export const en = {
  "server.errors.no_such_entry": "the ledger has no entry {{seq}} in a tree of {{size}} entries",
  "server.errors.no_such_entry_hint":
    "entries are numbered from 0, below the ledger's size; GET /v1/releases lists them and GET /v1/checkpoint gives the size",
  "server.errors.bad_size": "a tree size is out of range: {{what}} (the ledger holds {{size}} entries)",
  "server.errors.bad_size_hint":
    "ask for sizes up to the ledger's size (GET /v1/checkpoint gives it), the first no larger than the second",
  "server.ledger.no_such_tile": "no tile {{path}} in this log of {{size}} entries",
  "server.ledger.no_such_tile_hint":
    "paths follow c2sp.org/tlog-tiles (tile/<L>/<N>[.p/<W>], tile/entries/<N>[.p/<W>], checkpoint), and a tile covers only entries the log holds",
  "server.ledger.receipt_refused": "the receipt made from the stored entries does not verify ({{codes}})",
  "server.ledger.receipt_refused_hint":
    "ask the operator to run `jikimi ledger verify`: the stored ledger may have been changed",
} as const;

export const ko: KoreanOf<typeof en> = {
  "server.errors.no_such_entry": "항목 {{size}}개인 트리에 원장 항목 {{seq}}번이 없습니다",
  "server.errors.no_such_entry_hint":
    "항목 번호는 0부터 원장 크기 미만까지입니다. 목록은 GET /v1/releases, 크기는 GET /v1/checkpoint에서 볼 수 있습니다",
  "server.errors.bad_size": "트리 크기가 범위를 벗어났습니다: {{what}}(원장 항목 {{size}}개)",
  "server.errors.bad_size_hint":
    "원장 크기(GET /v1/checkpoint에서 볼 수 있습니다) 이하의 크기를 요청하고, 첫 번째 크기가 두 번째보다 크지 않게 하세요",
  "server.ledger.no_such_tile": "항목 {{size}}개인 이 원장에 {{path}} 타일이 없습니다",
  "server.ledger.no_such_tile_hint":
    "경로는 c2sp.org/tlog-tiles 형식(tile/<L>/<N>[.p/<W>], tile/entries/<N>[.p/<W>], checkpoint)을 따르며, 타일은 원장이 보유한 항목만 담습니다",
  "server.ledger.receipt_refused": "저장된 항목으로 만든 영수증이 검증되지 않습니다({{codes}})",
  "server.ledger.receipt_refused_hint":
    "운영자에게 `jikimi ledger verify` 실행을 요청하세요. 저장된 원장이 변경되었을 수 있습니다",
};
