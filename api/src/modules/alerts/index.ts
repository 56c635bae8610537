export { evaluateAlerts } from "./alert-evaluator.js";
export { alertsEvaluateJob, registerAlertJobs } from "./alerts.job.js";
