// Expected layouts are real `docker stats --no-stream` output (CLI 28.2),
// captured byte for byte.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DOCKER_TABLE, layoutLines, renderTable } from '../../src/output/tabwriter.js';

const HEADER = ['CONTAINER ID', 'NAME', 'CPU %', 'MEM USAGE / LIMIT', 'MEM %', 'NET I/O', 'BLOCK I/O', 'PIDS'];
const stopped = (id: string, name: string): string[] => [
  id, name, '0.00%', '0B / 0B', '0.00%', '0B / 0B', '0B / 0B', '0',
];

describe('layoutLines against real docker stats output', () => {
  const cases: { name: string; rows: string[][]; want: string[] }[] = [
    {
      name: 'default table, one running container',
      rows: [HEADER, ['22ea4db60519', 't-busy', '49.50%', '780KiB / 23.54GiB', '0.00%', '0B / 0B', '0B / 0B', '1']],
      want: [
        'CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT   MEM %     NET I/O   BLOCK I/O   PIDS',
        '22ea4db60519   t-busy    49.50%    780KiB / 23.54GiB   0.00%     0B / 0B   0B / 0B     1',
      ],
    },
    {
      name: 'default table, running and stopped rows',
      rows: [
        HEADER,
        ['ab9732caa8c1', 'ctop-fmt-run', '0.00%', '544KiB / 23.54GiB', '0.00%', '0B / 0B', '0B / 0B', '1'],
        stopped('6f5d05157d85', 'ctop-fmt-a'),
      ],
      want: [
        'CONTAINER ID   NAME           CPU %     MEM USAGE / LIMIT   MEM %     NET I/O   BLOCK I/O   PIDS',
        'ab9732caa8c1   ctop-fmt-run   0.00%     544KiB / 23.54GiB   0.00%     0B / 0B   0B / 0B     1',
        '6f5d05157d85   ctop-fmt-a     0.00%     0B / 0B             0.00%     0B / 0B   0B / 0B     0',
      ],
    },
    {
      name: 'a long name widens only its column',
      rows: [
        HEADER,
        stopped('6f5d05157d85', 'ctop-fmt-a'),
        stopped('901d00a76961', 'ctop-fmt-a-rather-long-container-name-for-layout'),
        stopped('ea4e951dfb0f', 'ctop-fmt-bb'),
      ],
      want: [
        'CONTAINER ID   NAME                                               CPU %     MEM USAGE / LIMIT   MEM %     NET I/O   BLOCK I/O   PIDS',
        '6f5d05157d85   ctop-fmt-a                                         0.00%     0B / 0B             0.00%     0B / 0B   0B / 0B     0',
        '901d00a76961   ctop-fmt-a-rather-long-container-name-for-layout   0.00%     0B / 0B             0.00%     0B / 0B   0B / 0B     0',
        'ea4e951dfb0f   ctop-fmt-bb                                        0.00%     0B / 0B             0.00%     0B / 0B   0B / 0B     0',
      ],
    },
    {
      // --format 'table {{if eq .Name "ctop-fmt-bb"}}中文字…{{end}}{{.Name}}\t{{.PIDs}}\t{{if …}}y{{end}}\tz'
      name: 'wide characters count two columns; empty cells are padded',
      rows: [
        ['NAME', 'PIDS', 'y', 'z'],
        ['ctop-fmt-a', '0', '', 'z'],
        ['ctop-fmt-a-rather-long-container-name-for-layout', '0', 'y', 'z'],
        [`中文${'字'.repeat(27)}ctop-fmt-bb`, '0', 'y', 'z'],
      ],
      want: [
        'NAME                                                                    PIDS      y         z',
        'ctop-fmt-a                                                              0                   z',
        'ctop-fmt-a-rather-long-container-name-for-layout                        0         y         z',
        `中文${'字'.repeat(27)}ctop-fmt-bb   0         y         z`,
      ],
    },
    {
      // --format 'table {{.Name}}\t{{if eq .Name "ctop-fmt-bb"}}{{.PIDs}}\t{{end}}{{.MemPerc}}\t{{.PIDs}}'
      name: 'a column exists only where consecutive rows have it',
      rows: [
        ['NAME', 'MEM %', 'PIDS'],
        ['ctop-fmt-a', '0.00%', '0'],
        ['ctop-fmt-a-rather-long-container-name-for-layout', '0.00%', '0'],
        ['ctop-fmt-bb', '0', '0.00%', '0'],
      ],
      want: [
        'NAME                                               MEM %     PIDS',
        'ctop-fmt-a                                         0.00%     0',
        'ctop-fmt-a-rather-long-container-name-for-layout   0.00%     0',
        'ctop-fmt-bb                                        0         0.00%     0',
      ],
    },
  ];
  for (const { name, rows, want } of cases) {
    it(name, () => {
      assert.deepEqual(layoutLines(rows), want);
    });
  }
});

describe('layoutLines rules', () => {
  const cases: { name: string; rows: string[][]; want: string[] }[] = [
    { name: 'no rows', rows: [], want: [] },
    { name: 'the last cell is never padded', rows: [['a', 'b']], want: ['a         b'] },
    { name: 'a single cell is not a column', rows: [['abc'], ['abcdefghijklmnop']], want: ['abc', 'abcdefghijklmnop'] },
    { name: 'an empty row prints empty', rows: [['a', 'b'], [], ['c', 'd']], want: ['a         b', '', 'c         d'] },
    {
      name: 'cell width + padding beats minwidth (10)',
      rows: [['1234567', 'x'], ['12345678', 'y']],
      want: ['1234567    x', '12345678   y'],
    },
    {
      name: 'a row without the column splits it into separate blocks',
      rows: [['a', 'x'], ['only'], ['abcdefghijkl', 'y']],
      want: ['a         x', 'only', 'abcdefghijkl   y'],
    },
    {
      name: 'a trailing empty cell (line ending in a tab) pads the one before',
      rows: [['a', 'b', ''], ['c', 'd', '']],
      want: ['a         b         ', 'c         d         '],
    },
    {
      name: 'combining marks take no column',
      rows: [['e\u0301e\u0301', 'x'], ['abcdefghijk', 'y']],
      want: ['e\u0301e\u0301            x', 'abcdefghijk   y'],
    },
  ];
  for (const { name, rows, want } of cases) {
    it(name, () => {
      assert.deepEqual(layoutLines(rows), want);
    });
  }

  it('takes other options', () => {
    assert.deepEqual(layoutLines([['a', 'b'], ['ccc', 'd']], { minWidth: 0, padding: 1, padChar: '.' }), [
      'a...b',
      'ccc.d',
    ]);
    assert.throws(() => layoutLines([['a']], { ...DOCKER_TABLE, padChar: '\t' }), RangeError);
  });
});

describe('renderTable', () => {
  it('ends every line, the last included, with a newline', () => {
    assert.equal(renderTable([['NAME', 'PIDS'], ['web', '1']]), 'NAME      PIDS\nweb       1\n');
    assert.equal(renderTable([]), '');
  });
});
