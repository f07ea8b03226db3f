// What both engines' stats reads decide alike about service tags: a service is its tag value
// lowercased, so "API" and "api" count as one.

/** One incident's services, once each, in the order they were tagged. */
export function servicesFrom(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.toLowerCase()))];
}

/** Every service named anywhere, once each, sorted. */
export function knownServicesFrom(values: readonly string[]): string[] {
  return servicesFrom(values).sort();
}
