import type { MyDataService } from "../../domain/my-data.service.js";
import type { ProgramExportService } from "../../domain/program-export.service.js";
import type { JobHandlers } from "../job-workers.js";

/** Thin handler: the payload names who asked and when; the service writes and shares. */
export function exportJobHandlers(
  exports: ProgramExportService,
  myData: MyDataService,
): Pick<JobHandlers, "exports.program" | "exports.my-data"> {
  return {
    "exports.program": ({ userId, requestKey }) => exports.run(userId, requestKey),
    "exports.my-data": ({ userId, requestKey }) => myData.run(userId, requestKey),
  };
}
