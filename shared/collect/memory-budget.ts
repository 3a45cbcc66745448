import type { ZipLimits } from "../archive/zip-limits.js";

/** What one collection may hold, sized to the memory it runs in. */
export interface MemoryBudget {
  /** Largest publisher file fetched (a whole zip, a page): held in memory as it arrives. */
  readonly maxDownloadBytes: number;
  /** Limits on a zip entry inflated whole for an in-memory parse (ICD-10, HCPCS, MUE). */
  readonly zipLimits: ZipLimits;
}

const MB = 1024 * 1024;

/**
 * Limits sized to the function's memory (`CODECURRENT_MEMORY_MB`, set by the CDK from the
 * function's own setting). A file is fetched whole and an in-memory parse holds its text several
 * times over (the bytes, the decoded string, the lines and the snapshot): a download may take an
 * eighth of the memory, an entry inflated whole a sixteenth. At 1,024 MB that is 128 MB and 64 MB:
 * five times the largest real order file (ICD-10-CM, ~15 MB), while a 6 MB zip inflating 117:1
 * (700 MB, which peaked at 2.2 GB) is refused before it is read. Entries too large to hold (NCCI
 * PTP parts) are streamed and never inflated whole. Unset memory (local runs, the CLI): no budget.
 */
export function memoryBudget(memoryMb: number | undefined): MemoryBudget {
  if (memoryMb === undefined) return { maxDownloadBytes: 512 * MB, zipLimits: {} };
  return {
    maxDownloadBytes: Math.floor((memoryMb * MB) / 8),
    zipLimits: { maxTotalBytes: Math.floor((memoryMb * MB) / 16) },
  };
}
