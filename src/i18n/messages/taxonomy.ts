// messages of src/taxonomy/: problems with a workspace's taxonomy extension in jikimi.yaml. The entries' Korean
// names (`name_ko`) are data of the taxonomy, not messages: see entryName in taxonomy.ts.
import type { KoreanOf } from "../catalogue.js";

export const en = {
  "taxonomy.extension.duplicate_key": '"{{key}}" is already defined',
  "taxonomy.extension.unknown_parent": '"{{key}}" needs its parent "{{parent}}" to be defined first',
} as const;

export const ko: KoreanOf<typeof en> = {
  "taxonomy.extension.duplicate_key": '"{{key}}"은(는) 이미 정의되어 있습니다',
  "taxonomy.extension.unknown_parent": '"{{key}}"보다 상위 키 "{{parent}}"을(를) 먼저 정의해야 합니다',
};
