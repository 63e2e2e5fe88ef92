import { createHash } from 'crypto';
import type { HubConfig } from '@hub/config';

/** One Open311 service: a category of the taxonomy (城市管理/占道经营). */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
}

/**
 * A stable code for a category path: the same as long as the path is (apps keep it in their lists).
 * Never text that reads as a number (`0480853811`, `17036804e9`): XML clients that follow the Spark
 * convention, the published `open311` client among them, read such a code as a number and send back
 * another one (`17036804000000000`). Its first digit then becomes a letter past the hex ones
 * (0 → g … 9 → p), so codes stay unique and the others stay as they were.
 */
export const serviceCodeOf = (path: string): string => {
  const hex = createHash('sha256').update(path).digest('hex').slice(0, 10);
  return /^\d+(e\d+)?$/.test(hex) ? String.fromCharCode(103 + Number(hex[0])) + hex.slice(1) : hex;
};

/** The services a civic app may file, from taxonomy.yaml (categories answered on the spot included). */
export function open311Services(config: Pick<HubConfig, 'taxonomy'>): Array<Open311Service & { path: string }> {
  return config.taxonomy.categories.map((c) => {
    const [group, ...rest] = c.path.split('/');
    return {
      service_code: serviceCodeOf(c.path),
      service_name: rest.join('/') || group,
      description: c.path,
      metadata: false,
      type: 'realtime' as const,
      keywords: [group, ...rest].join(','),
      group,
      path: c.path,
    };
  });
}

/** Open311 times: ISO 8601 with the zone, in Beijing time (+08:00). */
export function open311Time(d: Date | null): string | null {
  if (!d) return null;
  return `${new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

/** Where a request is: what the app sent, kept in the ticket's address as `地址（经纬度 lat,long）`. */
export function open311Address(address_string: string | null, lat: number | null, long: number | null): string | null {
  const point = lat !== null && long !== null ? `经纬度 ${lat},${long}` : null;
  if (address_string && point) return `${address_string}（${point}）`;
  return address_string || point;
}

/** The address and point back from a ticket's address. */
export function parseOpen311Address(address: string | null): { address: string; lat: number | null; long: number | null } {
  const m = /(?:（)?经纬度 (-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)(?:）)?$/.exec(address ?? '');
  if (!m) return { address: address ?? '', lat: null, long: null };
  return { address: (address ?? '').slice(0, m.index), lat: Number(m[1]), long: Number(m[2]) };
}

/** The source of requests filed with a key: `Open311 <client name>`. */
export const OPEN311_SOURCE_PREFIX = 'Open311 ';
