// a ledger entry: one release, in a canonical byte encoding (RFC 8785 JSON) that is the Merkle leaf.
import canonicalize from "canonicalize";
import { z } from "zod";

const Hex256 = z.string().regex(/^[0-9a-f]{64}$/, "use a lowercase hex SHA-256 digest (64 characters)");
const Name = z.string().min(1).max(200);

/** What a release declares about itself; the gateway and `ledger record --manifest` both provide it. */
export const ReleaseSchema = z.strictObject({
  time: z.iso.datetime({
    offset: true,
    message: "use an ISO 8601 time with a zone, e.g. 2024-05-31T02:00:00Z",
  }),
  agreement: z.strictObject({ id: Name, version: z.number().int().positive(), digest: Hex256 }),
  recipient: z.strictObject({
    id: Name,
    name: Name,
    country: z.string().regex(/^[A-Z]{2}$/, "use an ISO country code"),
  }),
  legal_basis: Name,
  purposes: z.array(Name).min(1),
  fields: z
    .array(
      z.strictObject({
        name: Name,
        transform: Name,
        key_id: Name.optional(),
        categories: z.array(Name).default([]),
      }),
    )
    .min(1),
  records: z.number().int().nonnegative(),
  files: z
    .array(z.strictObject({ name: Name, bytes: z.number().int().nonnegative(), sha256: Hex256 }))
    .default([]),
  scope_digest: Hex256.optional(),
  consent_digest: Hex256.optional(),
  operator: Name,
  override: z.string().min(1).max(2000).optional().describe("the reason an operator released despite a hold"),
  channel: z.enum(["gateway", "api", "file", "manual"]).default("gateway"),
});
export type Release = z.infer<typeof ReleaseSchema>;
export type ReleaseInput = z.input<typeof ReleaseSchema>;

export const ENTRY_FORMAT = "jikimi-ledger-entry/1";

export interface EntryBody extends Release {
  format: typeof ENTRY_FORMAT;
  seq: number;
  categories: string[];
  subjects: { count: number; digest: string; key_id: string };
}

/** The entry's canonical bytes: RFC 8785 JSON in UTF-8. */
export function encodeEntry(body: EntryBody): Buffer {
  const text = canonicalize(body);
  if (text === undefined) throw new Error("entry cannot be encoded");
  return Buffer.from(text, "utf8");
}

/** Builds the body of entry `seq` from a validated release and its subject set. */
export function entryBody(seq: number, release: Release, subjects: EntryBody["subjects"]): EntryBody {
  const categories = [...new Set(release.fields.flatMap((f) => f.categories))].sort();
  return { format: ENTRY_FORMAT, seq, ...release, categories, subjects };
}
