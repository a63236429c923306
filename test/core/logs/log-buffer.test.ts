import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  appendLines,
  cleanLogText,
  findMatch,
  formatLogTime,
  indexOfSeq,
  matchPosition,
  matchRanges,
  parseLogLine,
  type LogLine,
  type NewLogLine,
} from '../../../src/core/logs/log-buffer.js';

const ESC = '\x1b';
const nl = (text: string, stream: NewLogLine['stream'] = 'stdout'): NewLogLine => ({ stream, time: null, text });
const buf = (...texts: string[]): LogLine[] => appendLines([], texts.map((t) => nl(t)));

describe('appendLines', () => {
  it('numbers lines and keeps stream and time', () => {
    const a = appendLines([], [nl('a'), { stream: 'stderr', time: '2024-01-01T00:00:00Z', text: 'b' }]);
    const b = appendLines(a, [nl('c')]);
    assert.deepEqual(b.map((l) => [l.seq, l.stream, l.text]), [[0, 'stdout', 'a'], [1, 'stderr', 'b'], [2, 'stdout', 'c']]);
    assert.equal(b[1].time, '2024-01-01T00:00:00Z');
    assert.equal(a.length, 2, 'the previous array is not changed');
  });

  it('stays within its capacity, dropping the oldest lines', () => {
    let lines: LogLine[] = [];
    for (let i = 0; i < 30; i++) lines = appendLines(lines, [nl(`l${i}`), nl(`m${i}`)], 25);
    assert.equal(lines.length, 25);
    assert.equal(lines[24].text, 'm29');
    assert.equal(lines[24].seq, 59);
    assert.equal(lines[0].seq, 35);
  });

  it('a batch larger than the capacity keeps its newest lines', () => {
    const lines = appendLines(buf('x'), Array.from({ length: 10 }, (_, i) => nl(String(i))), 4);
    assert.deepEqual(lines.map((l) => l.text), ['6', '7', '8', '9']);
  });

  it('indexOfSeq clamps sequence numbers that were dropped or not yet seen', () => {
    const lines = appendLines(buf('a', 'b', 'c', 'd'), [nl('e')], 3);
    assert.equal(indexOfSeq(lines, 0), 0);
    assert.equal(indexOfSeq(lines, 3), 1);
    assert.equal(indexOfSeq(lines, 99), 2);
  });
});

describe('cleanLogText: colour stripped, nothing else gets through', () => {
  const cases: [string, string, string][] = [
    ['plain', 'hello world', 'hello world'],
    ['SGR colour is stripped', `${ESC}[31merror${ESC}[0m done`, 'error done'],
    ['256/true colour too', `${ESC}[38;5;196mx${ESC}[38;2;1;2;3my`, 'xy'],
    ['cursor movement and clear screen', `a${ESC}[2J${ESC}[10;5Hb${ESC}[Ac`, 'abc'],
    ['OSC title', `${ESC}]0;owned\x07text`, 'text'],
    ['OSC 8 hyperlink', `${ESC}]8;;http://x${ESC}\\link${ESC}]8;;${ESC}\\`, 'link'],
    ['bell and backspace', 'a\x07b\x08c', 'abc'],
    ['tabs expand to the next stop of 8', 'a\tb\tc', 'a       b       c'],
    ['carriage return keeps what a terminal would show last', 'progress 10%\rprogress 20%\r', 'progress 20%'],
    ['bidi override', 'a\u202eb', 'ab'],
    ['Unicode is kept', 'café 中文 🐳', 'café 中文 🐳'],
  ];
  for (const [name, input, want] of cases) it(name, () => assert.equal(cleanLogText(input), want));

  it('leaves no ESC or control character at all', () => {
    assert.doesNotMatch(cleanLogText(`${ESC}[1m${ESC}P1$r${ESC}\\\x9b2J\x9d0;x\x07${ESC}c`), /[\x00-\x1f\x7f-\x9f]/);
  });
});

describe('parseLogLine', () => {
  it('splits off the engine timestamp', () => {
    const l = parseLogLine('stderr', '2024-05-01T12:00:00.123456789Z boom');
    assert.deepEqual(l, { stream: 'stderr', time: '2024-05-01T12:00:00.123456789Z', text: 'boom' });
  });

  it('accepts an offset instead of Z, and a line without a timestamp', () => {
    assert.equal(parseLogLine('stdout', '2024-05-01T12:00:00+02:00 x').time, '2024-05-01T12:00:00+02:00');
    assert.deepEqual(parseLogLine('stdout', 'no stamp'), { stream: 'stdout', time: null, text: 'no stamp' });
  });

  it('a continuation never takes a timestamp, even if it starts with one', () => {
    assert.deepEqual(parseLogLine('stdout', '2024-05-01T12:00:00Z x', true), {
      stream: 'stdout',
      time: null,
      text: '2024-05-01T12:00:00Z x',
      continued: true,
    });
  });

  it('formats the time for the view', () => {
    assert.equal(formatLogTime('2024-05-01T12:00:00.123456789Z'), '2024-05-01 12:00:00.123');
    assert.equal(formatLogTime('2024-05-01T12:00:00Z'), '2024-05-01 12:00:00.000');
    assert.equal(formatLogTime(null), '');
  });
});

describe('search', () => {
  const lines = buf('Alpha', 'beta', 'ALPHA beta alpha', 'gamma', 'a.b');

  it('finds forward and backward, case-insensitive, wrapping around', () => {
    assert.equal(findMatch(lines, 'alpha', 0, 1), 0);
    assert.equal(findMatch(lines, 'alpha', 1, 1), 2);
    assert.equal(findMatch(lines, 'alpha', 3, 1), 0);
    assert.equal(findMatch(lines, 'alpha', 1, -1), 0);
    assert.equal(findMatch(lines, 'alpha', 0, -1), 0);
    assert.equal(findMatch(lines, 'ALPHA', 4, -1), 2);
  });

  it('no match, empty query or no lines give -1', () => {
    assert.equal(findMatch(lines, 'delta', 0, 1), -1);
    assert.equal(findMatch(lines, '', 0, 1), -1);
    assert.equal(findMatch([], 'a', 0, 1), -1);
  });

  it('the query is plain text, not a regular expression', () => {
    assert.equal(findMatch(lines, 'a.b', 0, 1), 4);
    assert.equal(findMatch(lines, '(', 0, 1), -1);
  });

  it('match ranges for highlighting', () => {
    assert.deepEqual(matchRanges('ALPHA beta alpha', 'alpha'), [[0, 5], [11, 16]]);
    assert.deepEqual(matchRanges('x', ''), []);
  });

  it('rank and count of the current match', () => {
    assert.deepEqual(matchPosition(lines, 'alpha', 2), { rank: 2, total: 2 });
    assert.deepEqual(matchPosition(lines, 'alpha', 1), { rank: 0, total: 2 });
  });
});
