// `host=NAME` with several engines: the engine's short name, never sent to the engine as a label.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { engineFilters, parseSelector } from '../../../src/core/query/selector.js';
import type { ContainerInfo } from '../../../src/core/model/types.js';

const c = (host: string | undefined, labels: Record<string, string> = {}): ContainerInfo => ({
  id: 'x', name: 'n', image: 'i', labels, state: 'running', status: '', health: null, created: 0, networkMode: 'none', host,
});

describe('host selector term', () => {
  test('matches the engine name when several engines are watched', () => {
    assert.equal(parseSelector('host=prod').matches(c('prod')), true);
    assert.equal(parseSelector('host=prod').matches(c('dev', { host: 'prod' })), false, 'the engine wins over a label');
    assert.equal(parseSelector('host in (a,b)').matches(c('b')), true);
    assert.equal(parseSelector('host!=a').matches(c('a')), false);
  });
  test('with one engine (no host) it is a label key', () => {
    assert.equal(parseSelector('host=prod').matches(c(undefined, { host: 'prod' })), true);
    assert.equal(parseSelector('host=prod').matches(c(undefined)), false);
  });
  test('is not sent to the engine as a label filter', () => assert.deepEqual(engineFilters([parseSelector('host=prod,app=web')]), { label: ['app=web'] }));
});
