// messages of src/policy/: the articles' references and titles, the words rules use for roles, parties and
// notice items, and every rule's title, description, messages, fixes and trace lines. YAML keys, codes and
// values (legal_basis, consent.notice, third_party) stay as they are in both languages: they are what the user
// types. Korean sentences put a noun after a placeholder (`{{field}} 항목이`) so no particle depends on it.
import type { KoreanOf } from "../catalogue.js";

export const en = {
  // citations: "{{law}} {{ref}}", e.g. "PIPA Art. 17(1)2"
  "policy.cite": "{{law}} {{ref}}",
  "policy.law.PIPA": "PIPA",
  "policy.law.CIA": "CIA",
  "policy.law.GDPR": "GDPR",
  "policy.law.Guidance": "Guidance",

  // articles: the English reference is the stable one JSON and SARIF carry
  "policy.article.pipa3.ref": "Art. 3(1)",
  "policy.article.pipa3.title": "collect only the minimum personal data for the purpose",
  "policy.article.pipa16.ref": "Art. 16(1)",
  "policy.article.pipa16.title": "minimum collection",
  "policy.article.pipa15_4.ref": "Art. 15(1)4",
  "policy.article.pipa15_4.title": "necessary to conclude or perform a contract with the data subject",
  "policy.article.pipa15_6.ref": "Art. 15(1)6",
  "policy.article.pipa15_6.title":
    "the controller's legitimate interest, only where it clearly overrides the subject's rights and stays within a reasonable scope",
  "policy.article.pipa17.ref": "Art. 17(1)",
  "policy.article.pipa17.title":
    "provision to a third party only with the subject's consent or in the cases of Art. 17(1)2",
  "policy.article.pipa17_2.ref": "Art. 17(1)2",
  "policy.article.pipa17_2.title":
    "without consent, provision only within the purposes of collection under Art. 15(1)2, 3 and 5 to 7 (contract necessity, Art. 15(1)4, is not among them)",
  "policy.article.pipa17n.ref": "Art. 17(2)",
  "policy.article.pipa17n.title": "consent notice: recipient, its purpose, items, retention, right to refuse",
  "policy.article.pipa18.ref": "Art. 18",
  "policy.article.pipa18.title": "no use or provision beyond the purpose",
  "policy.article.pipa21.ref": "Art. 21",
  "policy.article.pipa21.title": "destruction when the retention period ends",
  "policy.article.pipa22.ref": "Art. 22",
  "policy.article.pipa22.title": "how consent is obtained: separately and clearly",
  "policy.article.pipa24.ref": "Art. 24, 24-2",
  "policy.article.pipa24.title": "unique identifiers and resident registration numbers",
  "policy.article.pipa26.ref": "Art. 26(1)",
  "policy.article.pipa26.title": "entrustment needs a written contract with the listed safeguards",
  "policy.article.pipa26d.ref": "Art. 26(2)",
  "policy.article.pipa26d.title": "the entrusted task and the entrustee must be published",
  "policy.article.pipa26e.ref": "Art. 26(5)",
  "policy.article.pipa26e.title": "the entrustee may not use the data beyond the entrusted task",
  "policy.article.pipa28_2.ref": "Art. 28-2",
  "policy.article.pipa28_2.title":
    "pseudonymised data: statistics, research, archiving; nothing identifying to a third party",
  "policy.article.pipa28_4.ref": "Art. 28-4",
  "policy.article.pipa28_4.title": "keep re-identification information separate",
  "policy.article.pipa28_8.ref": "Art. 28-8(1)",
  "policy.article.pipa28_8.title":
    "cross-border transfer (provision, entrustment, storage) needs separate consent, a statute or treaty, entrustment or storage needed for a contract with the subject, a certified recipient, or PIPC recognition of the country",
  "policy.article.pipa28_8n.ref": "Art. 28-8(2)",
  "policy.article.pipa28_8n.title":
    "cross-border consent notice: items, country, time and method, recipient and contact, purpose, retention, refusal",
  "policy.article.pipa29.ref": "Art. 29",
  "policy.article.pipa29.title": "technical safeguards, including encryption of identifiers",
  "policy.article.cia17.ref": "Art. 17",
  "policy.article.cia17.title":
    "entrustment of credit information; identifying data to an entrustee must be protected",
  "policy.article.cia20.ref": "Art. 20(2)",
  "policy.article.cia20.title": "keep provision records for 3 years: date, items, reason and basis",
  "policy.article.cia32.ref": "Art. 32(1)",
  "policy.article.cia32.title": "prior, separate consent for each provision of personal credit information",
  "policy.article.cia32e.ref": "Art. 32(6)",
  "policy.article.cia32e.title": "exemptions: entrustment, pseudonymised statistics and research",
  "policy.article.cia40_2.ref": "Art. 40-2",
  "policy.article.cia40_2.title": "pseudonymisation of credit information; re-identification data kept apart",
  "policy.article.gdpr4_5.ref": "Art. 4(5)",
  "policy.article.gdpr4_5.title": "pseudonymisation needs additional information kept separately",
  "policy.article.gdpr5b.ref": "Art. 5(1)(b)",
  "policy.article.gdpr5b.title": "purpose limitation",
  "policy.article.gdpr5c.ref": "Art. 5(1)(c)",
  "policy.article.gdpr5c.title": "data minimisation",
  "policy.article.gdpr5e.ref": "Art. 5(1)(e)",
  "policy.article.gdpr5e.title": "storage limitation",
  "policy.article.gdpr6.ref": "Art. 6(1)",
  "policy.article.gdpr6.title": "lawfulness of processing",
  "policy.article.gdpr6b.ref": "Art. 6(1)(b)",
  "policy.article.gdpr6b.title": "necessary for a contract with the data subject",
  "policy.article.gdpr6f.ref": "Art. 6(1)(f)",
  "policy.article.gdpr6f.title":
    "legitimate interests, unless overridden by the subject's interests, rights and freedoms",
  "policy.article.gdpr7.ref": "Art. 7",
  "policy.article.gdpr7.title": "conditions for consent",
  "policy.article.gdpr13.ref": "Art. 13(1)(e)(f), 13(2)(a)",
  "policy.article.gdpr13.title": "information on recipients, transfers and retention",
  "policy.article.gdpr25.ref": "Art. 25",
  "policy.article.gdpr25.title": "data protection by design and by default",
  "policy.article.gdpr28.ref": "Art. 28(3), 28(10)",
  "policy.article.gdpr28.title": "processor contract; a processor that sets its own purposes is a controller",
  "policy.article.gdpr32.ref": "Art. 32(1)(a)",
  "policy.article.gdpr32.title": "pseudonymisation and encryption as security measures",
  "policy.article.gdpr44.ref": "Art. 44-46, 49",
  "policy.article.gdpr44.title": "transfers to third countries need adequacy, safeguards or a derogation",
  "policy.article.gdpr89.ref": "Art. 89(1)",
  "policy.article.gdpr89.title": "safeguards for research and statistics, including pseudonymisation",
  "policy.article.hashing.ref": "EDPB Guidelines 01/2025; ENISA 2019; AEPD/EDPS 2019",
  "policy.article.hashing.title": "an unkeyed hash of a low-entropy identifier is reversible",

  // words
  "policy.word.or": "{{a}} or {{b}}",
  "policy.word.and": "{{a}} and {{b}}",
  "policy.word.none": "none",
  "policy.word.nothing": "nothing",
  "policy.word.absent": "absent",
  "policy.word.declaration": "declaration",
  "policy.word.unknown_role": "unknown role",
  "policy.word.the_start": "the start",
  "policy.field_role.direct_identifier": "direct identifier",
  "policy.field_role.quasi_identifier": "quasi identifier",
  "policy.field_role.sensitive": "sensitive",
  "policy.field_role.other": "other",
  "policy.recipient_role.entrustee": "entrustee",
  "policy.recipient_role.third_party": "third party",
  "policy.recipient_role.joint_controller": "joint controller",
  "policy.party.controller": "controller",
  "policy.party.recipient": "recipient",
  "policy.party.subject": "subject",
  "policy.notice_item.recipient": "recipient",
  "policy.notice_item.purpose": "purpose",
  "policy.notice_item.items": "items",
  "policy.notice_item.retention": "retention",
  "policy.notice_item.right_to_refuse": "right_to_refuse",
  "policy.notice_item.country": "country",
  "policy.notice_item.time_and_method": "time_and_method",
  "policy.notice_item.recipient_contact": "recipient_contact",
  "policy.clause.no_processing_beyond_task": "no_processing_beyond_task",
  "policy.clause.technical_safeguards": "technical_safeguards",
  "policy.clause.purpose_and_scope": "purpose_and_scope",
  "policy.clause.sub_entrustment_limits": "sub_entrustment_limits",
  "policy.clause.supervision": "supervision",
  "policy.clause.liability": "liability",

  // trace lines several rules share
  "policy.trace.legal_basis": "legal_basis {{basis}}",
  "policy.trace.purpose_benefits": "purpose {{purpose}} benefits: {{benefits}}",
  "policy.trace.recipient_role": "recipient role {{role}}",
  "policy.trace.recipient_third_party": "recipient is a third party",
  "policy.trace.jurisdictions": "jurisdictions: {{list}}",

  // unkeyed_hash
  "policy.unkeyed_hash.title": "Unkeyed hash of an identifier",
  "policy.unkeyed_hash.description":
    "A hash without a secret key (even with a fixed salt) over a phone number, e-mail or ID is reversed by trying every possible input: the 10^8 Korean mobile numbers take seconds. It is neither encryption nor pseudonymisation.",
  "policy.unkeyed_hash.message":
    'field "{{field}}" ({{role}}) is sent as an unkeyed {{algorithm}} hash, which anyone can reverse by enumerating the possible values',
  "policy.unkeyed_hash.fix":
    "use {{transform}} (HMAC under a key the recipient never holds), or drop the field",
  "policy.unkeyed_hash.trace_transform": "transform {{transform}}: exposure unkeyed_digest",
  "policy.unkeyed_hash.trace_role": "role {{role}} from {{source}}",

  // identifier_in_clear
  "policy.identifier_in_clear.title": "Direct identifier released in clear",
  "policy.identifier_in_clear.description":
    "A name, phone number, e-mail, account or government ID kept in clear lets the recipient identify every person and join the feed with anything else it holds. To a third party this is an error; to an entrustee a warning unless its task needs the value and no credit information rides along (CIA Art. 17 asks identifying data sent to an entrustee to be protected).",
  "policy.identifier_in_clear.message":
    'direct identifier "{{field}}" goes in clear to {{recipient}} ({{role}})',
  "policy.identifier_in_clear.fix":
    "use { transform: pseudonym } (or token if you must reverse it yourself); keep it in clear only if the recipient's task needs the value itself",
  "policy.identifier_in_clear.trace_role": "role direct_identifier",
  "policy.identifier_in_clear.trace_transform": "transform {{transform}}: exposure clear",

  // cross_border_without_basis
  "policy.cross_border.title": "Cross-border transfer without a valid basis",
  "policy.cross_border.description":
    "Sending personal data to another country needs its own basis: under PIPA Art. 28-8 separate consent, a statute or treaty, entrustment or storage needed for a contract with the subject and disclosed, a PIPC-certified recipient or a recognised country; under GDPR Chapter V adequacy, safeguards such as SCCs or BCRs, or a narrow derogation.",
  "policy.cross_border.kr_message": "personal data goes from {{home}} to {{country}}, but {{reason}}",
  "policy.cross_border.kr_fix":
    "declare cross_border with a basis that holds: separate consent (with the Art. 28-8(2) notice items), a certified recipient, or, for an entrustee, a disclosed contract necessity",
  "policy.cross_border.eu_message": "transfer of EU personal data to {{country}}: {{reason}}",
  "policy.cross_border.eu_fix":
    "declare cross_border.gdpr_mechanism: sccs or bcrs with the safeguards, or rely on an adequacy decision that exists",
  "policy.cross_border.no_basis": "no cross_border basis is declared",
  "policy.cross_border.consent_without_consent":
    "the basis is consent, but the agreement requires no consent",
  "policy.cross_border.no_certification":
    "the basis is certification, but the recipient has no PIPC certification",
  "policy.cross_border.no_recognition":
    "the basis is adequacy, but no PIPC adequacy recognition covers the recipient's country",
  "policy.cross_border.not_disclosed":
    "contract necessity needs the transfer disclosed in the privacy policy or made known to the subjects",
  "policy.cross_border.contract_not_entrusted":
    'contract necessity (Art. 28-8(1)3) covers only the entrusted processing and storage a contract with the subject needs, while recipient "{{recipient}}" is declared {{role}} and receives the data for its own ends; a provision abroad needs separate consent (Art. 28-8(1)1), a certified recipient or a recognised country',
  "policy.cross_border.contract_beyond":
    "contract necessity needs a contract with the subject that the transfer serves, but purpose {{purposes}} serves the recipient or not the subject",
  "policy.cross_border.no_mechanism":
    "no GDPR Chapter V mechanism for {{country}}, which has no adequacy decision",
  "policy.cross_border.not_adequate": "{{country}} has no EU adequacy decision",
  "policy.cross_border.explicit_consent_without_consent":
    "explicit consent is claimed but the agreement requires no consent",
  "policy.cross_border.trace_controller": "controller in {{country}}",
  "policy.cross_border.trace_destination": "data goes to {{country}}",

  // entrustment_test_failed
  "policy.entrustment.title": "Not a genuine entrustment",
  "policy.entrustment.description":
    "Entrustment needs no consent only when the work serves the controller's business, the entrustee has no interest of its own beyond its fee, it works under a written contract and supervision, and the entrustment is published. Otherwise it is a provision to a third party, which needs consent (PIPA Art. 17, CIA Art. 32).",
  "policy.entrustment.serves_recipient":
    'purpose "{{purpose}}" benefits the recipient itself, so this is a provision to a third party, not an entrustment',
  "policy.entrustment.serves_recipient_fix":
    "change legal_basis to consent (with a notice) or remove the purpose that serves the recipient",
  "policy.entrustment.not_entrustee": 'recipient "{{recipient}}" is declared as {{role}}, not an entrustee',
  "policy.entrustment.not_entrustee_fix":
    "declare the recipient as entrustee only if it processes solely for you; otherwise use a provision basis",
  "policy.entrustment.no_contract": "entrustment without a written contract",
  "policy.entrustment.no_contract_fix": "declare contract: { reference, covers: [purposes], clauses: [...] }",
  "policy.entrustment.no_contract_trace": "no contract declared",
  "policy.entrustment.uncovered_one": "the contract does not cover purpose {{purposes}}",
  "policy.entrustment.uncovered_other": "the contract does not cover purposes {{purposes}}",
  "policy.entrustment.uncovered_fix":
    "amend the contract to name every entrusted purpose, or stop sending data for the others",
  "policy.entrustment.uncovered_trace": "contract {{reference}} covers: {{covers}}",
  "policy.entrustment.clauses": "the contract lacks Art. 26(1) items: {{clauses}}",
  "policy.entrustment.clauses_fix": "add the missing clauses to the contract and list them here",
  "policy.entrustment.clauses_trace": "clauses: {{clauses}}",
  "policy.entrustment.unpublished": "the entrustment is not published",
  "policy.entrustment.unpublished_fix":
    "publish the entrusted task and the entrustee in the privacy policy and declare disclosure: { published: true, where: ... }",
  "policy.entrustment.unpublished_trace": "disclosure.published is not true",

  // legal_basis_mismatch
  "policy.legal_basis.title": "Legal basis does not fit the provision",
  "policy.legal_basis.description":
    "A basis holds only for the provision it was made for. Contract necessity needs a contract with the subject that the provision serves, so its purposes must serve the subject and not the recipient's own ends; under PIPA it carries no provision to a third party at all (Art. 17(1)2 allows provision without consent only within the purposes of collection under Art. 15(1)2, 3 and 5 to 7, which leaves out contract necessity, Art. 15(1)4), only processing by the controller and its entrustees (Art. 26). Legitimate interest cannot carry a purpose that serves the recipient under PIPA (Art. 15(1)6 needs the controller's own interest to clearly override the subject's rights; Art. 17(1)2 allows provision without consent only within the purposes of collection under Art. 15(1)2, 3 and 5 to 7); under GDPR Art. 6(1)(f) it needs a balancing test the declarations do not record (a gap). Personal credit information still needs Credit Information Act Art. 32 consent (Art. 32(6)2 exempts contract performance only through entrustment). Consent-based provision to a recipient declared an entrustee contradicts itself: entrustment is PIPA Art. 26, not provision under Art. 17.",
  "policy.legal_basis.refused":
    'purpose "{{purpose}}" serves the recipient\'s own ends, which the basis "{{basis}}" cannot carry under {{laws}}',
  "policy.legal_basis.refused_fix":
    "rest the provision on the subjects' separate consent (with the notice), or stop sending data for the purpose that serves the recipient",
  "policy.legal_basis.refused_trace": "{{basis}} refuses a recipient's benefit under {{areas}}",
  "policy.legal_basis.weighed":
    'purpose "{{purpose}}" serves the recipient; the basis "{{basis}}" holds for it only after a balancing test of the recipient\'s interest against the subjects\' rights, which the declarations do not record',
  "policy.legal_basis.weighed_fix":
    "document the balancing of the recipient's interest against the subjects' rights, or rest the provision on consent",
  "policy.legal_basis.weighed_trace": "{{basis}} weighs a recipient's benefit",
  "policy.legal_basis.not_subject":
    'purpose "{{purpose}}" serves {{who}}, not the data subject: no contract with the subject needs this provision',
  "policy.legal_basis.not_subject_fix":
    "rest the provision on consent, or declare the purpose the subject's contract needs (benefits: [subject])",
  "policy.legal_basis.not_subject_trace": "{{basis}} holds only for a provision that serves the subject",
  "policy.legal_basis.third_party":
    'recipient "{{recipient}}" is declared {{role}} and receives the data for its own ends: a provision to a third party, which the basis "{{basis}}" cannot carry under {{laws}}',
  "policy.legal_basis.third_party_fix":
    "rest the provision on the subjects' separate consent (with the notice items); if the recipient only processes the data for you, declare it entrustee and rest the agreement on entrustment, with a written contract, published",
  "policy.legal_basis.third_party_trace": "{{basis}} carries no provision to a third party under {{areas}}",
  "policy.legal_basis.entrustee":
    'the agreement provides data on consent, but recipient "{{recipient}}" is declared an entrustee: entrustment is processing for you under a contract (PIPA Art. 26), not a provision under Art. 17',
  "policy.legal_basis.entrustee_fix":
    "declare the recipient third_party if it uses the data for its own ends; if it only processes for you, rest the agreement on entrustment with a written contract and publish it",
  "policy.legal_basis.entrustee_trace": "legal_basis {{basis}} needs consent: a provision",
  "policy.legal_basis.entrustee_role_trace": "recipient role entrustee",

  // credit_consent_required
  "policy.credit_consent.title": "Credit information provided without consent",
  "policy.credit_consent.description":
    "Under the Credit Information Act a provider must obtain prior, separate consent for each provision of personal credit information to a third party, unless an Art. 32(6) exemption (entrustment, pseudonymised statistics or research, provision under another statute) applies. A released field with no category could be credit information: that is a gap, not a pass.",
  "policy.credit_consent.unknown_one":
    '"{{basis}}" does not replace Art. 32 consent for credit information, and the released field {{fields}} has no category to tell whether it is',
  "policy.credit_consent.unknown_other":
    '"{{basis}}" does not replace Art. 32 consent for credit information, and the released fields {{fields}} have no category to tell whether they are',
  "policy.credit_consent.unknown_fix":
    "declare the categories of every released field in the dataset, so the check can tell credit information apart",
  "policy.credit_consent.unknown_trace": "no category: {{fields}}",
  "policy.credit_consent.message":
    'personal credit information goes to a third party on "{{basis}}", which does not replace the consent Art. 32 requires',
  "policy.credit_consent.fix":
    "obtain separate consent (declare consent: { purpose, notice }) or rely on an Art. 32(6) exemption that applies",
  "policy.credit_consent.credit_trace": "credit categories released",

  // consent_notice_incomplete
  "policy.consent_notice.title": "Consent without the notice the law requires",
  "policy.consent_notice.description":
    "Consent to a provision is valid only after a notice naming the recipient, its purpose, the items, the retention and the right to refuse (PIPA Art. 17(2)); a transfer abroad adds the country, the time and method and the recipient's contact (Art. 28-8(2)). Credit information needs separate consent (CIA Art. 32).",
  "policy.consent_notice.no_consent":
    "the agreement relies on consent but names no consent purpose to check each subject against",
  "policy.consent_notice.no_consent_fix":
    "declare consent: { purpose, notice: [...] } so only consenting subjects are released",
  "policy.consent_notice.no_consent_trace": "consent: absent",
  "policy.consent_notice.missing": "the consent notice does not tell the subject: {{items}}",
  "policy.consent_notice.missing_fix": "add {{items}} to the notice text and list them under consent.notice",
  "policy.consent_notice.required_trace": "required: {{items}}",
  "policy.consent_notice.declared_trace": "declared: {{items}}",
  "policy.consent_notice.bundled": "consent to this provision is bundled with other consents",
  "policy.consent_notice.bundled_fix": "ask for this consent separately and set separate: true",
  "policy.consent_notice.bundled_trace": "separate: false",

  // unscoped_population
  "policy.unscoped_population.title": "Whole population sent for a per-subject purpose",
  "policy.unscoped_population.description":
    "When a purpose is needed only for some subjects (e.g. a risk score only for customers who linked the app store), sending every customer goes beyond the purpose. The whole population may go only in a model-building phase that ends on a date. Checked for a day, the phase in force that day is judged (every phase when none is); a phase's condition is compared with the purpose's by meaning, so `linked == true` and `linked` are the same.",
  "policy.unscoped_population.no_scope":
    "purpose {{purposes}} is needed only for some subjects ({{description}}), but the agreement has no scope: every subject is sent",
  "policy.unscoped_population.no_scope_fix": "add scope.phases with where: {{condition}}",
  "policy.unscoped_population.no_scope_trace": "no scope declared",
  "policy.unscoped_population.in_force": 'phase "{{phase}}" is in force on {{at}}',
  "policy.unscoped_population.none_in_force": "no phase is in force on {{at}}: every phase is judged",
  "policy.unscoped_population.endless":
    'model-building phase "{{phase}}" has no end date, so the whole population may be sent for ever',
  "policy.unscoped_population.endless_fix": "give the model-building phase an until: date",
  "policy.unscoped_population.until_absent_trace": "until: absent",
  "policy.unscoped_population.everyone":
    'phase "{{phase}}" (from {{from}}) sends every subject, but purpose {{purposes}} is needed only for {{description}}',
  "policy.unscoped_population.everyone_fix": "restrict the phase: where: {{condition}}",
  "policy.unscoped_population.everyone_trace": "phase {{phase}}: where selects everyone",
  "policy.unscoped_population.not_required":
    'phase "{{phase}}" does not require the condition of purpose {{purpose}} ({{condition}}), so it may send subjects who do not need it',
  "policy.unscoped_population.not_required_fix": 'add "&& {{condition}}" to the phase\'s where',
  "policy.unscoped_population.clauses_trace": "phase clauses: {{clauses}}",
  "policy.unscoped_population.condition_trace": "purpose condition: {{condition}}",

  // linkable_join_key
  "policy.linkable_join_key.title": "Two feeds to one recipient share a join key",
  "policy.linkable_join_key.description":
    "When two agreements send the same identifier to the same recipient (one company, even when it is declared twice for two roles) in clear, as an unkeyed hash, or under the same pseudonym key, the recipient can join the feeds into a profile neither agreement allows. Give each agreement its own pseudonym key, or drop the identifier from the feed that does not need it.",
  "policy.linkable_join_key.global": "{{category}} in a form anyone can match (clear or unkeyed hash)",
  "policy.linkable_join_key.shared": '{{category}} under the shared key "{{key}}"',
  "policy.linkable_join_key.message":
    'field "{{field}}" sends {{what}} to {{recipient}}, and agreement "{{other}}" ({{file}}) sends the same, so the recipient can join the two feeds',
  "policy.linkable_join_key.fix":
    "drop the identifier from the feed that does not need it, or use { transform: pseudonym } without a shared link_key so each feed gets its own key",
  "policy.linkable_join_key.recipient_trace": "recipient {{recipient}}",
  "policy.linkable_join_key.same_company_trace":
    "recipients {{recipient}} and {{other}} are one company: {{name}}",
  "policy.linkable_join_key.handle_trace": "join handle {{handle}}",
  "policy.linkable_join_key.also_trace": "also in {{other}}",

  // unneeded_category
  "policy.unneeded_category.title": "Data the purpose does not need",
  "policy.unneeded_category.description":
    "Each purpose declares the data categories it needs. A released field whose categories no purpose of the agreement needs breaks minimisation: settlement needs orders and payments, not the account ID that lets the recipient join feeds.",
  "policy.unneeded_category.message":
    'field "{{field}}" carries {{categories}}, which no purpose of the agreement ({{purposes}}) needs',
  "policy.unneeded_category.fix":
    'stop releasing "{{field}}", or add the category to a purpose\'s needs if the purpose truly requires it',
  "policy.unneeded_category.needs_trace": "purposes need: {{needs}}",
  "policy.unneeded_category.categories_trace": "field categories: {{categories}}",

  // pseudonymised_with_identifiers
  "policy.pseudonymised.title": "Pseudonymised release still identifies people",
  "policy.pseudonymised.description":
    "The pseudonymised-data exemption covers statistics, research and archiving only, and only when nothing that could identify a person reaches the recipient: direct identifiers must be dropped or replaced by keyed pseudonyms whose key stays with the controller.",
  "policy.pseudonymised.identifier":
    'direct identifier "{{field}}" leaves as {{transform}} under the pseudonymised-research basis',
  "policy.pseudonymised.identifier_fix":
    "drop it, or use { transform: pseudonym } with a key the recipient never holds",
  "policy.pseudonymised.exposure_trace": "exposure {{exposure}}",
  "policy.pseudonymised.purpose":
    'purpose "{{purpose}}" ({{use}}) is not statistics, research or archiving, so the pseudonymised-data basis does not cover it',
  "policy.pseudonymised.purpose_fix": "use a basis that covers the purpose (e.g. consent)",
  "policy.pseudonymised.use_trace": "use {{use}}",

  // missing_retention
  "policy.missing_retention.title": "No retention period at the recipient",
  "policy.missing_retention.description":
    "The recipient's retention period is a required item of the provision notice, and data kept without an end is kept beyond its purpose. Declare the period and the disposal (delete, anonymise or return).",
  "policy.missing_retention.message": 'agreement "{{id}}" does not say how long {{recipient}} keeps the data',
  "policy.missing_retention.fix":
    "add retention: { period: 1y, disposal: delete } with the period the contract sets",
  "policy.missing_retention.trace": "retention: absent",

  // agreement_expired, agreement_not_yet_valid
  "policy.validity.title": "Agreement outside its validity dates",
  "policy.validity.description":
    "An agreement whose end date has passed is no basis for further releases; renew the contract and the declaration, or retire it. One that has not started yet is reported as a warning.",
  "policy.validity.expired": 'agreement "{{id}}" ended on {{until}} (checked for {{at}})',
  "policy.validity.expired_fix":
    "renew the agreement with a new version and valid dates, or move it out of agreements/",
  "policy.validity.expired_trace": "valid.until {{until}} <= {{at}}",
  "policy.validity.not_yet": 'agreement "{{id}}" starts on {{from}} (checked for {{at}})',
  "policy.validity.not_yet_fix": "nothing to do before that date; share refuses to run it until then",
  "policy.validity.not_yet_trace": "valid.from {{from}} > {{at}}",

  // undeclared_field
  "policy.undeclared_field.title": "Released field has no declared data category",
  "policy.undeclared_field.description":
    "Every released field must say which data categories it holds, or minimisation, identifier and credit-information rules cannot judge it, and the provision record cannot name the items released.",
  "policy.undeclared_field.message":
    'field "{{field}}" is released but dataset "{{dataset}}" declares no data category for it',
  "policy.undeclared_field.fix":
    "add categories to {{field}} in the dataset (e.g. user.financial.balance), or stop releasing it",
  "policy.undeclared_field.trace": "dataset {{dataset}} field {{field}}: categories []",

  // missing_volume_limits
  "policy.missing_volume_limits.title": "No volume limits",
  "policy.missing_volume_limits.description":
    "Volume limits (max_subjects, max_growth, max_releases_per_day) let `jikimi share` hold a release that is five times its usual size before it leaves. An agreement without them cannot be guarded.",
  "policy.missing_volume_limits.message": 'agreement "{{id}}" sets neither max_subjects nor max_growth',
  "policy.missing_volume_limits.fix":
    "add volume: { max_subjects: N, max_growth: 0.2, max_releases_per_day: 1 }",
  "policy.missing_volume_limits.trace": "volume limits absent",
} as const;

