/** Bounds on what reading one zip may cost; every field is optional and falls back to the defaults. */
export interface ZipLimits {
  /** Central-directory entries (files and folders). */
  readonly maxEntries?: number;
  /** Inflated bytes of the entry read; its declared size must fit, and inflation stops at that size. */
  readonly maxTotalBytes?: number;
  /** Inflated bytes per compressed byte of one entry. CMS text files compress about 5–20:1. */
  readonly maxCompressionRatio?: number;
  /**
   * The ratio is only judged past this many inflated bytes: a small file of padding legitimately
   * compresses beyond any sane ratio, and is harmless.
   */
  readonly ratioGraceBytes?: number;
}

export type ResolvedZipLimits = Required<ZipLimits>;

export const DEFAULT_ZIP_LIMITS: ResolvedZipLimits = {
  maxEntries: 10_000,
  maxTotalBytes: 2 * 1024 ** 3,
  maxCompressionRatio: 200,
  ratioGraceBytes: 1024 ** 2,
};

export function resolveZipLimits(limits: ZipLimits = {}): ResolvedZipLimits {
  return { ...DEFAULT_ZIP_LIMITS, ...definedOnly(limits) };
}

function definedOnly(limits: ZipLimits): ZipLimits {
  return Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined));
}
