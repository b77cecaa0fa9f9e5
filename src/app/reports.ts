// the reports service: the inspection report computed from the ledger's stored releases, after proving them
// against the stored signed checkpoint (log signature and witnesses' cosignatures verified with public keys), and
// from the workspace's declarations as they are now (validity, growth limit, check findings per agreement digest);
// a person's statement from their ledger history and proven release bodies; and the reports made from the
// declarations alone (records of processing, privacy-policy tables).
import { createHash } from "node:crypto";
import { agreementBytes } from "../engine/agreement-bytes.js";
import { currentLanguage } from "../i18n/index.js";
import type { ReleaseBody } from "../ledger/entry.js";
import { toHex } from "../ledger/merkle/index.js";
import { parseCheckpoint } from "../ledger/note/checkpoint.js";
import { openNote, verifierFromVkey } from "../ledger/note/signed-note.js";
import type { Workspace } from "../model/workspace.js";
import { ARTICLES, type Article } from "../policy/articles.js";
import { checkWorkspace } from "../policy/check.js";
import {
  type PolicyData,
  policyData,
  privacyPolicyTables,
  type RopaData,
  recordsOfProcessing,
  ropaData,
} from "../report/declarations/index.js";
import type { ReportDocument } from "../report/document/model.js";
import {
  type DeclaredAgreement,
  type InspectionData,
  type InspectionFilter,
  inspectionData,
  inspectionDocument,
} from "../report/inspection/inspection.js";
import {
  type Glossary,
  type PersonRelease,
  type StatementData,
  statementData,
  statementDocument,
} from "../report/statement/statement.js";
import { verifyCosignatures } from "../witness/cosignature.js";
import { storedCheckpoint } from "./checkpoints.js";
import type { WorkspaceSession } from "./workspace.js";

/** A report's exact figures, and its document in the language in force when asked (`withLanguage`). */
export interface Report<D> {
  data: D;
  document(): ReportDocument;
}

/** The stored checkpoint of the whole log, its log signature and witnesses' cosignatures verified. */
export async function signedCheckpoint(ws: WorkspaceSession): Promise<{
  origin: string;
  size: number;
  root: string;
  signed_by: string[];
  cosigned_by: string[];
}> {
  const note = await storedCheckpoint(ws);
  const opened = openNote(note, ws.logVkeys(true).map(verifierFromVkey));
  const checkpoint = parseCheckpoint(opened.text);
  const witnesses = ws.settings.witnesses.map((w) => w.vkey);
  return {
    origin: checkpoint.origin,
    size: checkpoint.size,
    root: toHex(checkpoint.root),
    signed_by: opened.verified.map((k) => k.name),
    cosigned_by:
      witnesses.length > 0 ? verifyCosignatures(note, witnesses, 0).cosigned.map((c) => c.witness) : [],
  };
}

/**
 * The inspection report's figures for `filter`, computed at the stored checkpoint of the whole log. A checkpoint
 * whose signature fails throws (note_signature_invalid); stored bodies that do not give its root give a report
 * that says so (`verification.ok` false) and nothing else in it is to be trusted.
 * @example const { data, document } = await inspection(ws, { from: "2026-01-01", to: "2026-12-31" });
 */
export async function inspection(
  ws: WorkspaceSession,
  filter: InspectionFilter,
  now: Date = new Date(),
): Promise<Report<InspectionData>> {
  const signed = await signedCheckpoint(ws);
  const proven = await ws.ledger().provenBodies(signed.size);
  const releases = proven.bodies.filter((b): b is ReleaseBody => b?.kind === "release");
  const { workspace, reader } = ws.declarations();
  const findings = checkWorkspace(workspace, { at: now.toISOString().slice(0, 10) });
  const agreements = new Map<string, DeclaredAgreement>();
  for (const [id, doc] of workspace.agreements) {
    const a = doc.value;
    agreements.set(id, {
      version: a.version,
      digest: createHash("sha256")
        .update(agreementBytes(workspace, doc.file, reader))
        .digest("hex"),
      valid: { from: a.valid.from, until: a.valid.until },
      max_growth: a.volume?.max_growth,
      findings: findings.filter((f) => f.subject.kind === "agreement" && f.subject.id === id),
    });
  }
  const data = inspectionData({
    releases,
    verification: {
      ...signed,
      ok: proven.root === signed.root,
      pruned: proven.bodies.filter((b) => b === undefined).length,
    },
    agreements,
    backdateDays: ws.settings.backdateDays,
    filter,
    generatedAt: now.toISOString(),
  });
  return { data, document: () => inspectionDocument(data, currentLanguage()) };
}

/** The workspace's words for the ids in release bodies, in the language in force when each is asked. */
export function glossaryOf(workspace: Workspace): Glossary {
  const ko = () => currentLanguage() === "ko";
  return {
    purpose: (id) => workspace.purposes.get(id)?.value.name,
    basis: (key) => {
      const b = workspace.taxonomy.bases.get(key);
      if (b === undefined) return undefined;
      const articles = (b.articles ?? [])
        .map((id) => (ARTICLES as Readonly<Record<string, Article>>)[id]?.citation)
        .filter((c): c is string => c !== undefined);
      return { name: (ko() ? b.name_ko : undefined) ?? b.name, articles };
    },
    category: (key) => {
      const c = workspace.taxonomy.categories.get(key);
      return c === undefined ? undefined : ((ko() ? c.name_ko : undefined) ?? c.name);
    },
  };
}

/**
 * A person's statement of provision over the last three years: their ledger history, one body per set of terms
 * proven against the log's leaves, and the checkpoint their receipts prove against. An unknown person and one
 * never released get the same statement (no provision).
 * @example const { data } = await statement(ws, "HB0000000042"); // data.provisions
 */
export async function statement(
  ws: WorkspaceSession,
  subjectKey: string,
  now: Date = new Date(),
): Promise<Report<StatementData>> {
  const ledger = ws.ledger();
  const signed = await signedCheckpoint(ws);
  const history = await ledger.subjectHistory(subjectKey);
  const terms = new Map<string, ReleaseBody>();
  const releases: PersonRelease[] = [];
  for (const r of history) {
    if (r.seq >= signed.size) continue;
    const key = JSON.stringify([r.agreement, r.version, r.recipient, r.legal_basis, r.purposes, r.fields]);
    let body = terms.get(key);
    if (body === undefined) {
      body = await ledger.provenRelease(r.seq);
      if (body === undefined) continue;
      terms.set(key, body);
    }
    releases.push({ seq: r.seq, released_at: r.released_at, terms: body });
  }
  const data = statementData({
    releases,
    checkpoint: { origin: signed.origin, size: signed.size, root: signed.root },
    generatedAt: now.toISOString(),
  });
  const glossary = glossaryOf(ws.declarations().workspace);
  return { data, document: () => statementDocument(data, glossary, currentLanguage()) };
}

/**
 * A report generated from the declarations alone: the records of processing activities (GDPR Art. 30(1)) or the
 * privacy-policy tables (PIPA Art. 30(1), 28-8(2)). Throws workspace_invalid when a declaration has a problem.
 * @example const { data } = declarationsReport(ws, "policy"); // data.cross_border
 */
export function declarationsReport(
  ws: WorkspaceSession,
  kind: "ropa" | "policy",
): Report<RopaData | PolicyData> {
  const { workspace } = ws.declarations();
  const make = kind === "ropa" ? recordsOfProcessing : privacyPolicyTables;
  return {
    data: kind === "ropa" ? ropaData(workspace) : policyData(workspace),
    document: () => make(workspace, { lang: currentLanguage() }).document,
  };
}
