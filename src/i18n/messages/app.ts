// messages of the services (src/app) that no other area owns: the API's tokens and access log.
import type { KoreanOf } from "../catalogue.js";

export const en = {
  "app.tokens.bad_ttl": "the token's lifetime is not a duration",
  "app.tokens.bad_ttl_hint": "give a number and a unit: 10m, 12h, 90d or 1y",
  "app.tokens.bad_name": "the token's name is not a short name",
  "app.tokens.bad_name_hint": "use 1 to 64 letters, digits, `.`, `_` or `-`, such as airflow-nightly",
} as const;

export const ko: KoreanOf<typeof en> = {
  "app.tokens.bad_ttl": "토큰의 유효 기간이 기간 형식이 아닙니다",
  "app.tokens.bad_ttl_hint": "숫자와 단위로 쓰세요: 10m, 12h, 90d, 1y",
  "app.tokens.bad_name": "토큰 이름이 짧은 이름 형식이 아닙니다",
  "app.tokens.bad_name_hint": "글자, 숫자, `.`, `_`, `-` 1~64자로 쓰세요(예: airflow-nightly)",
};
