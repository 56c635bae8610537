import { type VhiVolumeType, volumeTypeListSchema } from "./cinder.schemas.js";
import type { HttpTransport } from "./http.js";
import type { KeystoneSession } from "./keystone.js";

export interface VolumeTypesApi {
  /** Storage policies usable as `bootVolume.volumeType`. */
  list(signal?: AbortSignal): Promise<VhiVolumeType[]>;
}

export function createVolumeTypesApi(http: HttpTransport, session: KeystoneSession): VolumeTypesApi {
  return {
    async list(signal) {
      // The Cinder v3 catalog URL already ends with /v3/<project_id>.
      const url = `${await session.endpoint("volume", signal)}/types`;
      return (await http.request({ service: "volume", method: "GET", url, schema: volumeTypeListSchema, signal })).data
        .volume_types;
    },
  };
}
