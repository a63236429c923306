import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { influxTarget } from '../src/cli-influx.js';

describe('influxTarget', () => {
  it('none without flags', () => assert.equal(influxTarget({}, {}), null));
  it('v1 with db, user and the password from the environment', () => {
    assert.deepEqual(influxTarget({ influxUrl: 'http://127.0.0.1:8086', influxDb: 'm', influxUser: 'u' }, { INFLUX_PASSWORD: 'pw' }), {
      url: 'http://127.0.0.1:8086', db: 'm', rp: undefined, user: 'u', password: 'pw', token: undefined,
    });
  });
  it('v2 with org, bucket and the token from the environment', () => {
    assert.deepEqual(influxTarget({ influxUrl: 'https://i:8086', influxOrg: 'o', influxBucket: 'b' }, { INFLUX_TOKEN: 't' }), { url: 'https://i:8086', org: 'o', bucket: 'b', token: 't' });
  });
  const bad: [Record<string, string>, Record<string, string>, RegExp][] = [
    [{ influxDb: 'x' }, {}, /need --influx-url/],
    [{ influxUrl: 'http://h' }, {}, /needs --influx-db .* or --influx-org/],
    [{ influxUrl: 'ftp://h', influxDb: 'x' }, {}, /expected http/],
    [{ influxUrl: 'not a url', influxDb: 'x' }, {}, /not a URL/],
    [{ influxUrl: 'http://u:p@h', influxDb: 'x' }, {}, /must not carry credentials/],
    [{ influxUrl: 'http://h', influxDb: 'x', influxBucket: 'b' }, {}, /do not go together/],
    [{ influxUrl: 'http://h', influxBucket: 'b' }, { INFLUX_TOKEN: 't' }, /needs --influx-org/],
    [{ influxUrl: 'http://h', influxBucket: 'b', influxOrg: 'o' }, {}, /needs a token/],
  ];
  for (const [raw, env, re] of bad) {
    it(`rejects ${JSON.stringify(raw)}`, () => {
      assert.throws(() => influxTarget(raw, env), (err: Error & { exitCode?: number }) => re.test(err.message) && err.exitCode === 2);
    });
  }
  it('never puts the token in an error', () => {
    try {
      influxTarget({ influxUrl: 'http://h', influxBucket: 'b', influxToken: 'SECRET' }, {});
      assert.fail('should throw');
    } catch (err) {
      assert.doesNotMatch(String((err as Error).message), /SECRET/);
    }
  });
});
