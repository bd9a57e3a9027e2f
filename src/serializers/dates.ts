// The two wire date formats. Storage is UTC "YYYY-MM-DD HH:MM:SS" text, so both are cheap string work.

/** Now, in storage form. */
export function nowStamp(date: Date = new Date()): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** Laravel model timestamps: "2025-07-17T18:00:13.000000Z". */
export function modelDate(stamp: string): string;
export function modelDate(stamp: string | null): string | null;
export function modelDate(stamp: string | null): string | null {
  return stamp === null ? null : `${stamp.slice(0, 10)}T${stamp.slice(11, 19)}.000000Z`;
}

/** Raw datetime columns: "2025-07-17 18:00:13". */
export function plainDate(stamp: string | null): string | null {
  return stamp;
}
