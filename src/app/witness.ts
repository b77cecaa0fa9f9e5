// the witness service: a witness folder's state (witness/state.ts) over SQLite's witness.db in that folder; the
// one place that chooses the witness's store, as workspace.ts does the workspace's.

import { randomBytes } from "node:crypto";
import type { WitnessStore } from "../ports/witness.js";
import { openSqliteWitnessStore } from "../store/sqlite/witness.js";
import {
  initWitness as initWitnessState,
  openWitness as openWitnessState,
  type WitnessState,
} from "../witness/state.js";

export type { WitnessState } from "../witness/state.js";

const sqlite = (busyTimeoutMs: number | undefined) => (file: string) =>
  openSqliteWitnessStore(file, busyTimeoutMs === undefined ? {} : { busyTimeoutMs });

/**
 * Creates a witness folder: the key (a new random seed unless one is given) and its SQLite database. Never
 * replaces a key.
 * @example const { vkey } = await initWitness("/srv/witness", "witness.example/w1");
 */
export function initWitness(
  dir: string,
  name: string,
  seed: Uint8Array = randomBytes(32),
): Promise<{ vkey: string }> {
  return initWitnessState(dir, name, seed, sqlite(undefined));
}

/**
 * Opens a witness folder made by `initWitness`, its database SQLite's witness.db unless `store` opens another.
 * `busyTimeoutMs` is how long an update waits for another process's.
 * @example const state = await openWitness("/srv/witness"); await state.latest("ledger.example/log"); await state.close();
 */
export function openWitness(
  dir: string,
  options: { busyTimeoutMs?: number; store?: (file: string) => WitnessStore | Promise<WitnessStore> } = {},
): Promise<WitnessState> {
  return openWitnessState(dir, { store: options.store ?? sqlite(options.busyTimeoutMs) });
}
