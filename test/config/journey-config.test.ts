// The journey: section of cx.yaml (messages name the stage and touchpoint) and `cx init`'s journey proposal
// from a rating grid, on the demo export (fixtures/demo: grid Q6_1..Q6_8 with 0 = N/A on Q6_8, outcome Q7).
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { parseConfig } from '../../src/config/load.js';
import { detectConfig } from '../../src/config/detect.js';
import { configYaml } from '../../src/config/write.js';
import { loadInput } from '../../src/dataset/load.js';
import { flattenJourney, outcomeOf } from '../../src/metrics/journey-config.js';

const root = path.resolve(__dirname, '../..');
const err = (text: string) => {
  try {
    parseConfig(text, '/tmp/cx.yaml');
    return '';
  } catch (e) {
    return (e as Error).message;
  }
};

describe('journey: in cx.yaml', () => {
  const ok = `journey:
  outcome: { column: satisfaction, positive: [satisfied] }
  na: [0]
  bands: { low: [1, 2], high: [4, 5] }
  stages:
    - stage: 预订 Booking
      touchpoints:
        - { name: 在线预订 Online booking, column: Q5_1, owner: Digital, target: 4.0, codes: [401, 402] }
        - { name: 值机 Check-in, column: Q5_2 }
    - stage: 到达 Arrival
      touchpoints:
        - { name: 行李 Baggage, column: Q5_3 }
`;
  it('the issue\'s shape loads; touchpoints flatten in journey order', () => {
    const c = parseConfig(ok, '/tmp/cx.yaml');
    expect(outcomeOf(c.journey!)).toEqual({ column: 'satisfaction', positive: ['satisfied'] });
    expect(c.journey!.na).toEqual(['0']);
    const f = flattenJourney(c.journey!);
    expect(f.map((t) => [t.stageOrder, t.name, t.column])).toEqual([[1, '在线预订 Online booking', 'Q5_1'], [1, '值机 Check-in', 'Q5_2'], [2, '行李 Baggage', 'Q5_3']]);
    expect(f[0]).toMatchObject({ owner: 'Digital', target: 4, codes: ['401', '402'] });
    expect(parseConfig('journey:\n  outcome: Q1\n  stages:\n    - stage: A\n      touchpoints: [{ name: x, column: c1 }]\n', '/tmp/cx.yaml').journey!.outcome).toBe('Q1');
  });
  it('messages name the stage and the touchpoint, with the line', () => {
    expect(err(ok + '    - stage: 售后 After-sales\n')).toMatch(/^cx\.yaml:13: journey\.stages\[2\]: stage "售后 After-sales" has no touchpoints/);
    expect(err(ok.replace('column: Q5_2', 'owner: X'))).toMatch(/touchpoint "值机 Check-in" of stage "预订 Booking" has no column/);
    expect(err(ok.replace('行李 Baggage', '值机 Check-in'))).toMatch(/touchpoint "值机 Check-in" appears twice \(stages "预订 Booking" and "到达 Arrival"\)/);
    expect(err(ok.replace('column: Q5_3', 'column: Q5_1'))).toMatch(/touchpoint "行李 Baggage" uses column "Q5_1", already used by touchpoint "在线预订 Online booking"/);
    expect(err(ok.replace('high: [4, 5]', 'high: [2, 5]'))).toMatch(/bands: 2 is in both low and high/);
    expect(err(ok.replace('column: satisfaction', 'column: Q5_2'))).toMatch(/the outcome column "Q5_2" is also touchpoint "值机 Check-in"/);
    expect(err('journey:\n  outcome: Q1\n')).toMatch(/journey: missing required key "stages"/);
    expect(err(ok.replace('target: 4.0', 'target: high'))).toMatch(/journey\.stages\[0\]\.touchpoints\[0\]\.target: expected a number/);
  });
});

describe('cx init proposes a journey from the largest rating grid', () => {
  it('demo: Q6 rows in question order, outcome Q7 after the grid, na [0]; key drivers stay Q4_1..Q4_5', async () => {
    const s = await loadInput(path.join(root, 'fixtures/demo/wave-2026Q3.csv'));
    const d = detectConfig(s);
    expect(d.journey!.grid).toBe('Q6');
    expect(d.journey!.outcome).toBe('Q7');
    expect(d.journey!.na).toEqual(['0']);
    expect(d.journey!.touchpoints).toEqual([
      { name: 'Browsing the menu', column: 'Q6_1' }, { name: 'Checkout & payment', column: 'Q6_2' }, { name: 'Delivery speed', column: 'Q6_3' },
      { name: 'Courier', column: 'Q6_4' }, { name: 'Packaging', column: 'Q6_5' }, { name: 'Food quality', column: 'Q6_6' },
      { name: 'Support response', column: 'Q6_7' }, { name: 'Refunds', column: 'Q6_8' },
    ]);
    expect(d.drivers).toEqual({ outcome: 'Q1', drivers: ['Q4_1', 'Q4_2', 'Q4_3', 'Q4_4', 'Q4_5'] });
    // The written cx.yaml loads and has the journey.
    const c = parseConfig(configYaml({ ...d, input: 'x.csv', title: 't' }), '/tmp/cx.yaml');
    expect(flattenJourney(c.journey!).map((t) => t.column)).toEqual(['Q6_1', 'Q6_2', 'Q6_3', 'Q6_4', 'Q6_5', 'Q6_6', 'Q6_7', 'Q6_8']);
    expect(c.journey!.na).toEqual(['0']);
  }, 60_000);
});
