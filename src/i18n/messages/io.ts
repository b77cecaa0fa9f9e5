// messages of src/io/ and its adapters: why an input file cannot be read, and where (row, line, column; never a
// value).
import type { KoreanOf } from "../catalogue.js";

export const en = {
  "io.cap_mib": "{{size}} MiB",
  "io.cap_bytes": "{{size}} bytes",
  "io.row_line": "row {{row}} (line {{line}})",
  "io.line": "line {{line}}",
  "io.in_column": ', column "{{column}}"',
  "io.in_key": ', key "{{column}}"',
  // blocks.ts
  "io.line_too_long": "{{input}}: the line starting after byte {{offset}} is longer than {{cap}}",
  "io.line_too_long_hint":
    "export the file with one record per line, or split the record (the cap is maxLineBytes)",
  "io.binary":
    "{{input}}: a NUL byte in the first {{bytes}} bytes: this is a binary, compressed or UTF-16 file",
  "io.binary_hint": "export it as UTF-8 text",
  // open-error.ts, index.ts
  "io.not_found": "{{input}} does not exist",
  "io.not_found_hint": "check the path",
  "io.unreadable": "{{input}} cannot be read",
  "io.unreadable_hint": "check its permissions",
  "io.directory": "{{input}} is a directory",
  "io.no_stdin": '"-" names stdin, but none was passed to read',
  "io.directory_hint": "name a file",
  "io.unknown_format": "{{input}}: cannot tell the format from the file name",
  "io.unknown_format_hint": "pass --format csv, jsonl or parquet",
  "io.parquet_output": "Parquet output is not supported",
  "io.parquet_output_hint": "write CSV or JSON Lines",
  // csv-blocks.ts, csv-reader.ts
  "io.csv.record_after_byte": "the record starting after byte {{offset}}",
  "io.csv.too_long": "{{input}}: {{where}} is longer than {{cap}} (one line, or a quoted field left open)",
  "io.csv.too_long_hint":
    "close the quote or split the record; a CSV file must have one record per line (the cap is maxLineBytes)",
  "io.csv.header_too_long":
    "{{input}}: the header line is longer than {{cap}} (or a quoted field is left open): this is not a CSV file with one record per line",
  "io.csv.empty": "{{input}} is empty",
  "io.csv.empty_hint": "a CSV file needs a header line naming the columns",
  "io.csv.field_count":
    "row {{row}} (line {{line}}) has {{fields}} fields, the header has {{width}}{{missing}}: quote fields that contain commas or line breaks, and give every row one field per column",
  "io.csv.column_missing": ' (column "{{column}}" is missing)',
  "io.csv.bad_quote":
    'row {{row}} (line {{line}}), column "{{column}}": a quote inside an unquoted field or text after a closing quote: enclose the field in quotes and double each quote inside it ("")',
  "io.csv.bad_encoding":
    "{{where}}{{column}}: invalid UTF-8: save the file as UTF-8 (from EUC-KR/CP949: iconv -f cp949 -t utf-8)",
  "io.csv.header": "{{input}}, header (line {{line}}): {{what}}",
  "io.csv.header_encoding": "invalid UTF-8",
  "io.csv.header_encoding_hint": "save the file as UTF-8 (from EUC-KR/CP949: iconv -f cp949 -t utf-8)",
  "io.csv.header_quote": "column {{column}} is badly quoted",
  "io.csv.header_quote_hint": "enclose it in quotes and double each quote inside it",
  "io.csv.header_unnamed": "column {{column}} has no name",
  "io.csv.header_unnamed_hint": "name every column (a trailing comma adds an empty one)",
  "io.csv.header_twice": 'column "{{column}}" appears twice',
  "io.csv.header_twice_hint": "give every column its own name",
  "io.csv.header_where": "header (line {{line}})",
  "io.csv.open_quote": "{{input}}, {{where}}: a quoted field is still open at the end of the file",
  "io.csv.open_quote_hint": 'close the quote, and double each quote inside a quoted field ("")',
  // jsonl-reader.ts
  "io.jsonl.too_long": "{{input}}: line {{line}} is longer than {{cap}}",
  "io.jsonl.too_long_hint":
    "write one JSON object per line, and split a record this large (the cap is maxLineBytes)",
  "io.jsonl.empty": "{{input}} is empty",
  "io.jsonl.empty_hint": "a JSON Lines file needs one JSON object per line",
  "io.jsonl.record": "row {{row}} (line {{line}}){{key}}: {{what}}",
  "io.jsonl.bad_encoding": "invalid UTF-8: save the file as UTF-8",
  "io.jsonl.bad_json": "not valid JSON: write one complete JSON object per line",
  "io.jsonl.not_object": 'not a JSON object: write one object per line, {"column": value, ...}',
  "io.jsonl.missing_key": "missing: give every line the keys of the first line",
  "io.jsonl.nested": "holds an object or array: flatten it into columns of their own",
  "io.jsonl.unknown_key": "not a key of the first line: give every line the same keys",
  // parquet-reader.ts
  "io.parquet.stdin":
    "stdin cannot be read as Parquet (a Parquet file is read from its end, which needs a file)",
  "io.parquet.stdin_hint": "pass the file's path with --input, or pipe CSV or JSON Lines",
  "io.parquet.truncated":
    "{{input}} is cut short: it is not a whole Parquet file (a copy or download that stopped early?)",
  "io.parquet.truncated_hint": "copy or export it again",
  "io.parquet.damaged":
    "{{input}}: {{where}} cannot be decoded: the file is damaged or uses a Parquet feature Jikimi cannot read",
  "io.parquet.damaged_hint": "export it again",
  "io.parquet.footer": "the footer (schema and row groups)",
  "io.parquet.schema": "the schema",
  "io.parquet.row_group": "row group {{group}} (rows {{from}}-{{to}})",
  "io.parquet.empty": "{{input}} is empty",
  "io.parquet.empty_hint": "a Parquet file holds at least a schema",
  "io.parquet.encrypted": "{{input}} is an encrypted Parquet file",
  "io.parquet.encrypted_hint": "decrypt it first (write it again without encryption)",
  "io.parquet.not_parquet": "{{input}} is not a Parquet file (it does not start with PAR1)",
  "io.parquet.not_parquet_hint":
    "pass --format csv or jsonl if it is one of those, or export it as Parquet again",
  "io.parquet.unnamed": "{{input}}: column {{column}} has no name",
  "io.parquet.unnamed_hint": "name every column",
  "io.parquet.twice": '{{input}}: column "{{column}}" appears twice',
  "io.parquet.twice_hint": "give every column its own name",
  "io.parquet.external": "{{input}}: row group {{group}} keeps its data in another file",
  "io.parquet.external_hint": "write a single self-contained file",
  "io.parquet.codec": '{{input}}: column "{{column}}" is compressed with {{codec}}, which Jikimi cannot read',
  "io.parquet.codec_hint": "write the file with Snappy, GZIP or no compression",
  "io.parquet.group_too_large":
    "{{input}}: row group {{group}} (rows {{from}}-{{to}}) holds {{size}} MiB uncompressed, more than the {{max}} MiB Jikimi decodes at once",
  "io.parquet.group_too_large_hint":
    "write the file with smaller row groups (pyarrow row_group_size, DuckDB ROW_GROUP_SIZE)",
  "io.parquet.cell": 'row {{row}}, column "{{column}}": {{what}}',
  "io.parquet.nested": "holds a list, map or struct: flatten it into columns of their own",
  "io.parquet.binary":
    "holds binary data, not text: write it as a string column (hex, base64 or WKT) or leave it out",
  "io.parquet.bad_utf8": "invalid UTF-8 text: write the column as UTF-8 (binary data as hex or base64)",
  // stream-sink.ts
  "io.stream.undelivered":
    'release {{seq}} of "{{id}}" is recorded in the ledger but did not reach {{stream}} whole ({{code}})',
  "io.stream.undelivered_hint":
    "the whole released file is kept at {{path}} (0600), its signed manifest beside it: deliver it from there, then delete it; do not release again, which would record the release twice",
} as const;

