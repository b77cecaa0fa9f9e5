// the legal provisions findings rest on, cited by id so a rule never spells an article twice.

export type Law = "PIPA" | "CIA" | "GDPR" | "Guidance";

export interface Article {
  law: Law;
  /** e.g. "Art. 28-8(1)" */
  ref: string;
  title: string;
}

const a = (law: Law, ref: string, title: string): Article => ({ law, ref, title });

export const ARTICLES = {
  pipa3: a("PIPA", "Art. 3(1)", "collect only the minimum personal data for the purpose"),
  pipa16: a("PIPA", "Art. 16(1)", "minimum collection"),
  pipa15_4: a("PIPA", "Art. 15(1)4", "necessary to conclude or perform a contract with the data subject"),
  pipa15_6: a(
    "PIPA",
    "Art. 15(1)6",
    "the controller's legitimate interest, only where it clearly overrides the subject's rights",
  ),
  pipa17: a("PIPA", "Art. 17(1)", "provision to a third party needs consent or another lawful basis"),
  pipa17_2: a("PIPA", "Art. 17(1)2", "provision without consent only within the purposes of collection"),
  pipa17n: a(
    "PIPA",
    "Art. 17(2)",
    "consent notice: recipient, its purpose, items, retention, right to refuse",
  ),
  pipa18: a("PIPA", "Art. 18", "no use or provision beyond the purpose"),
  pipa21: a("PIPA", "Art. 21", "destruction when the retention period ends"),
  pipa22: a("PIPA", "Art. 22", "how consent is obtained: separately and clearly"),
  pipa24: a("PIPA", "Art. 24, 24-2", "unique identifiers and resident registration numbers"),
  pipa26: a("PIPA", "Art. 26(1)", "entrustment needs a written contract with the listed safeguards"),
  pipa26d: a("PIPA", "Art. 26(2)", "the entrusted task and the entrustee must be published"),
  pipa26e: a("PIPA", "Art. 26(5)", "the entrustee may not use the data beyond the entrusted task"),
  pipa28_2: a(
    "PIPA",
    "Art. 28-2",
    "pseudonymised data: statistics, research, archiving; nothing identifying to a third party",
  ),
  pipa28_4: a("PIPA", "Art. 28-4", "keep re-identification information separate"),
  pipa28_8: a(
    "PIPA",
    "Art. 28-8(1)",
    "cross-border transfer needs consent, statute, contract necessity, certification or adequacy",
  ),
  pipa28_8n: a(
    "PIPA",
    "Art. 28-8(2)",
    "cross-border consent notice: items, country, time and method, recipient and contact, purpose, retention, refusal",
  ),
  pipa29: a("PIPA", "Art. 29", "technical safeguards, including encryption of identifiers"),
  cia17: a(
    "CIA",
    "Art. 17",
    "entrustment of credit information; identifying data to an entrustee must be protected",
  ),
  cia20: a("CIA", "Art. 20(2)", "keep provision records for 3 years: date, items, reason and basis"),
  cia32: a("CIA", "Art. 32(1)", "prior, separate consent for each provision of personal credit information"),
  cia32e: a("CIA", "Art. 32(6)", "exemptions: entrustment, pseudonymised statistics and research"),
  cia40_2: a("CIA", "Art. 40-2", "pseudonymisation of credit information; re-identification data kept apart"),
  gdpr4_5: a("GDPR", "Art. 4(5)", "pseudonymisation needs additional information kept separately"),
  gdpr5b: a("GDPR", "Art. 5(1)(b)", "purpose limitation"),
  gdpr5c: a("GDPR", "Art. 5(1)(c)", "data minimisation"),
  gdpr5e: a("GDPR", "Art. 5(1)(e)", "storage limitation"),
  gdpr6: a("GDPR", "Art. 6(1)", "lawfulness of processing"),
  gdpr6b: a("GDPR", "Art. 6(1)(b)", "necessary for a contract with the data subject"),
  gdpr6f: a(
    "GDPR",
    "Art. 6(1)(f)",
    "legitimate interests, unless overridden by the subject's interests, rights and freedoms",
  ),
  gdpr7: a("GDPR", "Art. 7", "conditions for consent"),
  gdpr13: a("GDPR", "Art. 13(1)(e)(f), 13(2)(a)", "information on recipients, transfers and retention"),
  gdpr25: a("GDPR", "Art. 25", "data protection by design and by default"),
  gdpr28: a(
    "GDPR",
    "Art. 28(3), 28(10)",
    "processor contract; a processor that sets its own purposes is a controller",
  ),
  gdpr32: a("GDPR", "Art. 32(1)(a)", "pseudonymisation and encryption as security measures"),
  gdpr44: a(
    "GDPR",
    "Art. 44-46, 49",
    "transfers to third countries need adequacy, safeguards or a derogation",
  ),
  gdpr89: a("GDPR", "Art. 89(1)", "safeguards for research and statistics, including pseudonymisation"),
  hashing: a(
    "Guidance",
    "EDPB Guidelines 01/2025; ENISA 2019; AEPD/EDPS 2019",
    "an unkeyed hash of a low-entropy identifier is reversible",
  ),
} as const;
