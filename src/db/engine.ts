// The engine contract every report runs on. Implementations live beside this file; nothing
// outside src/db imports a database driver.
import type { Dialect } from "../sql/dialect.js";
import type { Row, SqlValue } from "./normalize.js";

export interface SqlEngine {
  readonly dialect: Dialect;
  run(sql: string, params?: readonly SqlValue[]): Promise<void>;
  all(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  close(): Promise<void>;
  /** Called with 0–100 while a long statement runs (engines that can tell). */
  onProgress?: ((percent: number) => void) | null;
}
