/**
 * ZIA time intervals (toolset `zia_time_intervals`): the time windows rules can be limited to.
 *
 * @module
 */

import { z } from "zod";
import { field } from "../fields.ts";
import type { ToolSpec } from "../spec.ts";
import { ziaResource } from "./resource.ts";

const minuteOfDay = (which: string) =>
  z.number().int().min(0).max(1439).describe(
    `${which} of the interval in minutes after midnight (0-1439; 540 is 09:00).`,
  );

/** Every `zia_time_intervals` tool. */
export const TIME_INTERVAL_TOOLS: readonly ToolSpec[] = ziaResource({
  toolset: "zia_time_intervals",
  noun: "time interval",
  path: "/timeIntervals",
  idArg: "interval_id",
  tools: {
    list: "zia_list_time_intervals",
    get: "zia_get_time_interval",
    create: "zia_create_time_interval",
    update: "zia_update_time_interval",
    delete: "zia_delete_time_interval",
  },
  about: " (time windows rules can be limited to) with their days and start and end times",
  paged: 1000,
  fields: {
    name: field(
      z.string().trim().min(1).max(255).regex(
        /^[A-Za-z0-9 _-]+$/,
        "must be letters, digits, spaces, _ or -",
      ).describe("Name of the time interval."),
      "name",
      { required: true },
    ),
    start_time: field(minuteOfDay("Start"), "startTime", { required: true }),
    end_time: field(minuteOfDay("End"), "endTime", { required: true }),
    days_of_week: field(
      z.array(z.enum(["EVERYDAY", "SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"])).min(1)
        .max(8).describe('Days it applies on, e.g. ["MON","TUE"] or ["EVERYDAY"].'),
      "daysOfWeek",
      { required: true },
    ),
  },
  createDetail: "Required: name, start_time, end_time and days_of_week. Rules take it by id " +
    "(time_window_ids).",
  deleteDetail: "An interval that rules still use cannot be deleted.",
  examples: {
    create: {
      name: "Example Office Hours",
      start_time: 540,
      end_time: 1080,
      days_of_week: ["MON", "TUE", "WED", "THU", "FRI"],
    },
    update: { end_time: 1020 },
    deletable: "items[-1].id",
  },
});
