// the consent purposes a workspace declares: `consent.purpose` of each agreement in agreements/. Read
// leniently, file by file, so an issue in an unrelated declaration (which `jikimi check` reports) does not
// stop consent recording; an agreement that does not parse declares nothing.
import { parse } from "yaml";
import type { WorkspaceReader } from "../io/workspace-reader.js";
import { FOLDERS } from "../model/load.js";
import { PURPOSE_PATTERN } from "./event.js";

/**
 * The consent purposes declared by the workspace's agreements.
 * @example declaredConsentPurposes(diskReader("examples/nsf-case-corrected")) // Set { "nsf-provision-overseas" }
 */
export function declaredConsentPurposes(reader: WorkspaceReader): Set<string> {
  const out = new Set<string>();
  for (const name of reader.list(FOLDERS.agreements)) {
    if (!/\.ya?ml$/.test(name)) continue;
    let doc: unknown;
    try {
      doc = parse(reader.read(`${FOLDERS.agreements}/${name}`));
    } catch {
      continue;
    }
    if (typeof doc !== "object" || doc === null) continue;
    const consent = (doc as { consent?: unknown }).consent;
    if (typeof consent !== "object" || consent === null) continue;
    const purpose = (consent as { purpose?: unknown }).purpose;
    if (typeof purpose === "string" && PURPOSE_PATTERN.test(purpose)) out.add(purpose);
  }
  return out;
}
