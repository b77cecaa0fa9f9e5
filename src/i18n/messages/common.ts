// messages every adapter uses: the error frame, counts of things, yes and no.
import type { KoreanOf } from "../catalogue.js";

export const en = {
  "common.error": "jikimi: {{message}}",
  "common.internal_error": "jikimi: internal error ({{name}}); rerun with JIKIMI_DEBUG=1 for a stack trace",
  "common.deprecated_flag":
    "jikimi: {{old}} is deprecated and will be removed in the next release: use {{new}}",
  "common.yes": "yes",
  "common.no": "no",
  "common.releases_one": "{{count}} release",
  "common.releases_other": "{{count}} releases",
  "common.problems_one": "{{count}} problem",
  "common.problems_other": "{{count}} problems",
  "common.bad_lang": "--lang {{value}} is not a language Jikimi speaks",
  "common.bad_lang_hint": "use --lang ko or --lang en",
} as const;

export const ko: KoreanOf<typeof en> = {
  "common.error": "jikimi: {{message}}",
  "common.internal_error":
    "jikimi: 내부 오류({{name}}) — JIKIMI_DEBUG=1로 다시 실행하면 스택 추적이 나옵니다",
  "common.deprecated_flag": "jikimi: {{old}}은(는) 다음 릴리스에서 없어집니다: {{new}}을(를) 쓰세요",
  "common.yes": "예",
  "common.no": "아니요",
  "common.releases_other": "제공 {{count}}건",
  "common.problems_other": "문제 {{count}}건",
  "common.bad_lang": "--lang {{value}}은(는) 지원하지 않는 언어입니다",
  "common.bad_lang_hint": "--lang ko 또는 --lang en을 쓰세요",
};
