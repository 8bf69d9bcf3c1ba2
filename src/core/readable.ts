/**
 * Figures' values as a person writes them: "January–April 2024", "at least 1,000 people",
 * "29,032 ft (8,849 m)", "$22.4 billion". A figure's `normalized` form is the engine's notation
 * ("2024-01/2024-04", "≥ 1,000 people", "USD 22.4 billion") and stays in data; views, cards and
 * messages show this instead.
 */
import type { Figure } from './figures';
import { MONTH_NAMES as MONTHS } from './text';

const DAY_MS = 86_400_000;
/** Currency codes that readers know by their sign. */
const CURRENCY_SIGNS: Readonly<Record<string, string>> = { USD: '$', GBP: '£', EUR: '€', JPY: '¥', INR: '₹' };
/** Units whose metric equivalent helps a reader compare; a conversion within one system ("12 km (12,000 m)") does not. */
const IMPERIAL_UNIT = /^(?:ft|feet|foot|mi|miles?|in|inch(?:es)?|yd|yards?|lb|lbs|pounds?|oz|gal|gallons?|mph|°F|acres?|sq\s*(?:ft|mi|miles?)|nmi|nautical miles?)$/i;

function parts(day: number): { year: number; month: number; day: number } {
  const date = new Date(day * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth(), day: date.getUTCDate() };
}

/** A day as a person writes it: "5 March 2024". */
function dayText(day: number): string {
  const p = parts(day);
  return `${p.day} ${MONTHS[p.month]} ${p.year}`;
}

/** The months from one day to another (inclusive), as "January–April 2024" or "November 2023–February 2024". */
function monthSpan(first: number, last: number): string {
  const a = parts(first);
  const b = parts(last);
  if (a.year === b.year && a.month === 0 && b.month === 11) return String(a.year);
  if (a.year === b.year && a.month === b.month) return `${MONTHS[a.month]} ${a.year}`;
  if (a.year === b.year) return `${MONTHS[a.month]}–${MONTHS[b.month]} ${a.year}`;
  return `${MONTHS[a.month]} ${a.year}–${MONTHS[b.month]} ${b.year}`;
}

/** A date figure's time as a person writes it, to its precision. */
function readableDate(figure: Figure): string {
  const { lo, hi } = figure.value;
  // Dates are half-open day intervals: the last day is one before `hi`.
  const last = hi - 1;
  if (!Number.isFinite(lo) && !Number.isFinite(hi)) return figure.text;
  if (!Number.isFinite(lo)) return `by ${boundText(last, figure)}`;
  if (!Number.isFinite(hi)) return `since ${boundText(lo, figure)}`;
  switch (figure.precision) {
    case 'day':
      return dayText(lo);
    case 'week': {
      const a = parts(lo);
      const b = parts(last);
      return a.month === b.month ? `${a.day}–${b.day} ${MONTHS[a.month]} ${a.year}` : `${dayText(lo)}–${dayText(last)}`;
    }
    case 'year':
      return String(parts(lo).year);
    case 'decade':
      // The engine's form is already a person's ("1990s", "mid 2010s").
      return figure.normalized;
    default:
      return monthSpan(lo, last);
  }
}

/** One end of an open date, to the figure's precision ("by 2025", "since March 2024", "by 5 March 2024"). */
function boundText(day: number, figure: Figure): string {
  if (figure.precision === 'year') return String(parts(day).year);
  if (figure.precision === 'day' || figure.precision === 'week') return dayText(day);
  const p = parts(day);
  return `${MONTHS[p.month]} ${p.year}`;
}

/** A number written to the digits a reader needs: four significant ones, and never fewer than its whole part. */
function roundNumber(text: string): string {
  const n = Number(text.replace(/,/g, ''));
  if (!Number.isFinite(n)) return text;
  const digits = Math.max(0, 4 - Math.max(1, Math.floor(Math.log10(Math.abs(n) || 1)) + 1));
  const rounded = Number(n.toFixed(digits));
  const [whole, fraction] = Math.abs(rounded).toString().split('.');
  return `${rounded < 0 ? '-' : ''}${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction ? `.${fraction}` : ''}`;
}

/** An amount's engine notation turned into words: bounds, currency signs, conversions. */
function readableAmount(figure: Figure): string {
  let text = figure.normalized;
  // A conversion to the base unit shows only where it helps to compare: from imperial units.
  const conversion = /^(.*?) \(([-\d.,]+) ([^)]+)\)$/.exec(text);
  if (conversion) {
    const unit = /[\d.,]+\s*(.+)$/.exec(conversion[1]!)?.[1]?.trim() ?? '';
    text = IMPERIAL_UNIT.test(unit) ? `${conversion[1]} (${roundNumber(conversion[2]!)} ${conversion[3]})` : conversion[1]!;
  }
  const qualifier = figure.qualifier?.toLowerCase().trim();
  const bound = /^([≥≤≈]) /.exec(text);
  if (bound) {
    const word = bound[1] === '≈' ? 'about' : bound[1] === '≥' ? (qualifier && /^(?:more than|over|above|at least|upwards of|in excess of)$/.test(qualifier) ? qualifier : 'at least') : qualifier && /^(?:less than|under|below|fewer than|at most|up to|nearly|almost)$/.test(qualifier) ? qualifier : 'at most';
    text = `${word} ${text.slice(2)}`;
  }
  // "USD 22.4 billion" → "$22.4 billion"; other currencies keep their code ("SAR 38.7").
  text = text.replace(/\b(USD|GBP|EUR|JPY|INR) (?=[\d-])/, (_, code: string) => CURRENCY_SIGNS[code]!);
  return text.replace(/^M(\d)/, 'magnitude $1');
}

/** A figure's value as a person writes it (see the module's comment). */
export function readableValue(figure: Figure): string {
  if (figure.kind === 'date') return figure.resolved === false ? figure.text : readableDate(figure);
  if (figure.kind === 'time' || figure.kind === 'duration') return figure.normalized;
  return readableAmount(figure);
}
