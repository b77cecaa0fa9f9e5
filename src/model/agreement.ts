// agreements/*.yaml: one declared way personal data leaves: to whom, why, on which basis, which fields how.
import { z } from "zod";
import { t } from "../i18n/index.js";
import { ConsentPurposeId, CountryCode, Duration, FieldName, Id, IsoDate } from "./common.js";

/** `phone: keep` or `phone: { transform: pseudonym, normalize: phone_kr }`; options are checked per transform. */
export const FieldRule = z.union([
  z.string().min(1),
  z.looseObject({
    transform: z.string().min(1).describe("keep, pseudonym, token, mask, generalise, constant"),
  }),
]);

export const PhaseSchema = z.strictObject({
  name: z.string().min(1),
  from: IsoDate.optional().describe("first day the phase applies (inclusive)"),
  until: IsoDate.optional().describe("day the phase ends (exclusive)"),
  model_building: z
    .boolean()
    .default(false)
    .describe("a dated phase that may send the whole population to build a model"),
  where: z
    .string()
    .min(1)
    .default("true")
    .describe(
      'CEL over the record: which subjects are in scope. A field named in Hangul is written as it is (잔액 >= 1000000 && 등급 == "VIP"); any field may be put between backticks (`잔액`), which a field named like a CEL word (`in`, `null`) needs',
    ),
});
export type Phase = z.infer<typeof PhaseSchema>;

export const NoticeItem = z.enum([
  "recipient",
  "purpose",
  "items",
  "retention",
  "right_to_refuse",
  "country",
  "time_and_method",
  "recipient_contact",
]);
export type NoticeItem = z.infer<typeof NoticeItem>;

export const ConsentSchema = z.strictObject({
  purpose: ConsentPurposeId.describe(
    "consent purpose in the consent registry that each subject must have granted",
  ),
  separate: z.boolean().default(true).describe("asked separately from other consents (CIA Art. 32)"),
  notice: z
    .array(NoticeItem)
    .default([])
    .describe("items the consent notice tells the subject (PIPA Art. 17(2), 28-8(2))"),
  evidence: z.string().optional().describe("where the notice text and consent records are kept"),
});

export const CrossBorderSchema = z.strictObject({
  basis: z
    .enum(["consent", "statute_or_treaty", "contract_necessity", "certification", "adequacy"])
    .describe("PIPA Art. 28-8(1)"),
  gdpr_mechanism: z
    .enum(["adequacy", "sccs", "bcrs", "derogation_explicit_consent", "derogation_contract"])
    .optional()
    .describe("GDPR Chapter V"),
  disclosed: z.boolean().default(false).describe("the transfer is disclosed in the privacy policy"),
  safeguards: z.array(z.string()).default([]),
});

export const ContractClause = z.enum([
  "no_processing_beyond_task",
  "technical_safeguards",
  "purpose_and_scope",
  "sub_entrustment_limits",
  "supervision",
  "liability",
]);

export const ContractSchema = z.strictObject({
  reference: z.string().min(1),
  signed: IsoDate.optional(),
  covers: z.array(Id).default([]).describe("purposes the contract names"),
  clauses: z.array(ContractClause).default([]).describe("PIPA Art. 26(1) items the contract contains"),
});

export const AgreementSchema = z.strictObject({
  id: Id,
  version: z.number().int().positive(),
  title: z.string().optional(),
  recipient: Id,
  dataset: Id,
  legal_basis: z.enum([
    "consent",
    "entrustment",
    "contract_necessity",
    "legal_obligation",
    "pseudonymised_research",
    "legitimate_interest",
    "vital_interest",
  ]),
  purposes: z.array(Id).min(1),
  fields: z
    .record(FieldName, FieldRule)
    .refine((f) => Object.keys(f).length > 0, { error: () => t("model.agreement.no_fields") }),
  scope: z.strictObject({ phases: z.array(PhaseSchema).min(1) }).optional(),
  consent: ConsentSchema.optional(),
  cross_border: CrossBorderSchema.optional(),
  retention: z
    .strictObject({
      period: Duration.describe("how long the recipient keeps the data"),
      disposal: z.enum(["delete", "anonymise", "return"]).default("delete"),
    })
    .optional(),
  contract: ContractSchema.optional(),
  disclosure: z
    .strictObject({ published: z.boolean(), where: z.string().optional() })
    .optional()
    .describe("public disclosure of an entrustment (PIPA Art. 26(2))"),
  volume: z
    .strictObject({
      max_subjects: z.number().int().positive().optional(),
      max_growth: z
        .number()
        .positive()
        .optional()
        .describe("0.2 = at most 20% more subjects than last release"),
      max_releases_per_day: z.number().int().positive().optional(),
    })
    .optional(),
  risk: z
    .strictObject({
      quasi_identifiers: z
        .array(FieldName)
        .min(1)
        .describe("released fields a recipient could combine with other data to single people out"),
      min_k: z
        .number()
        .int()
        .positive()
        .optional()
        .describe("hold the release when a combination of the quasi-identifiers is shared by fewer records"),
      max_unique_share: z
        .number()
        .min(0)
        .max(1)
        .optional()
        .describe("hold the release when more than this share of records is unique on the quasi-identifiers"),
    })
    .optional()
    .describe("re-identification limits the share gateway checks on the released file before it leaves"),
  valid: z.strictObject({ from: IsoDate, until: IsoDate.optional() }),
  on_bad_row: z.enum(["reject", "quarantine"]).default("reject"),
  destination: z
    .strictObject({ country: CountryCode.optional(), description: z.string().optional() })
    .optional()
    .describe("where the data is stored, when not the recipient's country"),
});
export type AgreementInput = z.infer<typeof AgreementSchema>;
