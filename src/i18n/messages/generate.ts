// messages of src/generate/: the options of `jikimi generate` (each names its flag and an example), where the
// output cannot be written, and an interrupted run.
import type { KoreanOf } from "../catalogue.js";

export const en = {
  // options (options.ts)
  "generate.options.not_whole": '{{flag}} must be a whole number from {{min}} to {{max}} (got "{{shown}}")',
  "generate.options.not_whole_hint": "e.g. {{flag}} {{example}}",
  "generate.options.unknown_kind": 'unknown kind "{{kind}}"',
  "generate.options.unknown_kind_hint": "use `jikimi generate customers` or `jikimi generate payments`",
  "generate.options.bad_format": '--output-format must be csv or jsonl (got "{{format}}")',
  "generate.options.unknown_format": "cannot tell the format of --output {{out}} from its extension",
  "generate.options.unknown_format_hint": "add --output-format csv or --output-format jsonl",
  "generate.options.no_output": "--output needs a file path, or - for stdout",

  // the output file (chunk-writer.ts)
  "generate.output.no_dir": "cannot write --output {{out}}: directory {{dir}} does not exist",
  "generate.output.no_dir_hint": "create it or choose another path",
  "generate.output.denied": "cannot write --output {{out}}: no permission to create files in {{dir}}",
  "generate.output.denied_hint": "choose a writable directory",
  "generate.output.is_dir": "--output {{out}} is a directory",
  "generate.output.is_dir_hint": "give a file path such as {{example}}",
  "generate.output.not_dir": "cannot write --output {{out}}: part of the path is a file, not a directory",
  "generate.output.not_dir_hint": "fix the path",
  "generate.output.no_space": "ran out of disk space writing --output {{out}}",
  "generate.output.no_space_hint": "free some space or choose another disk",
  "generate.output.pipe": "--output {{out}}: the reader closed the output early (EPIPE)",
  "generate.output.other": "cannot write --output {{out}} ({{code}})",
  "generate.output.other_hint": "choose another path",

  // an interrupted run (index.ts)
  "generate.interrupted_stream": "interrupted before the end; the output stream is incomplete",
  "generate.interrupted_file": "interrupted before the end; {{file}} was not written",
} as const;

export const ko: KoreanOf<typeof en> = {
  "generate.options.not_whole": '{{flag}}는 {{min}}부터 {{max}}까지의 정수여야 합니다(입력: "{{shown}}")',
  "generate.options.not_whole_hint": "예: {{flag}} {{example}}",
  "generate.options.unknown_kind": '알 수 없는 종류 "{{kind}}"',
  "generate.options.unknown_kind_hint":
    "`jikimi generate customers` 또는 `jikimi generate payments`를 쓰세요",
  "generate.options.bad_format": '--output-format은 csv 또는 jsonl이어야 합니다(입력: "{{format}}")',
  "generate.options.unknown_format": "--output {{out}}의 확장자로는 형식을 알 수 없습니다",
  "generate.options.unknown_format_hint": "--output-format csv 또는 --output-format jsonl을 주세요",
  "generate.options.no_output": "--output에는 파일 경로나 표준 출력을 뜻하는 -를 주세요",

  "generate.output.no_dir": "--output {{out}}에 쓸 수 없습니다: {{dir}} 폴더가 없습니다",
  "generate.output.no_dir_hint": "폴더를 만들거나 다른 경로를 고르세요",
  "generate.output.denied": "--output {{out}}에 쓸 수 없습니다: {{dir}}에 파일을 만들 권한이 없습니다",
  "generate.output.denied_hint": "쓰기 권한이 있는 폴더를 고르세요",
  "generate.output.is_dir": "--output {{out}}은(는) 폴더입니다",
  "generate.output.is_dir_hint": "{{example}}처럼 파일 경로를 주세요",
  "generate.output.not_dir": "--output {{out}}에 쓸 수 없습니다: 경로 중간에 폴더가 아닌 파일이 있습니다",
  "generate.output.not_dir_hint": "경로를 고치세요",
  "generate.output.no_space": "--output {{out}}을(를) 쓰다가 디스크 공간이 부족해졌습니다",
  "generate.output.no_space_hint": "공간을 확보하거나 다른 디스크를 고르세요",
  "generate.output.pipe": "--output {{out}}: 읽는 쪽이 출력을 일찍 닫았습니다(EPIPE)",
  "generate.output.other": "--output {{out}}에 쓸 수 없습니다({{code}})",
  "generate.output.other_hint": "다른 경로를 고르세요",

  "generate.interrupted_stream": "끝나기 전에 중단되었습니다. 출력 스트림이 완전하지 않습니다",
  "generate.interrupted_file": "끝나기 전에 중단되었습니다. {{file}}은(는) 쓰지 않았습니다",
};
