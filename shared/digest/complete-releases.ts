import type { ReleaseStore } from "../releases/release-store.js";

/** Whether the release a change arrived in has been completed by its collection run. */
export interface CompleteReleases {
  isComplete(sourceId: string, releaseKey: string): Promise<boolean>;
}

/**
 * Read from the sources table: a run writes a release's changes while the release is `pending`
 * and completes it after the last one, so a digest that reads only changes of complete releases
 * never mails half a release, nor changes of a run that died before completing. Complete is final,
 * so it is remembered; pending is asked again next time.
 */
export function completeReleasesIn(store: Pick<ReleaseStore, "release">): CompleteReleases {
  const complete = new Set<string>();
  return {
    async isComplete(sourceId, releaseKey) {
      const key = `${sourceId}|${releaseKey}`;
      if (complete.has(key)) return true;
      const release = await store.release(sourceId, `RELEASE#${releaseKey}`);
      if (release?.status !== "complete") return false;
      complete.add(key);
      return true;
    },
  };
}