export const ko: KoreanOf<typeof en> = {
  "policy.cite": "{{law}} {{ref}}",
  "policy.law.PIPA": "개인정보 보호법",
  "policy.law.CIA": "신용정보법",
  "policy.law.GDPR": "GDPR",
  "policy.law.Guidance": "가이드라인",

  "policy.article.pipa3.ref": "제3조제1항",
  "policy.article.pipa3.title": "처리 목적에 필요한 범위에서 최소한의 개인정보만 수집",
  "policy.article.pipa16.ref": "제16조제1항",
  "policy.article.pipa16.title": "최소한의 개인정보 수집",
  "policy.article.pipa15_4.ref": "제15조제1항제4호",
  "policy.article.pipa15_4.title": "정보주체와의 계약 체결·이행을 위하여 필요한 경우",
  "policy.article.pipa15_6.ref": "제15조제1항제6호",
  "policy.article.pipa15_6.title":
    "개인정보처리자의 정당한 이익: 명백하게 정보주체의 권리보다 우선하고 합리적인 범위를 초과하지 않는 경우에 한함",
  "policy.article.pipa17.ref": "제17조제1항",
  "policy.article.pipa17.title":
    "제3자 제공은 정보주체의 동의를 받은 경우 또는 제17조제1항제2호에 해당하는 경우에만 가능",
  "policy.article.pipa17_2.ref": "제17조제1항제2호",
  "policy.article.pipa17_2.title":
    "동의 없는 제공은 제15조제1항제2호·제3호 및 제5호부터 제7호까지에 따라 수집한 목적 범위에서만 가능(계약 체결·이행에 관한 제4호는 포함되지 않음)",
  "policy.article.pipa17n.ref": "제17조제2항",
  "policy.article.pipa17n.title":
    "제공 동의 시 알릴 사항: 제공받는 자, 이용 목적, 제공 항목, 보유·이용 기간, 동의 거부 권리와 불이익",
  "policy.article.pipa18.ref": "제18조",
  "policy.article.pipa18.title": "개인정보의 목적 외 이용·제공 제한",
  "policy.article.pipa21.ref": "제21조",
  "policy.article.pipa21.title": "보유기간 경과 등으로 불필요하게 된 개인정보의 파기",
  "policy.article.pipa22.ref": "제22조",
  "policy.article.pipa22.title": "동의를 받는 방법: 각각의 동의 사항을 구분하여 명확하게",
  "policy.article.pipa24.ref": "제24조, 제24조의2",
  "policy.article.pipa24.title": "고유식별정보 및 주민등록번호의 처리 제한",
  "policy.article.pipa26.ref": "제26조제1항",
  "policy.article.pipa26.title": "업무위탁은 법정 사항을 포함한 문서로 하여야 함",
  "policy.article.pipa26d.ref": "제26조제2항",
  "policy.article.pipa26d.title": "위탁하는 업무의 내용과 수탁자의 공개",
  "policy.article.pipa26e.ref": "제26조제5항",
  "policy.article.pipa26e.title":
    "수탁자는 위탁받은 업무 범위를 초과하여 이용하거나 제3자에게 제공할 수 없음",
  "policy.article.pipa28_2.ref": "제28조의2",
  "policy.article.pipa28_2.title":
    "가명정보는 통계작성·과학적 연구·공익적 기록보존 등을 위하여 처리하며, 제3자 제공 시 특정 개인을 알아보기 위한 정보를 포함할 수 없음",
  "policy.article.pipa28_4.ref": "제28조의4",
  "policy.article.pipa28_4.title": "가명정보를 원래 상태로 복원하기 위한 추가 정보의 분리 보관",
  "policy.article.pipa28_8.ref": "제28조의8제1항",
  "policy.article.pipa28_8.title":
    "국외 이전(제공·처리위탁·보관)은 별도 동의, 법률·조약, 정보주체와의 계약 체결·이행에 필요한 처리위탁·보관, 이전받는 자의 인증, 또는 이전 대상국에 대한 보호위원회의 인정이 있어야 함",
  "policy.article.pipa28_8n.ref": "제28조의8제2항",
  "policy.article.pipa28_8n.title":
    "국외 이전 동의 시 알릴 사항: 이전 항목, 이전 국가·시기·방법, 이전받는 자의 성명과 연락처, 이용 목적과 보유·이용 기간, 거부 방법·절차와 효과",
  "policy.article.pipa29.ref": "제29조",
  "policy.article.pipa29.title": "안전조치의무(식별자 암호화 등 기술적 보호조치)",
  "policy.article.cia17.ref": "제17조",
  "policy.article.cia17.title": "신용정보 처리의 위탁: 수탁자에게 보내는 식별 정보의 보호조치",
  "policy.article.cia20.ref": "제20조제2항",
  "policy.article.cia20.title": "개인신용정보 제공 기록 3년 보존: 제공 일자, 주요 내용, 사유와 근거",
  "policy.article.cia32.ref": "제32조제1항",
  "policy.article.cia32.title": "개인신용정보를 제공할 때마다 미리 개별적으로 받는 동의",
  "policy.article.cia32e.ref": "제32조제6항",
  "policy.article.cia32e.title": "동의의 예외: 처리위탁, 통계작성·연구 등을 위한 가명정보 제공 등",
  "policy.article.cia40_2.ref": "제40조의2",
  "policy.article.cia40_2.title": "신용정보의 가명처리: 추가 정보의 분리 보관 또는 삭제",
  "policy.article.gdpr4_5.ref": "제4조제5호",
  "policy.article.gdpr4_5.title": "가명처리: 추가 정보를 분리하여 보관하여야 함",
  "policy.article.gdpr5b.ref": "제5조제1항(b)",
  "policy.article.gdpr5b.title": "목적 제한",
  "policy.article.gdpr5c.ref": "제5조제1항(c)",
  "policy.article.gdpr5c.title": "개인정보 최소화",
  "policy.article.gdpr5e.ref": "제5조제1항(e)",
  "policy.article.gdpr5e.title": "보관 기간 제한",
  "policy.article.gdpr6.ref": "제6조제1항",
  "policy.article.gdpr6.title": "처리의 적법성",
  "policy.article.gdpr6b.ref": "제6조제1항(b)",
  "policy.article.gdpr6b.title": "정보주체와의 계약 이행에 필요한 처리",
  "policy.article.gdpr6f.ref": "제6조제1항(f)",
  "policy.article.gdpr6f.title": "정당한 이익: 정보주체의 이익, 권리와 자유가 우선하지 않는 경우에 한함",
  "policy.article.gdpr7.ref": "제7조",
  "policy.article.gdpr7.title": "동의의 조건",
  "policy.article.gdpr13.ref": "제13조제1항(e)·(f), 제13조제2항(a)",
  "policy.article.gdpr13.title": "수령인, 국외 이전, 보관 기간에 관한 정보 제공",
  "policy.article.gdpr25.ref": "제25조",
  "policy.article.gdpr25.title": "설계 및 기본설정에 의한 개인정보 보호",
  "policy.article.gdpr28.ref": "제28조제3항, 제28조제10항",
  "policy.article.gdpr28.title": "프로세서 계약; 처리 목적을 스스로 정하는 프로세서는 컨트롤러로 봄",
  "policy.article.gdpr32.ref": "제32조제1항(a)",
  "policy.article.gdpr32.title": "보안 조치로서의 가명처리와 암호화",
  "policy.article.gdpr44.ref": "제44조부터 제46조까지, 제49조",
  "policy.article.gdpr44.title": "제3국 이전에는 적정성 결정, 적절한 보호조치 또는 예외 사유가 필요",
  "policy.article.gdpr89.ref": "제89조제1항",
  "policy.article.gdpr89.title": "연구·통계 목적 처리의 보호조치(가명처리 포함)",
  "policy.article.hashing.ref": "EDPB 01/2025, ENISA 2019, AEPD·EDPS 2019",
  "policy.article.hashing.title": "엔트로피가 낮은 식별자의 키 없는 해시는 원래 값으로 되돌릴 수 있음",

  "policy.word.or": "{{a}} 또는 {{b}}",
  "policy.word.and": "{{a}} 및 {{b}}",
  "policy.word.none": "없음",
  "policy.word.nothing": "없음",
  "policy.word.absent": "없음",
  "policy.word.declaration": "데이터셋 선언",
  "policy.word.unknown_role": "역할 미상",
  "policy.word.the_start": "처음",
  "policy.field_role.direct_identifier": "직접 식별자",
  "policy.field_role.quasi_identifier": "준식별자",
  "policy.field_role.sensitive": "민감정보",
  "policy.field_role.other": "기타 정보",
  "policy.recipient_role.entrustee": "수탁자",
  "policy.recipient_role.third_party": "제3자",
  "policy.recipient_role.joint_controller": "공동 개인정보처리자",
  "policy.party.controller": "개인정보처리자",
  "policy.party.recipient": "수령자",
  "policy.party.subject": "정보주체",
  "policy.notice_item.recipient": "제공받는 자(recipient)",
  "policy.notice_item.purpose": "이용 목적(purpose)",
  "policy.notice_item.items": "제공 항목(items)",
  "policy.notice_item.retention": "보유·이용 기간(retention)",
  "policy.notice_item.right_to_refuse": "동의 거부 권리와 불이익(right_to_refuse)",
  "policy.notice_item.country": "이전 국가(country)",
  "policy.notice_item.time_and_method": "이전 시기와 방법(time_and_method)",
  "policy.notice_item.recipient_contact": "이전받는 자의 연락처(recipient_contact)",
  "policy.clause.no_processing_beyond_task": "위탁업무 수행 목적 외 처리 금지(no_processing_beyond_task)",
  "policy.clause.technical_safeguards": "기술적·관리적 보호조치(technical_safeguards)",
  "policy.clause.purpose_and_scope": "위탁업무의 목적과 범위(purpose_and_scope)",
  "policy.clause.sub_entrustment_limits": "재위탁 제한(sub_entrustment_limits)",
  "policy.clause.supervision": "관리 현황 점검 등 감독(supervision)",
  "policy.clause.liability": "손해배상 등 책임(liability)",

  "policy.trace.legal_basis": "법적 근거(legal_basis) {{basis}}",
  "policy.trace.purpose_benefits": "{{purpose}} 목적의 수혜자: {{benefits}}",
  "policy.trace.recipient_role": "수령자 역할 {{role}}",
  "policy.trace.recipient_third_party": "수령자가 제3자임",
  "policy.trace.jurisdictions": "적용 법역: {{list}}",

  "policy.unkeyed_hash.title": "식별자를 키 없는 해시로 제공",
  "policy.unkeyed_hash.description":
    "비밀 키 없는 해시(고정 솔트를 붙여도 마찬가지)로 바꾼 전화번호, 이메일, ID는 가능한 입력을 모두 대입해 보면 원래 값으로 되돌릴 수 있습니다. 국내 휴대전화번호 1억 개는 몇 초면 충분합니다. 이는 암호화도 가명처리도 아닙니다.",
  "policy.unkeyed_hash.message":
    '"{{field}}" 항목({{role}})이 키 없는 {{algorithm}} 해시로 제공됩니다. 가능한 값을 모두 대입하면 누구나 원래 값을 알아낼 수 있습니다',
  "policy.unkeyed_hash.fix":
    "수령자가 갖지 않는 키로 계산하는 HMAC 변환을 쓰거나 이 항목을 빼세요: {{transform}}",
  "policy.unkeyed_hash.trace_transform": "변환 {{transform}}: 노출 형태 unkeyed_digest",
  "policy.unkeyed_hash.trace_role": "역할 {{role}} ({{source}}에서 도출)",

  "policy.identifier_in_clear.title": "직접 식별자를 평문으로 제공",
  "policy.identifier_in_clear.description":
    "이름, 전화번호, 이메일, 계좌번호, 주민등록번호 같은 식별자를 평문으로 보내면 수령자는 모든 정보주체를 알아볼 수 있고, 자신이 가진 다른 정보와 결합할 수 있습니다. 제3자에게 제공하면 오류이고, 수탁자에게 보내면 경고입니다. 다만 수탁자의 업무에 그 값 자체가 필요하고 개인신용정보가 함께 가지 않으면 지적하지 않습니다(신용정보법 제17조는 수탁자에게 보내는 식별 정보의 보호조치를 요구합니다).",
  "policy.identifier_in_clear.message":
    '직접 식별자 "{{field}}" 항목이 {{recipient}}({{role}})에게 평문으로 제공됩니다',
  "policy.identifier_in_clear.fix":
    "{ transform: pseudonym }을 쓰세요(직접 원래 값으로 되돌려야 한다면 token). 수령자의 업무에 값 자체가 필요할 때만 평문으로 두세요",
  "policy.identifier_in_clear.trace_role": "역할 direct_identifier",
  "policy.identifier_in_clear.trace_transform": "변환 {{transform}}: 노출 형태 clear",

  "policy.cross_border.title": "유효한 근거 없는 국외 이전",
  "policy.cross_border.description":
    "개인정보를 다른 나라로 보내려면 국외 이전의 근거가 따로 있어야 합니다. 개인정보 보호법 제28조의8에 따르면 별도 동의, 법률이나 조약, 정보주체와의 계약 체결·이행에 필요한 처리위탁·보관(공개하거나 알린 경우), 보호위원회가 정한 인증을 받은 수령자, 또는 보호위원회가 보호수준을 인정한 국가가 필요합니다. GDPR 제5장에 따르면 적정성 결정, 표준계약조항(SCC)이나 구속력 있는 기업규칙(BCR) 같은 적절한 보호조치, 또는 좁게 인정되는 예외 사유가 필요합니다.",
  "policy.cross_border.kr_message": "개인정보가 {{home}}에서 국외({{country}})로 이전되지만, {{reason}}",
  "policy.cross_border.kr_fix":
    "성립하는 근거로 cross_border를 선언하세요: 별도 동의(제28조의8제2항의 고지 사항 포함), 인증을 받은 수령자, 또는 수탁자에 대해서는 공개된 계약 체결·이행상의 필요",
  "policy.cross_border.eu_message": "EU 개인정보의 국외({{country}}) 이전: {{reason}}",
  "policy.cross_border.eu_fix":
    "cross_border.gdpr_mechanism에 sccs 또는 bcrs를 보호조치와 함께 선언하거나, 실제로 있는 적정성 결정에 근거하세요",
  "policy.cross_border.no_basis": "cross_border 근거가 선언되어 있지 않습니다",
  "policy.cross_border.consent_without_consent": "근거는 동의인데 제공 계약에 동의 요건(consent)이 없습니다",
  "policy.cross_border.no_certification": "근거는 인증인데 수령자에게 보호위원회 인증이 없습니다",
  "policy.cross_border.no_recognition":
    "근거는 보호수준 인정인데 수령자 소재국에 대한 보호위원회의 인정이 없습니다",
  "policy.cross_border.not_disclosed":
    "계약 체결·이행상의 필요를 근거로 하려면 이전에 관한 사항을 개인정보 처리방침에 공개하거나 정보주체에게 알려야 합니다",
  "policy.cross_border.contract_not_entrusted":
    '계약 체결·이행상의 필요(제28조의8제1항제3호)는 정보주체와의 계약에 필요한 처리위탁·보관에만 근거가 되는데, "{{recipient}}" 수령자는 {{role}} 역할로 선언되어 정보를 자신의 목적으로 받습니다. 국외 제공에는 별도 동의(제28조의8제1항제1호), 인증을 받은 수령자 또는 보호수준이 인정된 국가가 필요합니다',
  "policy.cross_border.contract_beyond":
    "계약 체결·이행상의 필요는 이전이 정보주체와의 계약에 쓰일 때만 근거가 되는데, {{purposes}} 목적은 수령자를 위한 것이거나 정보주체를 위한 것이 아닙니다",
  "policy.cross_border.no_mechanism":
    "적정성 결정이 없는 국가({{country}})로 이전하는데 GDPR 제5장의 이전 수단이 없습니다",
  "policy.cross_border.not_adequate": "이전 대상국({{country}})에 대한 EU 적정성 결정이 없습니다",
  "policy.cross_border.explicit_consent_without_consent":
    "명시적 동의를 근거로 들었는데 제공 계약에 동의 요건(consent)이 없습니다",
  "policy.cross_border.trace_controller": "개인정보처리자 소재국 {{country}}",
  "policy.cross_border.trace_destination": "이전 대상국 {{country}}",

  "policy.entrustment.title": "처리위탁의 요건을 갖추지 못함",
  "policy.entrustment.description":
    "처리위탁이 동의 없이 가능하려면 위탁 업무가 개인정보처리자 자신의 업무를 위한 것이고, 수탁자에게 위탁 대가 외의 독자적인 이익이 없으며, 수탁자가 문서로 된 계약과 감독 아래 처리하고, 위탁 사실이 공개되어 있어야 합니다. 그렇지 않으면 제3자 제공이며 동의가 필요합니다(개인정보 보호법 제17조, 신용정보법 제32조).",
  "policy.entrustment.serves_recipient":
    '"{{purpose}}" 목적은 수령자 자신에게 이익이 되므로, 처리위탁이 아니라 제3자 제공입니다',
  "policy.entrustment.serves_recipient_fix":
    "legal_basis를 consent(고지 포함)로 바꾸거나, 수령자를 위한 목적을 빼세요",
  "policy.entrustment.not_entrustee":
    '"{{recipient}}" 수령자는 수탁자가 아니라 {{role}} 역할로 선언되어 있습니다',
  "policy.entrustment.not_entrustee_fix":
    "수령자가 위탁받은 업무만 처리할 때만 entrustee로 선언하세요. 그렇지 않으면 제3자 제공의 근거를 쓰세요",
  "policy.entrustment.no_contract": "문서로 된 위탁 계약이 없는 처리위탁입니다",
  "policy.entrustment.no_contract_fix":
    "contract: { reference, covers: [목적], clauses: [...] }를 선언하세요",
  "policy.entrustment.no_contract_trace": "선언된 계약 없음",
  "policy.entrustment.uncovered_other": "위탁 계약이 다음 목적을 포함하지 않습니다: {{purposes}}",
  "policy.entrustment.uncovered_fix":
    "위탁하는 모든 목적을 계약에 명시하거나, 나머지 목적으로는 제공을 중단하세요",
  "policy.entrustment.uncovered_trace": "계약 {{reference}}의 대상 목적: {{covers}}",
  "policy.entrustment.clauses": "위탁 계약에 제26조제1항의 필수 사항이 빠져 있습니다: {{clauses}}",
  "policy.entrustment.clauses_fix": "빠진 사항을 계약에 넣고 여기 clauses에 나열하세요",
  "policy.entrustment.clauses_trace": "계약 조항: {{clauses}}",
  "policy.entrustment.unpublished": "처리위탁 사실이 공개되어 있지 않습니다",
  "policy.entrustment.unpublished_fix":
    "위탁하는 업무의 내용과 수탁자를 개인정보 처리방침에 공개하고 disclosure: { published: true, where: ... }를 선언하세요",
  "policy.entrustment.unpublished_trace": "disclosure.published가 true가 아님",

  "policy.legal_basis.title": "제공에 맞지 않는 법적 근거",
  "policy.legal_basis.description":
    "법적 근거는 그 근거가 예정한 제공에만 성립합니다. 계약 이행상의 필요는 제공이 정보주체와의 계약에 쓰여야 하므로, 목적이 수령자 자신이 아니라 정보주체를 위한 것이어야 합니다. 또한 계약 이행상의 필요는 개인정보 보호법상 제3자 제공의 근거가 될 수 없고(제17조제1항제2호는 동의 없는 제공을 제15조제1항제2호·제3호 및 제5호부터 제7호까지에 따라 수집한 목적 범위로 한정하며, 계약 체결·이행에 관한 제15조제1항제4호는 포함하지 않습니다), 개인정보처리자 자신의 처리와 수탁자의 처리(제26조)에만 근거가 됩니다. 정당한 이익은 개인정보 보호법상 수령자를 위한 목적의 제공을 뒷받침하지 못합니다(제15조제1항제6호는 개인정보처리자 자신의 이익이 명백하게 정보주체의 권리보다 우선할 것을 요구하고, 제17조제1항제2호는 동의 없는 제공을 제15조제1항제2호·제3호 및 제5호부터 제7호까지에 따라 수집한 목적 범위로 한정합니다). GDPR 제6조제1항(f)에 따르면 선언에 기록되지 않은 비교형량이 필요합니다(판단 불가). 개인신용정보는 여전히 신용정보법 제32조의 동의가 필요합니다(계약 이행에 필요한 제공은 제32조제6항제2호에 따라 처리위탁인 경우에만 동의가 면제됩니다). 수탁자로 선언된 수령자에게 동의에 근거해 제공하는 것은 모순입니다. 처리위탁은 개인정보 보호법 제26조의 문제이지 제17조의 제공이 아닙니다.",
  "policy.legal_basis.refused":
    '"{{purpose}}" 목적은 수령자 자신의 이익을 위한 것이어서, {{laws}}상 "{{basis}}" 근거로는 제공할 수 없습니다',
  "policy.legal_basis.refused_fix":
    "정보주체의 별도 동의(고지 포함)를 근거로 제공하거나, 수령자를 위한 목적으로는 제공을 중단하세요",
  "policy.legal_basis.refused_trace":
    "{{basis}} 근거는 {{areas}}에서 수령자의 이익을 위한 제공을 허용하지 않음",
  "policy.legal_basis.weighed":
    '"{{purpose}}" 목적은 수령자를 위한 것입니다. "{{basis}}" 근거는 수령자의 이익과 정보주체의 권리를 비교형량한 뒤에만 성립하는데, 선언에 그 비교형량이 기록되어 있지 않습니다',
  "policy.legal_basis.weighed_fix":
    "수령자의 이익과 정보주체의 권리를 비교형량한 결과를 문서로 남기거나, 동의를 근거로 제공하세요",
  "policy.legal_basis.weighed_trace": "{{basis}} 근거는 수령자의 이익을 비교형량함",
  "policy.legal_basis.not_subject":
    '"{{purpose}}" 목적의 수혜자는 정보주체가 아니라 {{who}}입니다. 정보주체와의 계약에 이 제공이 필요하지 않습니다',
  "policy.legal_basis.not_subject_fix":
    "동의를 근거로 제공하거나, 정보주체와의 계약에 필요한 목적을 선언하세요(benefits: [subject])",
  "policy.legal_basis.not_subject_trace": "{{basis}} 근거는 정보주체를 위한 제공에만 성립함",
  "policy.legal_basis.third_party":
    '"{{recipient}}" 수령자는 {{role}} 역할로 선언되어 정보를 자신의 목적으로 받으므로 제3자 제공에 해당합니다. {{laws}}상 "{{basis}}" 근거로는 제3자 제공을 할 수 없습니다',
  "policy.legal_basis.third_party_fix":
    "정보주체의 별도 동의(고지 사항 포함)를 근거로 제공하세요. 수령자가 위탁받은 업무만 처리한다면 entrustee로 선언하고, 문서로 된 위탁 계약을 갖춘 처리위탁(entrustment)을 근거로 하며 위탁 사실을 공개하세요",
  "policy.legal_basis.third_party_trace": "{{basis}} 근거로는 {{areas}}에서 제3자 제공을 할 수 없음",
  "policy.legal_basis.entrustee":
    '제공 계약은 동의에 근거해 제공하는데, "{{recipient}}" 수령자는 수탁자로 선언되어 있습니다. 처리위탁은 계약에 따라 위탁자를 위해 처리하는 것(개인정보 보호법 제26조)이지 제17조의 제공이 아닙니다',
  "policy.legal_basis.entrustee_fix":
    "수령자가 자신의 목적으로 정보를 이용하면 third_party로 선언하세요. 위탁받은 업무만 처리한다면 문서로 된 계약을 갖춘 처리위탁(entrustment)을 근거로 하고 위탁 사실을 공개하세요",
  "policy.legal_basis.entrustee_trace":
    "법적 근거(legal_basis) {{basis}}: 동의가 필요한 근거이므로 제3자 제공",
  "policy.legal_basis.entrustee_role_trace": "수령자 역할 entrustee",

  "policy.credit_consent.title": "동의 없는 개인신용정보 제공",
  "policy.credit_consent.description":
    "신용정보법에 따라 개인신용정보를 타인에게 제공하려면 제공할 때마다 미리 개별적으로 정보주체의 동의를 받아야 합니다. 다만 제32조제6항의 예외(처리위탁을 위한 제공, 통계작성·연구 등을 위한 가명정보 제공, 다른 법률에 따른 제공 등)에 해당하면 그렇지 않습니다. 분류가 선언되지 않은 제공 항목은 개인신용정보일 수 있으므로 통과가 아니라 판단 불가로 봅니다.",
  "policy.credit_consent.unknown_other":
    '"{{basis}}" 근거는 개인신용정보에 대한 신용정보법 제32조의 동의를 대신하지 못하는데, 제공 항목 {{fields}}에 분류가 없어 개인신용정보인지 판단할 수 없습니다',
  "policy.credit_consent.unknown_fix":
    "데이터셋에서 제공하는 모든 항목의 분류(categories)를 선언해 개인신용정보 여부를 가릴 수 있게 하세요",
  "policy.credit_consent.unknown_trace": "분류 없음: {{fields}}",
  "policy.credit_consent.message":
    '개인신용정보가 "{{basis}}" 근거로 제3자에게 제공되는데, 이 근거는 신용정보법 제32조가 요구하는 동의를 대신하지 못합니다',
  "policy.credit_consent.fix":
    "개별 동의를 받거나(consent: { purpose, notice } 선언), 해당하는 제32조제6항의 예외에 근거하세요",
  "policy.credit_consent.credit_trace": "신용정보 분류의 항목을 제공함",

  "policy.consent_notice.title": "법정 고지 사항을 갖추지 않은 동의",
  "policy.consent_notice.description":
    "제공에 대한 동의는 제공받는 자, 그 이용 목적, 제공 항목, 보유·이용 기간, 동의 거부 권리를 알린 뒤에 받아야 유효합니다(개인정보 보호법 제17조제2항). 국외 이전이면 이전 국가, 이전 시기와 방법, 이전받는 자의 연락처를 더 알려야 합니다(제28조의8제2항). 개인신용정보는 개별 동의가 필요합니다(신용정보법 제32조).",
  "policy.consent_notice.no_consent":
    "제공 계약이 동의에 근거하는데, 정보주체별로 동의를 확인할 동의 목적(consent.purpose)이 지정되어 있지 않습니다",
  "policy.consent_notice.no_consent_fix":
    "consent: { purpose, notice: [...] }를 선언해 동의한 정보주체만 제공되게 하세요",
  "policy.consent_notice.no_consent_trace": "consent: 없음",
  "policy.consent_notice.missing": "동의 고지에 다음 사항이 빠져 있습니다: {{items}}",
  "policy.consent_notice.missing_fix":
    "고지 문구에 빠진 사항을 넣고 consent.notice에 다음을 나열하세요: {{items}}",
  "policy.consent_notice.required_trace": "필수 고지 사항: {{items}}",
  "policy.consent_notice.declared_trace": "선언된 고지 사항: {{items}}",
  "policy.consent_notice.bundled": "이 제공에 대한 동의가 다른 동의와 묶여 있습니다",
  "policy.consent_notice.bundled_fix": "이 동의를 다른 동의와 구분해 따로 받고 separate: true로 설정하세요",
  "policy.consent_notice.bundled_trace": "separate: false",

  "policy.unscoped_population.title": "일부 정보주체에게만 필요한 목적에 전체를 제공",
  "policy.unscoped_population.description":
    "목적이 일부 정보주체에게만 필요하면(예: 앱 마켓을 연결한 고객에게만 필요한 위험 점수) 모든 고객을 제공하는 것은 목적을 넘는 제공입니다. 전체 정보주체는 종료일이 정해진 모델 구축 단계에서만 제공할 수 있습니다. 특정일 기준으로 점검하면 그날 적용되는 단계를 판단하고(적용되는 단계가 없으면 모든 단계), 단계의 조건은 목적의 조건과 표기가 아니라 의미로 비교하므로 `linked == true`와 `linked`는 같은 조건입니다.",
  "policy.unscoped_population.no_scope":
    "{{purposes}} 목적은 일부 정보주체({{description}})에게만 필요한데, 제공 계약에 제공 범위(scope)가 없어 모든 정보주체가 제공됩니다",
  "policy.unscoped_population.no_scope_fix":
    "scope.phases를 추가하고 where에 다음 조건을 쓰세요: {{condition}}",
  "policy.unscoped_population.no_scope_trace": "제공 범위(scope) 선언 없음",
  "policy.unscoped_population.in_force": '{{at}} 기준 적용 단계: "{{phase}}"',
  "policy.unscoped_population.none_in_force": "{{at}} 기준 적용되는 단계가 없어 모든 단계를 판단함",
  "policy.unscoped_population.endless":
    '모델 구축 단계 "{{phase}}"에 종료일이 없어, 전체 정보주체가 기한 없이 제공될 수 있습니다',
  "policy.unscoped_population.endless_fix": "모델 구축 단계에 until: 종료일을 지정하세요",
  "policy.unscoped_population.until_absent_trace": "until: 없음",
  "policy.unscoped_population.everyone":
    '"{{phase}}" 단계({{from}}부터)는 모든 정보주체를 제공하는데, {{purposes}} 목적은 {{description}}에게만 필요합니다',
  "policy.unscoped_population.everyone_fix": "단계를 제한하세요: where: {{condition}}",
  "policy.unscoped_population.everyone_trace": "단계 {{phase}}: where가 모든 정보주체를 선택함",
  "policy.unscoped_population.not_required":
    '"{{phase}}" 단계는 {{purpose}} 목적의 조건({{condition}})을 요구하지 않아, 그 목적이 필요 없는 정보주체까지 제공할 수 있습니다',
  "policy.unscoped_population.not_required_fix": '단계의 where 끝에 "&& {{condition}}" 조건을 더하세요',
  "policy.unscoped_population.clauses_trace": "단계의 조건: {{clauses}}",
  "policy.unscoped_population.condition_trace": "목적의 조건: {{condition}}",

  "policy.linkable_join_key.title": "같은 수령자에게 가는 두 제공이 결합 키를 공유",
  "policy.linkable_join_key.description":
    "두 제공 계약이 같은 식별자를 같은 수령자(두 역할로 따로 선언되어 있어도 같은 회사이면 같은 수령자)에게 평문이나 키 없는 해시로, 또는 같은 가명 키로 보내면 수령자는 두 제공을 결합해 어느 제공 계약도 허용하지 않은 프로필을 만들 수 있습니다. 제공 계약마다 다른 가명 키를 쓰거나, 식별자가 필요 없는 쪽 제공에서 식별자를 빼세요.",
  "policy.linkable_join_key.global": "평문이나 키 없는 해시처럼 누구나 대조할 수 있는 형태의 {{category}}",
  "policy.linkable_join_key.shared": '공유 키 "{{key}}"로 가명처리한 {{category}}',
  "policy.linkable_join_key.message":
    '"{{field}}" 항목이 {{recipient}}에게 보내는 값({{what}})을 제공 계약 "{{other}}"({{file}})도 보내므로, 수령자가 두 제공을 결합할 수 있습니다',
  "policy.linkable_join_key.fix":
    "식별자가 필요 없는 쪽 제공에서 식별자를 빼거나, 공유 link_key 없이 { transform: pseudonym }을 써서 제공마다 다른 키를 쓰세요",
  "policy.linkable_join_key.recipient_trace": "수령자 {{recipient}}",
  "policy.linkable_join_key.same_company_trace": "수령자 {{recipient}}, {{other}}: 같은 회사({{name}})",
  "policy.linkable_join_key.handle_trace": "결합 키 {{handle}}",
  "policy.linkable_join_key.also_trace": "제공 계약 {{other}}에도 있음",

  "policy.unneeded_category.title": "목적에 필요 없는 정보",
  "policy.unneeded_category.description":
    "목적마다 필요한 데이터 분류를 선언합니다. 제공 항목의 분류가 제공 계약의 어느 목적에도 필요하지 않으면 최소한의 개인정보만 처리한다는 원칙에 어긋납니다. 정산에는 주문과 결제 정보가 필요하지, 수령자가 여러 제공을 결합할 수 있게 하는 계정 ID는 필요하지 않습니다.",
  "policy.unneeded_category.message":
    '"{{field}}" 항목에 제공 계약의 어느 목적({{purposes}})에도 필요 없는 분류가 있습니다: {{categories}}',
  "policy.unneeded_category.fix":
    '"{{field}}" 항목의 제공을 중단하거나, 목적에 정말 필요하다면 그 분류를 목적의 needs에 추가하세요',
  "policy.unneeded_category.needs_trace": "목적에 필요한 분류: {{needs}}",
  "policy.unneeded_category.categories_trace": "항목의 분류: {{categories}}",

  "policy.pseudonymised.title": "가명처리했다는 제공이 여전히 개인을 식별함",
  "policy.pseudonymised.description":
    "가명정보 특례는 통계작성, 과학적 연구, 공익적 기록보존에만 적용되고, 그것도 특정 개인을 알아볼 수 있는 정보가 수령자에게 가지 않을 때만 적용됩니다. 직접 식별자는 빼거나, 키가 개인정보처리자에게만 있는 가명으로 바꿔야 합니다.",
  "policy.pseudonymised.identifier":
    '직접 식별자 "{{field}}" 항목이 가명정보 근거의 제공에서 {{transform}} 변환으로 나갑니다',
  "policy.pseudonymised.identifier_fix":
    "이 항목을 빼거나, 수령자가 갖지 않는 키로 { transform: pseudonym }을 쓰세요",
  "policy.pseudonymised.exposure_trace": "노출 형태 {{exposure}}",
  "policy.pseudonymised.purpose":
    '"{{purpose}}" 목적({{use}})은 통계작성, 과학적 연구, 공익적 기록보존이 아니므로 가명정보 근거가 적용되지 않습니다',
  "policy.pseudonymised.purpose_fix": "목적에 맞는 근거(예: consent)를 쓰세요",
  "policy.pseudonymised.use_trace": "이용 분류 {{use}}",

  "policy.missing_retention.title": "수령자의 보유 기간 없음",
  "policy.missing_retention.description":
    "수령자의 보유·이용 기간은 제공 동의 시 알려야 하는 사항이고, 끝이 없이 보유하는 정보는 목적을 넘어 보유하는 것입니다. 보유 기간과 그 후의 처리(파기, 익명처리 또는 반환)를 선언하세요.",
  "policy.missing_retention.message": '"{{id}}" 제공 계약에 {{recipient}}의 보유 기간이 정해져 있지 않습니다',
  "policy.missing_retention.fix":
    "계약에서 정한 기간으로 retention: { period: 1y, disposal: delete }를 추가하세요",
  "policy.missing_retention.trace": "retention: 없음",

  "policy.validity.title": "유효기간 밖의 제공 계약",
  "policy.validity.description":
    "종료일이 지난 제공 계약은 더 이상 제공의 근거가 되지 않습니다. 계약과 선언을 갱신하거나 종료하세요. 아직 시작하지 않은 제공 계약은 경고로 알립니다.",
  "policy.validity.expired": '"{{id}}" 제공 계약은 {{until}}에 끝났습니다({{at}} 기준 점검)',
  "policy.validity.expired_fix": "새 버전과 유효기간으로 제공 계약을 갱신하거나, agreements/에서 빼세요",
  "policy.validity.expired_trace": "valid.until {{until}} <= {{at}}",
  "policy.validity.not_yet": '"{{id}}" 제공 계약은 {{from}}에 시작합니다({{at}} 기준 점검)',
  "policy.validity.not_yet_fix":
    "그 전에는 할 일이 없습니다. 그날까지 share는 이 제공 계약을 실행하지 않습니다",
  "policy.validity.not_yet_trace": "valid.from {{from}} > {{at}}",

  "policy.undeclared_field.title": "데이터 분류가 선언되지 않은 제공 항목",
  "policy.undeclared_field.description":
    "제공하는 모든 항목은 어떤 데이터 분류에 속하는지 밝혀야 합니다. 그렇지 않으면 개인정보 최소화, 식별자, 개인신용정보 규칙이 그 항목을 판단할 수 없고, 제공 기록에 제공한 항목을 적을 수도 없습니다.",
  "policy.undeclared_field.message":
    '"{{field}}" 항목이 제공되는데 데이터셋 "{{dataset}}"에 이 항목의 데이터 분류가 선언되어 있지 않습니다',
  "policy.undeclared_field.fix":
    "데이터셋의 {{field}} 항목에 categories를 추가하거나(예: user.financial.balance), 제공을 중단하세요",
  "policy.undeclared_field.trace": "데이터셋 {{dataset}}의 항목 {{field}}: categories []",

  "policy.missing_volume_limits.title": "제공 규모 한도 없음",
  "policy.missing_volume_limits.description":
    "규모 한도(max_subjects, max_growth, max_releases_per_day)가 있어야 `jikimi share`가 평소의 다섯 배로 커진 제공을 나가기 전에 보류할 수 있습니다. 한도가 없는 제공 계약은 이렇게 통제할 수 없습니다.",
  "policy.missing_volume_limits.message": '"{{id}}" 제공 계약에 max_subjects와 max_growth가 모두 없습니다',
  "policy.missing_volume_limits.fix":
    "다음을 추가하세요: volume: { max_subjects: N, max_growth: 0.2, max_releases_per_day: 1 }",
  "policy.missing_volume_limits.trace": "규모 한도 없음",
};
