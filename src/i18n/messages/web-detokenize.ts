// messages of the dashboard's detokenize page (web/src/pages/Detokenize.tsx), spread into the web area (web.ts).
import type { KoreanOf } from "../catalogue.js";

export const en = {
  "web.detokenize.title": "Detokenize",
  "web.detokenize.intro":
    "Turn the tokens an agreement released for one of its fields back into the values they stand for, as `jikimi detokenize` does. Only a field released with the token transform can be opened; a pseudonym cannot. Only the controller may.",
  "web.detokenize.recorded_title": "Every call is recorded",
  "web.detokenize.recorded":
    "Each call that opens tokens is recorded in the access log before the values are answered: who (this token's holder), when, which agreement and field, and how many tokens. The tokens and the values themselves are not recorded.",
  "web.detokenize.shown_only":
    "The values are shown on this page only: they are not kept, and they are cleared when you change the form or leave the page.",
  "web.detokenize.form": "Tokens to open",
  "web.detokenize.agreement": "Agreement id",
  "web.detokenize.agreement_help": "The id in the agreement's file, for example newsletter-mailing.",
  "web.detokenize.field": "Field name",
  "web.detokenize.field_help": "A field the agreement releases as a token, for example member_id.",
  "web.detokenize.key_id": "Retired key id (optional)",
  "web.detokenize.key_id_help":
    "Only for tokens released under a master key that has since been retired; leave it empty for the current key.",
  "web.detokenize.tokens": "Tokens, one per line",
  "web.detokenize.tokens_help": "Blank lines are skipped. At most {{max}} tokens in one call.",
  "web.detokenize.count": "{{count}} of at most {{max}} tokens",
  "web.detokenize.too_many": "Too many tokens: {{count}}, at most {{max}} in one call. Split them.",
  "web.detokenize.submit": "Open the tokens",
  "web.detokenize.busy": "Opening…",
  "web.detokenize.clear": "Clear the values",
  "web.detokenize.failed": "The API refused: {{message}}",
  "web.detokenize.results": "Values",
  "web.detokenize.caption_one": "{{count}} token of {{field}} released under {{agreement}}",
  "web.detokenize.caption_other":
    "{{count}} tokens of {{field}} released under {{agreement}}, in the order given",
  "web.detokenize.opened_one": "Opened {{count}} token; the call was recorded in the access log.",
  "web.detokenize.opened_other": "Opened {{count}} tokens; the call was recorded in the access log.",
  "web.detokenize.col_line": "No.",
  "web.detokenize.col_token": "Token",
  "web.detokenize.col_value": "Value",
} as const;

export const ko: KoreanOf<typeof en> = {
  "web.detokenize.title": "가명 복원",
  "web.detokenize.intro":
    "제공 계약이 한 항목을 토큰으로 제공한 값을 원래 값으로 되돌립니다(`jikimi detokenize`와 같음). 토큰(token) 변환으로 제공한 항목만 되돌릴 수 있고, 가명(pseudonym)은 되돌릴 수 없습니다. 처리 책임자만 할 수 있습니다.",
  "web.detokenize.recorded_title": "모든 호출이 기록됩니다",
  "web.detokenize.recorded":
    "토큰을 여는 호출은 값을 돌려주기 전에 접근 기록에 남습니다: 누가(이 토큰의 소유자), 언제, 어느 제공 계약의 어느 항목을, 토큰 몇 개를. 토큰과 값 자체는 기록되지 않습니다.",
  "web.detokenize.shown_only":
    "값은 이 페이지에만 표시되고 보관되지 않으며, 입력을 바꾸거나 페이지를 떠나면 지워집니다.",
  "web.detokenize.form": "복원할 토큰",
  "web.detokenize.agreement": "제공 계약 ID",
  "web.detokenize.agreement_help": "제공 계약 파일의 id입니다. 예: newsletter-mailing",
  "web.detokenize.field": "항목 이름",
  "web.detokenize.field_help": "제공 계약이 토큰으로 제공하는 항목입니다. 예: member_id",
  "web.detokenize.key_id": "폐기된 키 ID(선택)",
  "web.detokenize.key_id_help": "이후 폐기된 마스터 키로 제공된 토큰에만 씁니다. 현재 키라면 비워 두십시오.",
  "web.detokenize.tokens": "토큰(한 줄에 하나)",
  "web.detokenize.tokens_help": "빈 줄은 건너뜁니다. 한 번에 최대 {{max}}개까지 엽니다.",
  "web.detokenize.count": "토큰 {{count}}개 / 최대 {{max}}개",
  "web.detokenize.too_many":
    "토큰이 너무 많습니다: {{count}}개. 한 번에 최대 {{max}}개이니 나누어 보내십시오.",
  "web.detokenize.submit": "토큰 복원",
  "web.detokenize.busy": "복원하는 중…",
  "web.detokenize.clear": "값 지우기",
  "web.detokenize.failed": "API가 거부했습니다: {{message}}",
  "web.detokenize.results": "복원한 값",
  "web.detokenize.caption_other": "{{agreement}}로 제공된 {{field}} 토큰 {{count}}개, 입력한 순서대로",
  "web.detokenize.opened_other": "토큰 {{count}}개를 복원했고, 이 호출은 접근 기록에 남았습니다.",
  "web.detokenize.col_line": "번호",
  "web.detokenize.col_token": "토큰",
  "web.detokenize.col_value": "값",
};
