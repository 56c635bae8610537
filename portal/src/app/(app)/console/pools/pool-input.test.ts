import { describe, expect, it } from "vitest";
import { UserDataKind, Weekday } from "@/generated/graphql";
import { poolInputOf, windowIds } from "./pool-input";
import { windowField } from "./pool-options";

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}

const BASE: [string, string][] = [
  ["cloudId", "c1"],
  ["name", " Finance "],
  ["imageRef", "img"],
  ["flavorRef", "flv"],
  ["networkIds", "n1"],
  ["networkIds", "n2"],
  ["namePattern", "fin-{SEQ:2}"],
  ["minTotal", "1"],
  ["maxTotal", "4"],
  ["minAvailable", ""],
  ["minRunning", "0"],
  ["bootVolumeGb", ""],
  ["storagePolicy", ""],
];

describe("pool form → CreatePoolInput", () => {
  it("maps the pickers, sizes and optional fields", () => {
    const { input, errors } = poolInputOf(form(BASE));
    expect(errors).toEqual({});
    expect(input).toMatchObject({
      cloudId: "c1",
      name: "Finance",
      networkIds: ["n1", "n2"],
      securityGroups: [],
      minTotal: 1,
      maxTotal: 4,
      minAvailable: 0,
      bootVolumeGb: null,
      storagePolicy: null,
      userDataKind: UserDataKind.NONE,
      timeZone: "UTC",
      schedule: [],
    });
  });

  it("names the fields a person must fix, and leaves cross-field rules to the API", () => {
    const { errors } = poolInputOf(
      form([
        ["cloudId", "c1"],
        ["minTotal", "-1"],
        ["maxTotal", "2.5"],
      ]),
    );
    expect(Object.keys(errors).sort()).toEqual(
      ["flavorRef", "imageRef", "maxTotal", "minTotal", "name", "namePattern", "networkIds"].sort(),
    );
    // minTotal above maxTotal is the API's rule: it answers with the field, shown next to it.
    expect(poolInputOf(form([...BASE, ["minTotal", "9"]])).errors).toEqual({});
  });

  it("reads schedule windows with their own sizes and checks the times", () => {
    const data = form([
      ...BASE,
      [windowField(0, "days"), Weekday.MON],
      [windowField(0, "days"), Weekday.TUE],
      [windowField(0, "start"), "08:00"],
      [windowField(0, "end"), "18:00"],
      [windowField(0, "minAvailable"), "3"],
      [windowField(4, "start"), "8am"],
      [windowField(4, "end"), "06:00"],
    ]);
    const { input, errors } = poolInputOf(data);
    expect(input.schedule?.[0]).toEqual({
      days: [Weekday.MON, Weekday.TUE],
      start: "08:00",
      end: "18:00",
      minTotal: null,
      maxTotal: null,
      minAvailable: 3,
      minRunning: null,
    });
    expect(errors).toEqual({
      [windowField(4, "days")]: "Pick at least one day.",
      [windowField(4, "start")]: "Use HH:MM, e.g. 08:00.",
    });
    expect(windowIds([windowField(3, "start"), windowField(3, "end"), windowField(1, "start")])).toEqual([1, 3]);
  });
});
