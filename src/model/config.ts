// jikimi.yaml: the controller, the laws it answers to, where its keyring lives, taxonomy extensions.
import { z } from "zod";
import { t } from "../i18n/index.js";
import { CountryCode, Duration, durationDays, Jurisdiction, TaxonomyKey } from "./common.js";

const Entry = z.strictObject({
  key: TaxonomyKey,
  name: z.string().min(1),
  name_ko: z.string().optional(),
  description: z.string().optional(),
});

const CategoryEntry = Entry.extend({
  identifying: z.enum(["direct", "quasi", "none"]).optional(),
  join_key: z.boolean().optional(),
  credit: z.boolean().optional(),
  sensitive: z.boolean().optional(),
});

/** A witness the log sends its checkpoints to. */
export const WitnessSchema = z.strictObject({
  name: z.string().regex(/^[^\s+]+$/, { error: () => t("model.config.witness_name") }),
  url: z.url({ error: () => t("model.config.witness_url") }),
  vkey: z.string().min(1).describe("the witness's verifier key (its `jikimi witness vkey`)"),
});

export const ConfigSchema = z.strictObject({
  controller: z.strictObject({
    name: z.string().min(1).describe("legal name of the controller"),
    country: CountryCode.describe("home country of the controller"),
    jurisdictions: z.array(Jurisdiction).min(1).describe("KR: PIPA; EU: GDPR"),
    credit_information_provider: z
      .boolean()
      .default(false)
      .describe("true when the Credit Information Act applies to the controller's data"),
    privacy_officer: z.string().optional(),
  }),
  lang: z
    .enum(["ko", "en"])
    .optional()
    .describe("the language of Jikimi's output for this workspace (--lang overrides; default from LANG)"),
  keyring: z
    .string()
    .optional()
    .describe("path of the keyring file, outside the workspace's tracked files; JIKIMI_KEYRING overrides"),
  store: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|sqlite:)/i, { error: () => t("state.config.bad_store_hint") })
    .optional()
    .describe(
      "where the ledger, consent and check runs live: postgres://user@host/database (the password in PGPASSWORD, never here) or sqlite:<file>; default .jikimi/state.db; JIKIMI_DATABASE_URL overrides",
    ),
  ledger: z
    .strictObject({
      retention: Duration.refine((d) => durationDays(d) >= 3 * 365, {
        error: () => t("model.config.retention"),
      })
        .default("3y")
        .describe("how long ledger entries are kept before `jikimi ledger prune` may remove their details"),
      origin: z
        .string()
        .regex(/^[^\s+]+$/, { error: () => t("model.config.origin") })
        .optional()
        .describe(
          "the log's origin line in checkpoints and the name of its signing key (c2sp.org/tlog-checkpoint)",
        ),
      signing_key: z
        .string()
        .optional()
        .describe(
          "path of the log signing key file, outside the workspace's tracked files (default: beside the keyring as <keyring>.log-key); JIKIMI_LOG_KEY overrides",
        ),
      witnesses: z
        .array(WitnessSchema)
        .default([])
        .describe("witnesses that cosign the log's checkpoints (c2sp.org/tlog-witness)"),
      witness_quorum: z
        .number()
        .int()
        .nonnegative()
        .optional()
        .describe("how many witnesses must cosign for a checkpoint to count as witnessed (default: all)"),
      wait_for_witnesses: z
        .boolean()
        .default(false)
        .describe("hold a release's output out of place until its checkpoint has the witness quorum"),
      backdate_window: Duration.default("7d").describe(
        "how far before the clock a release's --at may lie without a recorded --override",
      ),
      output_mode: z
        .string()
        .regex(/^0?[0-7]{3}$/, { error: () => t("model.config.output_mode") })
        .default("0600")
        .describe("mode of released files, quarantine reports and manifests"),
    })
    .superRefine((ledger, ctx) => {
      const names = ledger.witnesses.map((w) => w.name);
      for (const [i, name] of names.entries())
        if (names.indexOf(name) !== i)
          ctx.addIssue({
            code: "custom",
            path: ["witnesses", i, "name"],
            message: t("model.config.witness_twice", { name }),
          });
      if (ledger.witness_quorum !== undefined && ledger.witness_quorum > ledger.witnesses.length)
        ctx.addIssue({
          code: "custom",
          path: ["witness_quorum"],
          message: t("model.config.quorum", {
            quorum: ledger.witness_quorum,
            listed: ledger.witnesses.length,
          }),
        });
      if (ledger.wait_for_witnesses && ledger.witnesses.length === 0)
        ctx.addIssue({
          code: "custom",
          path: ["wait_for_witnesses"],
          message: t("model.config.wait_without_witnesses"),
        });
    })
    .optional(),
  server: z
    .strictObject({
      input_roots: z
        .array(z.string().min(1))
        .default([])
        .describe(
          "folders on the server host whose files a release, scan or link started over the API may read by path (relative to the workspace); none by default: send the file in the request",
        ),
      output_dir: z
        .string()
        .min(1)
        .default(".jikimi/api-releases")
        .describe(
          "where releases started over the API are placed, one folder per job (relative to the workspace)",
        ),
      subject_tokens: z
        .strictObject({
          issuer: z.string().min(1).describe("the `iss` the company's backend puts in a person's token"),
          audience: z.string().min(1).default("jikimi").describe("the `aud` the token must carry"),
          public_keys: z
            .array(z.string().min(1))
            .default([])
            .describe(
              "files (PEM SPKI or a JWKS) holding the Ed25519 public keys the backend signs with, relative to the workspace; the key `jikimi tokens issue --role subject` uses is always accepted",
            ),
          max_ttl: z
            .string()
            .regex(/^[1-9][0-9]*(m|h|d)$/, { error: () => t("model.config.token_ttl") })
            .optional()
            .describe(
              "longest lifetime a person's token may have, in minutes, hours or days: 10m, 1h, 1d (default 1h)",
            ),
        })
        .optional()
        .describe("short-lived signed tokens (JWT, EdDSA) a person uses to read their own history"),
    })
    .optional()
    .describe("the HTTP API (`jikimi serve`)"),
  taxonomy: z
    .strictObject({
      categories: z.array(CategoryEntry).default([]),
      uses: z.array(Entry).default([]),
      subjects: z.array(Entry).default([]),
    })
    .optional(),
});
export type Config = z.infer<typeof ConfigSchema>;
