// opens the state store a locator names: the embedded SQLite file or a PostgreSQL database.
import type { StateStore, StoreLocator } from "../ports/state-store.js";
import { openPostgresStore } from "./postgres/index.js";
import { openSqliteStore } from "./sqlite/index.js";

/**
 * @example const state = await openStateStore({ dialect: "sqlite", file: "ws/.jikimi/state.db" });
 */
export async function openStateStore(
  locator: StoreLocator,
  options: { migrate?: boolean; connections?: number } = {},
): Promise<StateStore> {
  if (locator.dialect === "sqlite") return openSqliteStore(locator.file, options);
  return openPostgresStore(locator.url, {
    ...(options.migrate === undefined ? {} : { migrate: options.migrate }),
    ...(options.connections === undefined ? {} : { max: options.connections }),
  });
}
