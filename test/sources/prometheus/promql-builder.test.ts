import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFilter, parseSelector } from '../../../src/core/query/selector.js';
import {
  buildTickQueries,
  escapeRegex,
  historyQueries,
  promLabelFor,
  promString,
  pushdown,
  re2Compatible,
  sanitizeLabelName,
} from '../../../src/sources/prometheus/promql-builder.js';

const terms = (s: string) => parseSelector(s).terms;

describe('label names', () => {
  it('sanitises as cAdvisor does, lossy', () => {
    assert.equal(sanitizeLabelName('com.docker.compose.project'), 'com_docker_compose_project');
    assert.equal(sanitizeLabelName('app-tier/x'), 'app_tier_x');
  });
  it('keeps Kubernetes keys, prefixes container labels', () => {
    assert.equal(promLabelFor('namespace'), 'namespace');
    assert.equal(promLabelFor('pod'), 'pod');
    assert.equal(promLabelFor('container'), 'container');
    assert.equal(promLabelFor('app.tier'), 'container_label_app_tier');
  });
  it('quotes and escapes values', () => {
    assert.equal(promString('a"b\\c\n'), '"a\\"b\\\\c\\n"');
    assert.equal(escapeRegex('a.b|c(d)*'), 'a\\.b\\|c\\(d\\)\\*');
  });
});

describe('pushdown', () => {
  it('maps every label operator to a matcher', () => {
    const p = pushdown(terms('namespace=prod, env!=dev, team, !canary, tier in (web,api), zone notin (a.b)'));
    assert.deepEqual(p.common, [
      'namespace="prod"',
      'container_label_env!="dev"',
      'container_label_team!=""',
      'container_label_canary=""',
      'container_label_tier=~"web|api"',
      'container_label_zone!~"a\\\\.b"',
    ]);
    assert.equal(p.localOnly, 0);
  });

  it('pushes name~ only to the docker branch (kubelet `name` is a runtime ID), image~ to both', () => {
    const p = pushdown([...terms('name~^web'), ...terms('image~nginx')]);
    assert.deepEqual(p.dockerOnly, ['name=~"(?i).*(?:^web).*"']);
    assert.deepEqual(p.common, ['image=~"(?i).*(?:nginx).*"']);
  });

  it('leaves free text and regexes RE2 reads differently to the local predicate', () => {
    const p = pushdown([...parseFilter('web').terms, ...terms('name~^(?!db)')]);
    assert.deepEqual(p.common, []);
    assert.deepEqual(p.dockerOnly, []);
    assert.equal(p.localOnly, 2);
    assert.equal(re2Compatible('^(?:a|b)\\d+$'), true);
    assert.equal(re2Compatible('(a)\\1'), false);
  });

  it('keeps `container` matchers off the pod-level network series', () => {
    const p = pushdown(terms('container=nginx, namespace=prod'));
    assert.deepEqual(p.podNetwork, ['namespace="prod"']);
  });
});

describe('tick queries', () => {
  it('a fixed handful, whatever the selection', () => {
    assert.equal(buildTickQueries({ pushdown: pushdown([]), window: '1m' }).length, 3);
    assert.equal(buildTickQueries({ pushdown: pushdown(terms('a=b,c in (d,e),f')), window: '1m' }).length, 3);
  });

  it('excludes pause containers and the cgroup hierarchy, and carries the pushdown into both branches', () => {
    const [q0, q1] = buildTickQueries({ pushdown: pushdown(terms('namespace=prod')), window: '30s' });
    // Value columns keep only the identifying labels; `start` brings the full label set once.
    assert.match(q0, /sum by \(job, instance, id, engine\) \(rate\(container_cpu_usage_seconds_total\{container!="", container!="POD", image!="", namespace="prod"\}\[30s\]\)\)/);
    assert.match(q0, /label_replace\(container_start_time_seconds\{container!="", container!="POD", image!="", namespace="prod"\}, "ctop_q", "start", "", ""\)/);
    assert.match(q0, /\{container="", pod="", name!="", image!="", namespace="prod"\}/);
    assert.match(q0, /label_replace\(.*, "ctop_q", "mem", "", ""\)/);
    // Kubelet network lives on the sandbox: summed per pod, with no container filter.
    assert.match(q1, /sum by \(job, instance, namespace, pod\) \(rate\(container_network_receive_bytes_total\{pod!="", image!="", namespace="prod"\}\[30s\]\)\)/);
  });

  it('history queries select one container by its identifying labels', () => {
    const q = historyQueries({ job: 'k', instance: 'h:1', id: '/x', namespace: 'prod', pod: 'p', container: 'c' }, '1m');
    assert.equal(q.cpuPercent, '100 * sum(rate(container_cpu_usage_seconds_total{job="k", instance="h:1", id="/x", namespace="prod", pod="p", container="c"}[1m]))');
    assert.deepEqual(Object.keys(q), ['cpuPercent', 'memUsage', 'netRxRate', 'netTxRate', 'blockReadRate', 'blockWriteRate']);
  });
});
