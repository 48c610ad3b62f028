// Colours by meaning, the same in every format (SVG, PowerPoint, Excel): a Kano category, a driver
// quadrant, good/bad news always have the same colour, whatever the order of the items in a deck.
// Hex without '#', colour-blind-friendly (Tableau 10 family).

export const NAVY = '1F4E79';
export const GOOD = '2E7D32';
export const BAD = 'C62828';
export const NEUTRAL = '666666';
/** Bars and lines with no special meaning. */
export const BASE = '4E79A7';
/** A small base (n < 30): drawn pale so it does not read like the others. */
export const SMALL_BASE = 'C9D3DF';
/** The 95% band around a trend line. */
export const BAND = 'D6E2F0';
/** Target lines. */
export const TARGET = 'E15759';
export const REFERENCE = '888888';

/** Driver quadrants: "Concentrate here" is the highlight (red), keep up = green, the rest muted. */
export const QUADRANT_COLORS: Record<string, string> = {
  concentrate: 'E15759',
  'keep-up': '59A14F',
  'low-priority': 'BAB0AC',
  overkill: 'EDC948',
};

/** Kano categories: must-be red (a gap hurts), one-dimensional blue, attractive green, the rest grey. */
export const KANO_COLORS: Record<string, string> = {
  M: 'E15759',
  O: '4E79A7',
  A: '59A14F',
  I: 'BAB0AC',
  R: 'B07AA1',
  Q: '9C755F',
};

/** Sentiment and theme impact. */
export const SENTIMENT_COLORS: Record<string, string> = { positive: '59A14F', neutral: 'BAB0AC', negative: 'E15759' };
export const IMPACT_COLORS: Record<string, string> = { pain: 'E15759', delight: '59A14F' };

/** NPS groups. */
export const NPS_GROUP_COLORS = { promoters: '59A14F', passives: 'BAB0AC', detractors: 'E15759' };

/** SERVQUAL expectation vs perception bars. */
export const EXPECTATION = 'BAB0AC';
export const PERCEPTION = '4E79A7';

/**
 * The colour of a change: `good` when the metric moved the right way. `higherIsBetter` undefined = no
 * judgement (neutral). A change that shows as zero is neutral.
 */
export function changeColor(change: number, higherIsBetter: boolean | undefined, shown = change): string {
  if (higherIsBetter === undefined || shown === 0) return NEUTRAL;
  return (change > 0) === higherIsBetter ? GOOD : BAD;
}
