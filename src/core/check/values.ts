/**
 * Whether two figures state the same value, as the note check reads them: support is the same
 * value, while a value that agrees only after rounding or widening is compatible. Shared by the
 * verdict, the diagnostics and the evidence stage (which tells a source figure's exact matches in
 * other sources from its compatible ones).
 */
import { parseNumber, type Figure, type Interval } from '../figures';

/**
 * Whether two figures state the same value: each one's value as written (the middle of its
 * interval) lies within the other's interval. "$2 billion" and "$2.0 billion" do; 810 m and
 * 812.43 m overlap only because 810 is rounded; an open bound states its end ("over $13 billion"
 * states 13 billion, the same as "$13 billion"; "more than 1,000" is not 1,200).
 */
export function sameValue(a: Figure, b: Figure): boolean {
  if (isRange(a) && isRange(b)) return sameEnds(a.value, b.value);
  // The value as written: the middle of a rounded interval, the stated end of an open bound ("over $13 billion").
  const middle = (x: Figure): number => (x.value.hi === Infinity ? x.value.lo : x.value.lo === -Infinity || (x.value.lo <= 0 && x.value.hi > 0 && (x.bound || x.qualifier !== undefined)) ? x.value.hi : (x.value.lo + x.value.hi) / 2);
  const within = (v: number, x: Figure): boolean => {
    const { lo, hi } = asWritten(x);
    return Number.isFinite(v) && v >= lo - 1e-9 * Math.abs(v) && v <= hi + 1e-9 * Math.abs(v);
  };
  return within(middle(a), b) && within(middle(b), a);
}

/** Two numbers joined as the ends of a band ("$3 billion to $5 billion", "between 40 and 60"). */
const RANGE_TEXT = /\d[^\s\d]*(?:\s+[a-z]+)?\s*(?:\bto\b|\band\b|[-–—])\s*\D{0,3}\d/i;

/**
 * Whether a figure is a band between two written values. A duration written in two units ("12
 * days and 6 hours") is one value, not a band.
 */
export function isRange(f: Figure): boolean {
  return f.kind !== 'duration' && f.kind !== 'date' && !f.bound && Number.isFinite(f.value.lo) && Number.isFinite(f.value.hi) && RANGE_TEXT.test(f.text);
}

/** Whether two bands have the same ends, each within a tenth of the other. */
export function sameEnds(a: Interval, b: Interval): boolean {
  const near = (x: number, y: number): boolean => Math.abs(x - y) <= 0.1 * Math.max(Math.abs(x), Math.abs(y));
  return near(a.lo, b.lo) && near(a.hi, b.hi);
}

/** Qualifiers that widen a value both ways ("about", "roughly"): they say how sure, not which value. */
const APPROXIMATELY = /^(?:approx(?:imately|\.)?|about|around|roughly|some|circa|c\.|(?:an\s+)?estimated|~)$/i;

/**
 * The values a figure's number stands for as written, before an "about" widened it: "about 88%" is
 * 87.5–88.5 here, so that it is not the same value as "about 96%", though the two are compatible.
 * Other figures keep their interval.
 */
export function asWritten(x: Figure): Interval {
  if (!x.qualifier || !APPROXIMATELY.test(x.qualifier.trim())) return x.value;
  const digits = /\d[\d,]*(?:\.\d+)?/.exec(x.text)?.[0];
  const n = digits ? parseNumber(digits) : undefined;
  if (!n || n.value === 0 || !Number.isFinite(x.value.lo) || !Number.isFinite(x.value.hi)) return x.value;
  // The widened interval is centred on the written value: its scale turns the number into the figure's unit.
  const scale = (x.value.lo + x.value.hi) / 2 / n.value;
  const ends = [(n.value - n.half) * scale, (n.value + n.half) * scale];
  return { lo: Math.min(...ends), hi: Math.max(...ends) };
}
