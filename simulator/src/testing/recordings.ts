import { fileURLToPath } from "node:url";

/**
 * The real OpenStack exchanges this package ships (`fixtures/openstack-recorded`, one JSON file per request and
 * answer), read at test time and never pasted into code. The path is the same from `src/testing` and `dist/testing`;
 * OPENSTACK_RECORDED_DIR points elsewhere, e.g. at a fresh recording.
 */
export const RECORDINGS_DIR =
  process.env.OPENSTACK_RECORDED_DIR ?? fileURLToPath(new URL("../../fixtures/openstack-recorded", import.meta.url));
