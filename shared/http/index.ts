export type { ExpectedContent } from "./expected-content.js";
export {
  DEFAULT_MAX_BYTES,
  DEFAULT_TIMEOUT_MS,
  type FetchSourceFileOptions,
  fetchSourceFile,
  type SourceFileFetch,
  type SourceFileRequest,
} from "./fetch-source-file.js";
export { checkRedirect, DEFAULT_MAX_HOPS, PUBLISHER_HOSTS, type RedirectPolicy } from "./redirect-policy.js";
export {
  backoffMs,
  type FailedAttempt,
  HTTP_RETRY_POLICY,
  type HttpRetryPolicy,
  httpRetryPolicy,
  type Sleep,
  sleep,
  withHttpRetries,
} from "./retry-policy.js";
export { SourceFetchError, type SourceFetchFailure } from "./source-fetch-error.js";
export { mirrorUrl } from "./source-mirror.js";
export { USER_AGENT } from "./user-agent.js";
