export { loginHistoryRows } from "./login-history.loader.js";
export { registerReportJobs, reportDeliverJob, reportDispatchJob } from "./report-delivery.job.js";
export { latestDuePeriod } from "./report-period.js";
export { reportCsvStream, reportPdf } from "./report-render.service.js";
