import type { ChangeRecord } from "./change-record.js";

/**
 * Where collection writes changes. Ids and contents are deterministic for a release (its claim
 * pins detection time and evidence), so writing a change again stores the very same item.
 */
export interface ChangeLog {
  write(changes: readonly ChangeRecord[], onProgress?: (written: number) => void): Promise<void>;
}
