import { describe, expect, it } from "vitest";
import { collectDependencies } from "#shared/collect/collect-dependencies.js";
import { collectSource } from "#shared/collect/collect-source.js";
import { digestDependencies } from "#shared/digest/digest-dependencies.js";
import { runLocalDigests } from "../../../infra/local/local-digest-run.js";
import { readLocalInbox } from "../../../infra/local/local-inbox.js";
import { useLocalStack } from "../support/local-stack.js";
import { icd10cmExcerpts, icd10pcsExcerpts } from "../support/order-file-excerpts.js";

const local = useLocalStack();
// Both recorded years of ICD-10-CM and ICD-10-PCS, as small real excerpts: enough real changes for
// each demo reader's interests (the full years' counts are proven in diff-snapshots.test.ts).
const collected = [await icd10cmExcerpts(), await icd10pcsExcerpts()];

describe("the people step of npm start", () => {
  it("subscribes the demo readers, mails each their digest, and a second run mails nothing", async () => {
    // A few chapters of a year concentrate its additions (PCS FY2018 adds 4.5% of the whole code
    // set, far more of these chapters): the sanity gate's shares are for whole releases.
    const collect = collectDependencies(local.env, local.clients, {
      sanityLimits: { icd10cm: { maxAddedShare: 1 }, icd10pcs: { maxAddedShare: 1 } },
    });
    for (const excerpts of collected) {
      for (const release of excerpts.releases) {
        excerpts.serve(local.stack.mirror, release);
        const run = await collectSource(excerpts.source, collect, { release });
        expect(run.status, run.reason).toMatch(/baseline|succeeded/);
      }
    }
    const deps = await digestDependencies(
      { ...local.env, tokenSecret: "local-digest-run-test-secret-0123456789" },
      local.clients,
    );

    const first = await runLocalDigests(deps);
    expect(first).toMatchObject({ subscribed: 3, failed: 0 });
    expect(first.sent + first.empty).toBe(3);
    const inbox = await readLocalInbox(local.stack.urls.inbox);
    const to = (address: string) =>
      inbox.filter((mail) => mail.destination.to.includes(address)).map((mail) => mail.subject);
    // The cardiology CPC's watchlist holds I63.8, which FY2019 made a header: her digest opens with it.
    expect(to("dana.cardiology@example.org")).toEqual([
      "Confirm your codecurrent subscription",
      expect.stringMatching(/^codecurrent: \d+ changes to codes you bill, \d+ in all$/),
      expect.stringMatching(/^CEU reminder: 36 CEUs to go by \d{4}-\d{2}-\d{2} \(AAPC\)$/),
    ]);
    // Only code sets were collected here: the compliance analyst follows documents, NCCI and lab
    // codes, so nothing changed for her (a regulatory heads-up aside, depending on the day).
    const riley = to("riley.compliance@example.org");
    expect(riley[0]).toBe("Confirm your codecurrent subscription");
    expect(riley.slice(1).every((subject) => subject.startsWith("codecurrent: coming up"))).toBe(true);
    expect(to("sam.inpatient@example.org")[1]).toMatch(
      /^codecurrent: [\d,]+ changes in ICD-10-(CM|PCS), ICD-10-(CM|PCS)$/,
    );

    const second = await runLocalDigests(deps);
    expect(second).toMatchObject({ subscribed: 0, sent: 0, reminders: 0, failed: 0 });
    expect(await readLocalInbox(local.stack.urls.inbox)).toHaveLength(inbox.length);
  });
});
