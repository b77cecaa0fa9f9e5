// verify of the subject dictionary: the index-ordered copy is chained into the entries' dictionary commitments,
// every partition record agrees with it (right partition, one record per index, same hash), and ledger_meta
// holds what the last entry committed. A zeroed or swapped record changes whom `ledger subject` finds. An
// incremental verify checks only what was added since a verified state.

import { t } from "../../i18n/index.js";
import type { LedgerReads } from "../../ports/ledger.js";
import {
  DICT_RECORD_BYTES,
  dictPartition,
  dictPartitionOfWord,
  DICT_LINEAR_CHUNK as LINEAR_CHUNK,
} from "../../ports/subjects.js";
import { nextDictionaryHead, ZERO_HEAD } from "../ledger.js";
import { SUBJECT_HASH_BYTES } from "../subjects/subject-hasher.js";
import type { Problems } from "./problems.js";

const RECORD = DICT_RECORD_BYTES;
const META_KEYS = new Set(["subjects", "dict_size", "dict_head"]);
const LOWEST_CHUNK = -(2 ** 31);

/**
 * Above this many subjects added since a verified state, an incremental verify reads every partition (one pass)
 * rather than looking each new subject up in its own.
 */
const LOOKUPS_AT_MOST = 65_536;

/** Where the dictionary's chain stepped: an entry's committed size, and its head unless the entry was pruned. */
export interface DictionaryStep {
  seq: number;
  size: number;
  head?: string;
}

/**
 * Checks the dictionary tables against the commitments of the entries, in seq order. With `from` (an incremental
 * verify: entries before it were verified earlier), the chain starts at the last commitment before `from`, only
 * the index-ordered copy from there is read, and each subject added since is looked up in its partition.
 */
export async function verifyDictionary(
  tx: LedgerReads,
  commitments: DictionaryStep[],
  problems: Problems,
  from = 0,
): Promise<void> {
  const place = "subject_dict_linear";
  // the verified start: the last signed commitment before `from` (none: the empty dictionary)
  let start = { size: 0, head: ZERO_HEAD };
  for (const c of commitments)
    if (c.seq < from && c.head !== undefined) start = { size: c.size, head: c.head };
  const added = (commitments.at(-1)?.size ?? 0) - start.size;
  if (added > LOOKUPS_AT_MOST) start = { size: 0, head: ZERO_HEAD };
  const firstChunk = Math.floor(start.size / LINEAR_CHUNK);
  const chunks: { chunk: number; data: Uint8Array }[] = [];
  // from the lowest chunk number a store holds, not 0: a row filed under a negative chunk is named too
  for await (const c of tx.linearChunks(firstChunk === 0 ? LOWEST_CHUNK : firstChunk)) chunks.push(c);
  let count = firstChunk * LINEAR_CHUNK;
  chunks.forEach((c, i) => {
    const full = i < chunks.length - 1;
    if (
      c.chunk !== firstChunk + i ||
      c.data.length % SUBJECT_HASH_BYTES !== 0 ||
      (full && c.data.length !== LINEAR_CHUNK * 16)
    )
      problems.add({
        kind: "dictionary_changed",
        place,
        message: t("ledger.dictionary.chunk", { chunk: c.chunk }),
      });
    count += c.data.length / SUBJECT_HASH_BYTES;
  });
  // hashes [firstChunk * LINEAR_CHUNK, count)
  const linear = Buffer.concat(chunks.map((c) => c.data));
  const base = firstChunk * LINEAR_CHUNK;
  const hashesFrom = (a: number, b: number) =>
    linear.subarray((a - base) * SUBJECT_HASH_BYTES, (b - base) * SUBJECT_HASH_BYTES);
  const meta = await tx.allMeta();
  for (const key of meta.keys())
    if (!META_KEYS.has(key))
      problems.add({
        kind: "meta_changed",
        place: "ledger_meta",
        message: t("ledger.dictionary.unknown_meta", { key }),
      });
  if (Number(meta.get("subjects") ?? 0) !== count)
    problems.add({
      kind: "meta_changed",
      place: "ledger_meta.subjects",
      message: t("ledger.dictionary.meta_subjects", { said: meta.get("subjects") ?? 0, count }),
    });

  // the chain of commitments over the hashes in index order
  let size = start.size;
  let head = start.head;
  let last = start;
  for (const dictionary of commitments) {
    const seq = dictionary.seq;
    if (seq < from && dictionary.size <= start.size) continue;
    if (dictionary.size < size || dictionary.size > count) {
      problems.add({
        kind: "dictionary_changed",
        seq,
        place,
        message: t("ledger.dictionary.committed", { seq, committed: dictionary.size, count, before: size }),
      });
      return;
    }
    if (dictionary.size > size) head = nextDictionaryHead(head, hashesFrom(size, dictionary.size));
    size = dictionary.size;
    if (dictionary.head === undefined) continue;
    last = { size, head: dictionary.head };
    if (head !== dictionary.head) {
      problems.add({
        kind: "dictionary_changed",
        seq,
        place,
        message: t("ledger.dictionary.differs", { size, seq }),
      });
      return;
    }
  }
  if (Number(meta.get("dict_size") ?? 0) !== last.size || (meta.get("dict_head") ?? ZERO_HEAD) !== last.head)
    problems.add({
      kind: "meta_changed",
      place: "ledger_meta.dict_head",
      message: t("ledger.dictionary.meta_head"),
    });
  const bad =
    start.size === 0
      ? await allPartitions(tx, linear, count)
      : await addedRecords(tx, start.size, count, hashesFrom);
  if (bad) problems.add({ kind: "dictionary_changed", place: "subject_dict", message: bad });
}

