// The Service Discovery document the spec requires beside the endpoint (/open311/discovery.xml
// or .json): where the GeoReport v2 endpoint is, which formats it speaks, and how to get a key.
import { w3cDateTime } from './requests';

export const GEOREPORT_V2_SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
export const DISCOVERY_SETTING = 'open311.discovery';

export interface DiscoveryInput {
  /** Public base URL of this API, without a trailing slash. */
  baseUrl: string;
  /** Last change of the service list. */
  servicesChangedAt: Date;
  contact: string;
  keyService: string;
}

export function discoveryDocument(input: DiscoveryInput) {
  const changeset = w3cDateTime(input.servicesChangedAt);
  return {
    changeset,
    contact: input.contact,
    key_service: input.keyService,
    endpoints: [{ specification: GEOREPORT_V2_SPECIFICATION, url: `${input.baseUrl}/open311/v2`, changeset, type: 'production', formats: ['text/xml', 'application/json'] }],
  };
}
