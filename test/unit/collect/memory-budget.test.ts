import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { extractEntry } from "#shared/archive/zip.js";
import { memoryBudget } from "#shared/collect/memory-budget.js";
import { zipOf } from "../../fixtures/zip-of.js";

describe("download and zip limits sized to the function's memory", () => {
  it("at the collect function's 1,024 MB: 128 MB per download, 64 MB per entry inflated whole", () => {
    expect(memoryBudget(1024)).toEqual({
      maxDownloadBytes: 128 * 1024 * 1024,
      zipLimits: { maxTotalBytes: 64 * 1024 * 1024 },
    });
    // Without a memory setting (local runs, the CLI), the limits' own defaults.
    expect(memoryBudget(undefined).zipLimits).toEqual({});
  });

  it("refuses an entry that would inflate past the budget before inflating it", async () => {
    // 6 MB of text at a ratio no limit would call a bomb; in a 64 MB function the budget is 4 MB.
    const lines: string[] = [];
    for (let i = 0, size = 0; size < 6 * 1024 * 1024; i++) {
      const line = `${String(i).padStart(5, "0")} ${createHash("sha256").update(String(i)).digest("hex")}\r\n`;
      lines.push(line);
      size += line.length;
    }
    const text = lines.join("");
    const zip = await zipOf({ "icd10cm_order_2027.txt": text });
    const { zipLimits } = memoryBudget(64);
    await expect(extractEntry(zip, [/\.txt$/], zipLimits)).rejects.toMatchObject({
      name: "ZipError",
      reason: "too-large",
    });
    // The same file fits the collect function's budget.
    expect((await extractEntry(zip, [/\.txt$/], memoryBudget(1024).zipLimits)).bytes.length).toBe(
      text.length,
    );
  });
});
