import type { HttpDownloadOptions } from "#shared/collect/http-release-download.js";

/**
 * Fetching as in production, without sitting through the waits: one retry, taken at once, the wait
 * the retry policy asked for recorded in `waits`. The timeout stays production's, so a busy
 * machine does not turn a slow local answer into a failure; a test of a hanging server sets its
 * own short one.
 */
export function noWaitHttp(waits: number[] = [], adjust: HttpDownloadOptions = {}): HttpDownloadOptions {
  return {
    ...adjust,
    retry: {
      retries: 1,
      sleep: async (ms) => {
        waits.push(ms);
      },
      ...adjust.retry,
    },
  };
}
