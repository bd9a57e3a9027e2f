// Small helpers shared by the security tests.

/** A snapshot without api_tokens.last_used_at, which any authenticated request may stamp once a minute. */
export function withoutLastUsed(tables: Record<string, unknown[]>): Record<string, unknown[]> {
  return { ...tables, api_tokens: (tables.api_tokens ?? []).map((row) => ({ ...(row as object), last_used_at: null })) };
}
