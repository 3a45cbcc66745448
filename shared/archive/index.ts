export {
  type EntryStream,
  type ExtractedEntry,
  extractEntries,
  extractEntry,
  listEntries,
  openEntryStream,
  type ZipEntryInfo,
} from "./zip.js";
export { ZipError, type ZipFailure } from "./zip-error.js";
export { DEFAULT_ZIP_LIMITS, type ZipLimits } from "./zip-limits.js";