export const ko: KoreanOf<typeof en> = {
  "io.cap_mib": "{{size}} MiB",
  "io.cap_bytes": "{{size}}바이트",
  "io.row_line": "{{row}}행({{line}}번째 줄)",
  "io.line": "{{line}}번째 줄",
  "io.in_column": ', 열 "{{column}}"',
  "io.in_key": ', 키 "{{column}}"',
  "io.line_too_long": "{{input}}: {{offset}}바이트 뒤에서 시작하는 줄이 {{cap}}보다 깁니다",
  "io.line_too_long_hint": "한 줄에 레코드 하나씩 내보내거나 레코드를 나누세요(한도는 maxLineBytes입니다)",
  "io.binary":
    "{{input}}: 처음 {{bytes}}바이트 안에 NUL 바이트가 있습니다: 바이너리, 압축 또는 UTF-16 파일입니다",
  "io.binary_hint": "UTF-8 텍스트로 내보내세요",
  "io.not_found": "{{input}}이(가) 없습니다",
  "io.not_found_hint": "경로를 확인하세요",
  "io.unreadable": "{{input}}을(를) 읽을 수 없습니다",
  "io.unreadable_hint": "권한을 확인하세요",
  "io.directory": "{{input}}은(는) 폴더입니다",
  "io.no_stdin": '"-"는 표준 입력을 뜻하지만 읽을 표준 입력이 전달되지 않았습니다',
  "io.directory_hint": "파일을 지정하세요",
  "io.unknown_format": "{{input}}: 파일 이름으로 형식을 알 수 없습니다",
  "io.unknown_format_hint": "--format csv, jsonl, parquet 중 하나를 주세요",
  "io.parquet_output": "Parquet으로는 출력할 수 없습니다",
  "io.parquet_output_hint": "CSV나 JSON Lines로 쓰세요",
  "io.csv.record_after_byte": "{{offset}}바이트 뒤에서 시작하는 레코드",
  "io.csv.too_long": "{{input}}: {{where}}이(가) {{cap}}보다 깁니다(한 줄이거나 따옴표가 닫히지 않은 필드)",
  "io.csv.too_long_hint":
    "따옴표를 닫거나 레코드를 나누세요. CSV 파일은 한 줄에 레코드 하나여야 합니다(한도는 maxLineBytes입니다)",
  "io.csv.header_too_long":
    "{{input}}: 머리글 줄이 {{cap}}보다 깁니다(또는 따옴표가 닫히지 않았습니다): 한 줄에 레코드 하나인 CSV 파일이 아닙니다",
  "io.csv.empty": "{{input}}이(가) 비어 있습니다",
  "io.csv.empty_hint": "CSV 파일에는 열 이름을 적은 머리글 줄이 있어야 합니다",
  "io.csv.field_count":
    "{{row}}행({{line}}번째 줄)의 필드는 {{fields}}개인데 머리글은 {{width}}개입니다{{missing}}: 쉼표나 줄바꿈이 든 필드는 따옴표로 감싸고, 모든 행에 열마다 필드를 하나씩 두세요",
  "io.csv.column_missing": '(열 "{{column}}"이(가) 빠짐)',
  "io.csv.bad_quote":
    '{{row}}행({{line}}번째 줄), 열 "{{column}}": 따옴표로 감싸지 않은 필드 안에 따옴표가 있거나 닫는 따옴표 뒤에 글자가 있습니다: 필드를 따옴표로 감싸고 안의 따옴표는 두 번("") 쓰세요',
  "io.csv.bad_encoding":
    "{{where}}{{column}}: 올바른 UTF-8이 아닙니다: 파일을 UTF-8로 저장하세요(EUC-KR/CP949에서: iconv -f cp949 -t utf-8)",
  "io.csv.header": "{{input}}, 머리글({{line}}번째 줄): {{what}}",
  "io.csv.header_encoding": "올바른 UTF-8이 아닙니다",
  "io.csv.header_encoding_hint": "파일을 UTF-8로 저장하세요(EUC-KR/CP949에서: iconv -f cp949 -t utf-8)",
  "io.csv.header_quote": "{{column}}번째 열의 따옴표가 잘못되었습니다",
  "io.csv.header_quote_hint": "따옴표로 감싸고 안의 따옴표는 두 번 쓰세요",
  "io.csv.header_unnamed": "{{column}}번째 열에 이름이 없습니다",
  "io.csv.header_unnamed_hint": "모든 열에 이름을 붙이세요(줄 끝의 쉼표는 빈 열을 하나 더합니다)",
  "io.csv.header_twice": '열 "{{column}}"이(가) 두 번 나옵니다',
  "io.csv.header_twice_hint": "열마다 서로 다른 이름을 쓰세요",
  "io.csv.header_where": "머리글({{line}}번째 줄)",
  "io.csv.open_quote": "{{input}}, {{where}}: 따옴표로 시작한 필드가 파일 끝까지 닫히지 않았습니다",
  "io.csv.open_quote_hint": '따옴표를 닫고, 따옴표로 감싼 필드 안의 따옴표는 두 번("") 쓰세요',
  "io.jsonl.too_long": "{{input}}: {{line}}번째 줄이 {{cap}}보다 깁니다",
  "io.jsonl.too_long_hint":
    "한 줄에 JSON 객체 하나씩 쓰고, 이렇게 큰 레코드는 나누세요(한도는 maxLineBytes입니다)",
  "io.jsonl.empty": "{{input}}이(가) 비어 있습니다",
  "io.jsonl.empty_hint": "JSON Lines 파일에는 한 줄에 JSON 객체가 하나씩 있어야 합니다",
  "io.jsonl.record": "{{row}}행({{line}}번째 줄){{key}}: {{what}}",
  "io.jsonl.bad_encoding": "올바른 UTF-8이 아닙니다: 파일을 UTF-8로 저장하세요",
  "io.jsonl.bad_json": "올바른 JSON이 아닙니다: 한 줄에 완전한 JSON 객체 하나씩 쓰세요",
  "io.jsonl.not_object": 'JSON 객체가 아닙니다: 한 줄에 객체 하나씩 쓰세요({"column": value, ...})',
  "io.jsonl.missing_key": "없습니다: 모든 줄에 첫 줄의 키를 쓰세요",
  "io.jsonl.nested": "객체나 배열입니다: 각각의 열로 펴세요",
  "io.jsonl.unknown_key": "첫 줄에 없는 키입니다: 모든 줄에 같은 키를 쓰세요",
  "io.parquet.stdin":
    "표준 입력은 Parquet으로 읽을 수 없습니다(Parquet 파일은 끝에서부터 읽으므로 파일이 필요합니다)",
  "io.parquet.stdin_hint": "--input에 파일 경로를 주거나 CSV나 JSON Lines를 파이프로 넘기세요",
  "io.parquet.truncated":
    "{{input}}이(가) 중간에 잘렸습니다: 온전한 Parquet 파일이 아닙니다(복사나 내려받기가 중간에 멈췄나요?)",
  "io.parquet.truncated_hint": "다시 복사하거나 내보내세요",
  "io.parquet.damaged":
    "{{input}}: {{where}}을(를) 해독할 수 없습니다: 파일이 손상되었거나 Jikimi가 읽지 못하는 Parquet 기능을 씁니다",
  "io.parquet.damaged_hint": "다시 내보내세요",
  "io.parquet.footer": "푸터(스키마와 행 그룹)",
  "io.parquet.schema": "스키마",
  "io.parquet.row_group": "행 그룹 {{group}}({{from}}-{{to}}행)",
  "io.parquet.empty": "{{input}}이(가) 비어 있습니다",
  "io.parquet.empty_hint": "Parquet 파일에는 최소한 스키마가 있어야 합니다",
  "io.parquet.encrypted": "{{input}}은(는) 암호화된 Parquet 파일입니다",
  "io.parquet.encrypted_hint": "먼저 복호화하세요(암호화하지 않고 다시 쓰세요)",
  "io.parquet.not_parquet": "{{input}}은(는) Parquet 파일이 아닙니다(PAR1로 시작하지 않습니다)",
  "io.parquet.not_parquet_hint":
    "CSV나 JSON Lines라면 --format csv 또는 jsonl을 주고, 아니면 Parquet으로 다시 내보내세요",
  "io.parquet.unnamed": "{{input}}: {{column}}번째 열에 이름이 없습니다",
  "io.parquet.unnamed_hint": "모든 열에 이름을 붙이세요",
  "io.parquet.twice": '{{input}}: 열 "{{column}}"이(가) 두 번 나옵니다',
  "io.parquet.twice_hint": "열마다 서로 다른 이름을 쓰세요",
  "io.parquet.external": "{{input}}: 행 그룹 {{group}}의 데이터가 다른 파일에 있습니다",
  "io.parquet.external_hint": "하나로 완결된 파일로 쓰세요",
  "io.parquet.codec": '{{input}}: 열 "{{column}}"은(는) Jikimi가 읽지 못하는 {{codec}}(으)로 압축되었습니다',
  "io.parquet.codec_hint": "Snappy나 GZIP으로 압축하거나 압축하지 않고 쓰세요",
  "io.parquet.group_too_large":
    "{{input}}: 행 그룹 {{group}}({{from}}-{{to}}행)은 압축을 풀면 {{size}} MiB로, Jikimi가 한 번에 해독하는 {{max}} MiB보다 큽니다",
  "io.parquet.group_too_large_hint":
    "행 그룹을 더 작게 해서 쓰세요(pyarrow row_group_size, DuckDB ROW_GROUP_SIZE)",
  "io.parquet.cell": '{{row}}행, 열 "{{column}}": {{what}}',
  "io.parquet.nested": "리스트, 맵 또는 구조체입니다: 각각의 열로 펴세요",
  "io.parquet.binary": "텍스트가 아닌 바이너리 데이터입니다: 문자열 열(hex, base64, WKT)로 쓰거나 빼세요",
  "io.parquet.bad_utf8": "올바른 UTF-8 텍스트가 아닙니다: 열을 UTF-8로 쓰세요(바이너리는 hex나 base64로)",
  "io.stream.undelivered":
    '"{{id}}"의 제공 {{seq}}은(는) 원장에 기록되었지만 {{stream}}(으)로 온전히 전달되지 못했습니다({{code}})',
  "io.stream.undelivered_hint":
    "제공 파일 전체가 {{path}}(0600)에, 서명된 매니페스트가 그 옆에 보관되어 있습니다: 그곳에서 전달한 뒤 지우세요. 다시 제공하면 원장에 두 번 기록되니 다시 제공하지 마세요",
};
