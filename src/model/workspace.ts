// the loaded, validated workspace that rules, the gateway and reports work on.

import type { CelExpr } from "../expr/validate.js";
import type { Taxonomy } from "../taxonomy/index.js";
import type { Transform } from "../transforms/index.js";
import type { AgreementInput, Phase } from "./agreement.js";
import type { Config } from "./config.js";
import type { Dataset } from "./dataset.js";
import type { Location } from "./issues.js";
import type { Purpose } from "./purpose.js";
import type { Recipient } from "./recipient.js";
import type { Path, YamlFile } from "./yaml-file.js";

/** A declaration together with its file, so every finding can point at a line. */
export interface Declared<T> {
  value: T;
  file: string;
  at(path: Path, which?: "key" | "value"): Location;
  /** the parsed file, for positions inside values */
  yaml: YamlFile;
}

export interface FieldRelease {
  transform: Transform;
  options: Record<string, unknown>;
}

export interface CheckedPhase extends Phase {
  expr: CelExpr;
}

export interface Agreement extends Omit<AgreementInput, "fields" | "scope"> {
  fields: Record<string, FieldRelease>;
  /** undefined when the agreement declares no scope: every subject is in scope */
  phases: CheckedPhase[] | undefined;
}

export interface Workspace {
  root: string;
  config: Declared<Config>;
  taxonomy: Taxonomy;
  datasets: ReadonlyMap<string, Declared<Dataset>>;
  recipients: ReadonlyMap<string, Declared<Recipient>>;
  purposes: ReadonlyMap<string, Declared<Purpose>>;
  agreements: ReadonlyMap<string, Declared<Agreement>>;
}
