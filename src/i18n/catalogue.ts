// the message catalogue's shape: one file per area under messages/, each an English table and a Korean table
// with exactly the same keys (the type below makes a missing Korean key a compile error; i18n.test.ts checks
// placeholders and plural forms at run time).

/**
 * A flat table of messages. Keys are dotted (`area.name`), values use i18next's `{{param}}` interpolation;
 * a message with a count has `_one` and `_other` forms in English and only `_other` in Korean (no plural).
 */
export type Table = Readonly<Record<string, string>>;

/** The Korean table of an English table: every key, `_one` forms optional (Korean has one plural form). */
export type KoreanOf<T extends Table> = {
  readonly [K in keyof T as K extends `${string}_one` ? never : K]: string;
} & {
  readonly [K in keyof T as K extends `${string}_one` ? K : never]?: string;
};

/** The key a caller passes: plural forms are reached through their base key and `count`. */
export type KeyOf<T extends Table> = keyof T extends infer K
  ? K extends `${infer Base}_${"one" | "other"}`
    ? Base
    : K & string
  : never;
