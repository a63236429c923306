// scripts/ink-fast-output.js (the fast path bundle-ui.mjs puts into Ink's Output.get) must give
// the screen Ink's own path gives, cell by cell and style by style, whenever it answers; and it
// must step aside (null) where only Ink's grid is right: overlapping writes, horizontal clips,
// wide characters. The frames compared are the live screen's own (mock session, several views).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import { styledCharsFromTokens, styledCharsToString, tokenize } from '@alcalzone/ansi-tokenize';
import { render } from 'ink';
import { createElement } from 'react';
import { fastOutput } from '../../scripts/ink-fast-output.js';
import { App } from '../../src/ui/app.js';
import { Store } from '../../src/core/history/store.js';
import { Sampler } from '../../src/sampling/sampler.js';
import { createMockSession } from '../../src/sources/mock/mock-session.js';

// The very module Ink renders with (same file URL, so the same class), past the exports map.
const { default: Output } = (await import(new URL('../../node_modules/ink/build/output.js', import.meta.url).href)) as {
  default: new (o: { width: number; height: number }) => InkOutput;
};
interface InkOutput {
  write(x: number, y: number, text: string, o: { transformers: ((s: string, i: number) => string)[] }): void;
  clip(c: { x1?: number; x2?: number; y1?: number; y2?: number }): void;
  unclip(): void;
  get(): { output: string; height: number };
}

/** A row re-encoded through Ink's own tokenizer: equal strings mean equal cells and styles. */
const cells = (screen: string) => screen.split('\n').map((row) => styledCharsToString(styledCharsFromTokens(tokenize(row))).trimEnd());

describe('ink fast output', () => {
  const compared: { ink: string; fast: string | null }[] = [];
  const original = Output.prototype.get;
  before(() => {
    Output.prototype.get = function (this: InkOutput) {
      const ink = original.call(this);
      const fast = fastOutput(this);
      compared.push({ ink: ink.output, fast: fast && fast.output });
      return ink;
    };
  });
  after(() => {
    Output.prototype.get = original;
  });

  it('matches Ink on the live screen: table, selection, sort, help overlay, detail view', async () => {
    const stdout = Object.assign(new Writable({ write: (_c, _e, cb) => cb() }), { isTTY: true, columns: 120, rows: 30 });
    const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => stdin, ref: () => stdin, unref: () => stdin });
    const store = new Store({ historyLength: 60 });
    const sampler = new Sampler({ session: createMockSession({ seed: 5, count: 40 }), store, intervalMs: 100 });
    const app = render(createElement(App, { store, settings: { all: true, color: true, theme: 'dark', filter: '' } }), { stdout, stdin, patchConsole: false, exitOnCtrlC: false, debug: true });
    sampler.start();
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    await wait(400);
    for (const key of ['j', 'j', '6', 'j', '?', '\u001B', '\r', 'j', '\u001B', 'G', 'k']) {
      stdin.write(key);
      await wait(120);
    }
    sampler.stop();
    app.unmount();
    const fast = compared.filter((c) => c.fast !== null);
    assert.ok(compared.length >= 10, `only ${compared.length} frames`);
    assert.ok(fast.length >= compared.length / 2, `the fast path answered only ${fast.length} of ${compared.length} frames`);
    for (const c of fast) assert.deepEqual(cells(c.fast!), cells(c.ink));
  });

  it('matches Ink with a vertical clip and transformers, and steps aside where only the grid is right', () => {
    const make = () => new Output({ width: 20, height: 4 });
    const upper = { transformers: [(s: string) => s.toUpperCase(), (s: string, i: number) => `${i}${s}`] };
    const none = { transformers: [] };

    const a = make();
    a.clip({ y1: 1, y2: 3 });
    a.write(2, 0, 'ab\ncd\nef\ngh', upper);
    a.write(10, 1, '\u001B[31mred\u001B[39m', none);
    a.unclip();
    const fa = fastOutput(a);
    assert.ok(fa);
    assert.deepEqual(cells(fa.output), cells(a.get().output));

    const overlap = make();
    overlap.write(0, 0, 'hello world', none);
    overlap.write(3, 0, 'XY', none);
    assert.equal(fastOutput(overlap), null);

    const wide = make();
    wide.write(0, 0, '日本', none);
    assert.equal(fastOutput(wide), null);

    const horizontal = make();
    horizontal.clip({ x1: 0, x2: 5 });
    horizontal.write(0, 0, 'abcdefgh', none);
    horizontal.unclip();
    assert.equal(fastOutput(horizontal), null);
  });
});
