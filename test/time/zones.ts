import { createZone, type Zone } from "../../src/time/zone.js";

const cache = new Map<string, Zone>();

/** One Zone per name for the test files (a Zone caches offsets, so sharing it is cheaper). */
export function zoneOf(name: string): Zone {
  let zone = cache.get(name);
  if (zone === undefined) {
    zone = createZone(name);
    cache.set(name, zone);
  }
  return zone;
}
