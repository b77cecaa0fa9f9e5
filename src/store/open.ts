// opens the state store a locator names: the embedded SQLite file or a PostgreSQL database.
// Each store's module is imported when a store of its kind is opened: a command on SQLite never loads the
// PostgreSQL driver (start-up time), and one that opens no store loads neither.
import type { StateStore, StoreLocator } from "../ports/state-store.js";

/**
 * @example const state = await openStateStore({ dialect: "sqlite", file: "ws/.jikimi/state.db" });
 */
export async function openStateStore(
  locator: StoreLocator,
  options: { migrate?: boolean; connections?: number } = {},
): Promise<StateStore> {
  if (locator.dialect === "sqlite") {
    const { openSqliteStore } = await import("./sqlite/index.js");
    return openSqliteStore(locator.file, options);
  }
  const { openPostgresStore } = await import("./postgres/index.js");
  return openPostgresStore(locator.url, {
    ...(options.migrate === undefined ? {} : { migrate: options.migrate }),
    ...(options.connections === undefined ? {} : { max: options.connections }),
  });
}
