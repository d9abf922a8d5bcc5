// The pure functions of www/lib/model.js in Node: who an attribution's speaker is.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeSource, speakerOf } from '../../www/lib/model.js';

const text = "China's commerce ministry said it opposed the measures. It urged the Netherlands to “correct its mistakes.”";
const span = (s, from = 0) => {
  const start = text.indexOf(s, from);
  assert.ok(start >= 0, `${s} not in text`);
  return { start, end: start + s.length, text: s };
};

test('speakerOf: a cluster first, then the mention a pronoun stands for, then the source phrase', () => {
  const ministry = span("China's commerce ministry");
  const it = span('It', 40);
  const result = { clusters: [{ canonical: 'Kim Yo Jong', label: 'PERSON', mentions: [] }] };
  const cases = [
    [{ source: it, speaker: null, speaker_mention: ministry }, "China's commerce ministry"],
    [{ source: ministry, speaker: null, speaker_mention: ministry }, "China's commerce ministry"],
    [{ source: it, speaker: null, speaker_mention: null }, 'It'],
    [{ source: it, speaker: null }, 'It'],
    [{ source: it, speaker: 0, speaker_mention: ministry }, 'Kim Yo Jong'],
  ];
  for (const [a, want] of cases) assert.equal(speakerOf(result, a).name, want, JSON.stringify(a));
  // One key for the pronoun and the name it stands for, so the panel counts one speaker.
  assert.equal(speakerOf(result, cases[0][0]).key, speakerOf(result, cases[1][0]).key);
  assert.equal(describeSource(result, { ...cases[0][0], source_kind: 'official' }), '“China\'s commerce ministry” (official)');
});