/**
 * The partitions answer single lookups: every record must sit in its hash's partition and agree with the
 * index-ordered copy (`linear`, every hash), one record per index. The first problem's message, if any.
 */
async function allPartitions(tx: LedgerReads, linear: Buffer, count: number): Promise<string | undefined> {
  const seen = new Uint8Array(count);
  let records = 0;
  let bad: string | undefined;
  const expectChunk = new Map<number, number>();
  // 32-bit words: the index-ordered copy 4 words a hash, a partition record 5 words (hash, index)
  const linearWords = new Uint32Array(count * 4);
  new Uint8Array(linearWords.buffer).set(linear.subarray(0, count * SUBJECT_HASH_BYTES));
  for await (const row of tx.allPartChunks()) {
    if ((expectChunk.get(row.part) ?? 0) !== row.chunk || row.data.length % RECORD !== 0) {
      bad ??= t("ledger.dictionary.partition_chunk", { part: row.part, chunk: row.chunk });
      continue;
    }
    expectChunk.set(row.part, row.chunk + 1);
    const w = new Uint32Array(row.data.length / 4);
    new Uint8Array(w.buffer).set(row.data);
    for (let r = 0; r < w.length; r += 5) {
      records++;
      const idx = w[r + 4] as number;
      // the partition is the hash's first two bytes, big-endian (word 0 holds them little-endian)
      const part = dictPartitionOfWord(w[r] as number);
      if (part !== row.part || idx >= count || seen[idx] === 1) {
        bad ??= t("ledger.dictionary.partition_record", { part: row.part, index: idx });
        continue;
      }
      seen[idx] = 1;
      const l = idx * 4;
      if (
        w[r] !== linearWords[l] ||
        w[r + 1] !== linearWords[l + 1] ||
        w[r + 2] !== linearWords[l + 2] ||
        w[r + 3] !== linearWords[l + 3]
      )
        bad ??= t("ledger.dictionary.partition_hash", { part: row.part, index: idx });
    }
  }
  if (!bad && records !== count) bad = t("ledger.dictionary.records", { records, count });
  return bad;
}

/** Each subject added since a verified state (indexes [from, count)) is found in its partition, at its index. */
async function addedRecords(
  tx: LedgerReads,
  from: number,
  count: number,
  hashesFrom: (a: number, b: number) => Uint8Array,
): Promise<string | undefined> {
  for (let idx = from; idx < count; idx++) {
    const hash = hashesFrom(idx, idx + 1);
    const part = dictPartition(hash);
    const record = await tx.findRecord(part, hash, RECORD);
    const at = record?.length === RECORD ? Buffer.from(record).readUInt32LE(SUBJECT_HASH_BYTES) : Number.NaN;
    if (at !== idx) return t("ledger.dictionary.partition_hash", { part, index: idx });
  }
  return undefined;
}
