import { describe, expect, it } from "vitest";
import { collectDependencies } from "#shared/collect/collect-dependencies.js";
import { collectSource } from "#shared/collect/collect-source.js";
import { digestDependencies } from "#shared/digest/digest-dependencies.js";
import { recordedReleases } from "#shared/replay/recorded-releases.js";
import { loadReplayManifest } from "#shared/replay/replay-manifest.js";
import { icd10cm } from "#shared/sources/icd10cm.js";
import { icd10pcs } from "#shared/sources/icd10pcs.js";
import { runLocalDigests } from "../../../infra/local/local-digest-run.js";
import { readLocalInbox } from "../../../infra/local/local-inbox.js";
import { FIXTURES_DIR, useLocalStack } from "../support/local-stack.js";

const local = useLocalStack();
const manifest = loadReplayManifest(FIXTURES_DIR);

describe("the people step of npm start", () => {
  it("subscribes the demo readers, mails each their digest, and a second run mails nothing", async () => {
    const collect = collectDependencies(local.env, local.clients);
    for (const source of [icd10cm, icd10pcs]) {
      for (const release of await recordedReleases(source, manifest))
        await collectSource(source, collect, { release });
    }
    const deps = await digestDependencies(
      { ...local.env, tokenSecret: "local-digest-run-test-secret-0123456789" },
      local.clients,
    );

    const first = await runLocalDigests(deps);
    // Only code sets were collected here: the compliance analyst follows document sources and
    // NCCI, so her digest is empty and not sent.
    expect(first).toMatchObject({ subscribed: 3, sent: 2, empty: 1, failed: 0 });
    const inbox = await readLocalInbox(local.stack.urls.inbox);
    const to = (address: string) =>
      inbox.filter((mail) => mail.destination.to.includes(address)).map((mail) => mail.subject);
    expect(to("dana.cardiology@example.org")).toEqual([
      "Confirm your codecurrent subscription",
      expect.stringMatching(/^codecurrent: \d+ changes in ICD-10-CM/),
      expect.stringMatching(/^CEU reminder: 36 CEUs due by \d{4}-\d{2}-\d{2} \(AAPC\)$/),
    ]);
    expect(to("riley.compliance@example.org")).toEqual(["Confirm your codecurrent subscription"]);
    expect(to("sam.inpatient@example.org")[1]).toMatch(
      /^codecurrent: [\d,]+ changes in ICD-10-(CM|PCS), ICD-10-(CM|PCS)$/,
    );

    const second = await runLocalDigests(deps);
    expect(second).toMatchObject({ subscribed: 0, sent: 0, reminders: 0, failed: 0 });
    expect(await readLocalInbox(local.stack.urls.inbox)).toHaveLength(inbox.length);
  });
});
