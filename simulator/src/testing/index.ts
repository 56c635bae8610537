export {
  type LoggedRequest,
  loadRecording,
  type Recording,
  type ReplayCloud,
  type ReplayResponse,
  type RouteMatch,
  startReplayCloud,
} from "./recorded-cloud.fixture.js";
export { RECORDINGS_DIR } from "./recordings.js";
export { headerOf, type RawResponse, rawRequest, SimTestClient } from "./sim-client.fixture.js";
