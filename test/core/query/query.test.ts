import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UserFacingError } from '../../../src/core/model/errors.js';
import { checkGroupBy } from '../../../src/core/query/query.js';

test('-g: compose, image, state, a label key and label:KEY are accepted; absent is fine', () => {
  for (const spec of [undefined, 'compose', 'image', 'state', 'app', 'label:compose']) assert.doesNotThrow(() => checkGroupBy(spec), String(spec));
});

test('-g with no key says so (not "bad selector"), exit code 2', () => {
  for (const spec of ['', '  ']) {
    assert.throws(
      () => checkGroupBy(spec),
      (err: unknown) => err instanceof UserFacingError && err.exitCode === 2 && err.message === '-g needs a key to group by' && !/selector/.test(err.message),
      JSON.stringify(spec),
    );
  }
  assert.throws(
    () => checkGroupBy('label:'),
    (err: unknown) => err instanceof UserFacingError && err.exitCode === 2 && /^-g: bad group key: expected a label key/.test(err.message) && err.message.includes('^'),
  );
});
