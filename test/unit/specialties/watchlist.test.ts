import { describe, expect, it } from "vitest";
import { interestProfile } from "#shared/digest/interest-profile.js";
import {
  distinctEntries,
  readTypedWatchlist,
  readWatchlistCsv,
  WATCHLIST_MAX,
  watchlistCapProblem,
} from "#shared/specialties/watchlist.js";
import { interestsSchema } from "#shared/subscribers/subscriber.js";

describe("a watchlist typed into the box", () => {
  it("takes codes one per line or separated by commas, with or without dots, and ranges with spaces", () => {
    expect(readTypedWatchlist("i25.10, I2510;33208\n 93000 \n33206 - 33249\nJ1100")).toEqual({
      entries: ["I25.10", "I2510", "33208", "93000", "33206-33249", "J1100"],
      problems: [],
    });
  });

  it("names each entry it cannot read, in a sentence", () => {
    expect(readTypedWatchlist("I25.10 ABC! 33249-33206 X").problems).toEqual([
      '"ABC!" is not a code such as I25.10, 33208 or J1100, or a range such as 33206-33249.',
      '"33249-33206" is not a range: put the lower code first, e.g. 33206-33249.',
      '"X" is not a code such as I25.10, 33208 or J1100, or a range such as 33206-33249.',
    ]);
  });
});

describe("a watchlist uploaded as CSV", () => {
  it("reads a practice's billing export: a header row, the code first, other columns ignored, quoted cells", () => {
    const csv =
      '\uFEFF"CPT/HCPCS Code","Description","Times billed"\r\n93000,"ECG, routine",412\r\n"I48.91",AF,198\r\n';
    expect(readWatchlistCsv(csv)).toEqual({ entries: ["93000", "I48.91"], problems: [] });
  });

  it("reads a file without a header, with semicolons or tabs", () => {
    expect(readWatchlistCsv("93306;echo;220\nZ95.0;pacemaker;12\n").entries).toEqual(["93306", "Z95.0"]);
    expect(readWatchlistCsv("33208\tpacemaker\n").entries).toEqual(["33208"]);
  });

  it("names unreadable lines by their number", () => {
    expect(readWatchlistCsv("Code\n93000\nnot a code\n\n99214\n").problems).toEqual([
      'Line 3: "NOT A CODE" is not a code such as I25.10, 33208 or J1100, or a range such as 33206-33249.',
    ]);
  });

  it("holds the codes a practice bills most, and says in a sentence when a list is over its cap", () => {
    const top = Array.from({ length: 200 }, (_, i) => String(10000 + i * 7));
    expect(readWatchlistCsv(["Code", ...top].join("\n")).entries).toHaveLength(200);
    expect(watchlistCapProblem(200)).toBeUndefined();
    expect(watchlistCapProblem(WATCHLIST_MAX + 112)).toBe(
      `Your watchlist has ${WATCHLIST_MAX + 112} codes; it holds at most ${WATCHLIST_MAX}. Keep the codes you bill most (a practice's top 200 fit easily) and save again.`,
    );
    expect(interestsSchema.safeParse({ watchlist: Array(WATCHLIST_MAX + 1).fill("93000") }).success).toBe(
      false,
    );
  });

  it("counts I25.10 and I2510 as one code", () => {
    expect(distinctEntries(["I25.10", "I2510", "93000", "93000"])).toEqual(["I25.10", "93000"]);
  });
});

describe("matching a watchlist", () => {
  it("reads each entry in every family its shape allows: ICD-10-CM with or without dots, CPT, HCPCS, PCS", () => {
    const profile = interestProfile(
      interestsSchema.parse({ watchlist: ["I25.10", "93000", "J1100", "02703DZ"] }),
    );
    expect(profile.watchlist.map((range) => `${range.family}:${range.from}`).sort()).toEqual([
      "hcpcs:93000",
      "hcpcs:J1100",
      "icd10cm:I2510",
      "icd10cm:J1100",
      "icd10pcs:02703DZ",
    ]);
  });
});
