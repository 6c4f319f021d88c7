import { compileQuery } from '../../src/hunts/query-match';
import { MAX_QUERY_DEPTH, parseQuery } from '../../src/hunts/query-parser';
import { QuerySyntaxError } from '../../src/hunts/query-tokens';

/** The syntax error a query gives, or a failure if it parses. */
function syntaxError(query: string): QuerySyntaxError {
  try {
    parseQuery(query);
  } catch (error) {
    if (error instanceof QuerySyntaxError) return error;
    throw error;
  }
  throw new Error(`expected ${query} not to parse`);
}

const matches = (query: string, event: Record<string, unknown>) =>
  compileQuery(parseQuery(query))(event);

const launch = {
  class_uid: 1007,
  process: { name: 'powershell.exe', cmd_line: 'powershell.exe -enc SQBFAFgA', pid: 4242 },
  actor: { user: { name: 'alice.smith' }, process: { name: 'explorer.exe' } },
  observables: [
    { name: 'process.name', value: 'powershell.exe' },
    { name: 'device.ip', value: '10.0.0.5' },
  ],
};

describe('hunt query parser', () => {
  it('parses comparisons into a tree, AND binding tighter than OR', () => {
    expect(parseQuery('a = "1" OR b = "2" AND c = "3"')).toEqual({
      kind: 'or',
      left: { kind: 'compare', op: 'eq', path: ['a'], value: '1' },
      right: {
        kind: 'and',
        left: { kind: 'compare', op: 'eq', path: ['b'], value: '2' },
        right: { kind: 'compare', op: 'eq', path: ['c'], value: '3' },
      },
    });
  });

  it('parses the example of the contract', () => {
    const tree = parseQuery('process.name = "powershell.exe" AND NOT actor.user.name in ("svc")');
    expect(tree).toEqual({
      kind: 'and',
      left: { kind: 'compare', op: 'eq', path: ['process', 'name'], value: 'powershell.exe' },
      right: {
        kind: 'not',
        operand: { kind: 'compare', op: 'in', path: ['actor', 'user', 'name'], values: ['svc'] },
      },
    });
  });

  it('takes keywords in any case, numbers, escapes and parentheses', () => {
    expect(
      parseQuery('(dst_endpoint.port = 445 or x contains "a\\"b\\\\") and not y != -1.5'),
    ).toEqual({
      kind: 'and',
      left: {
        kind: 'or',
        left: { kind: 'compare', op: 'eq', path: ['dst_endpoint', 'port'], value: '445' },
        right: { kind: 'compare', op: 'contains', path: ['x'], value: 'a"b\\' },
      },
      right: { kind: 'not', operand: { kind: 'compare', op: 'neq', path: ['y'], value: '-1.5' } },
    });
  });

  it.each([
    ['', 1, 'a condition', 'the end of the query'],
    ['process.name', 13, 'an operator: =, !=, contains or in', 'the end of the query'],
    ['process.name = ', 16, 'a value', 'the end of the query'],
    ['process.name = powershell', 16, 'a value', '`powershell`'],
    ["process.name = 'cmd.exe'", 16, 'a string in double quotes', 'a single quote'],
    ['process.name = "cmd.exe', 24, 'a closing `"`', 'the end of the query'],
    ['a = "1" AND', 12, 'an attribute path', 'the end of the query'],
    ['a = "1" b = "2"', 9, 'AND, OR or the end of the query', '`b`'],
    ['(a = "1"', 9, 'AND, OR or a closing `)`', 'the end of the query'],
    ['a = "1")', 8, 'this `)` closes nothing', '`)`'],
    ['a in "x"', 6, 'a `(` opening the list of values', 'the string "x"'],
    ['a in ("x" "y")', 11, 'a `,` or the `)` closing the list', 'the string "y"'],
    ['a in ()', 7, 'a value', '`)`'],
    ['a == "x"', 4, 'a value', '`=`'],
    ['a ! "x"', 3, '`!=`', '`! `'],
    ['process..name = "x"', 9, 'an attribute name', '`.`'],
    ['a = "1" AND @', 13, 'an attribute path, a value, an operator', '`@`'],
    ['a = "\\n"', 6, 'an escape', '`\\n`'],
    ['AND a = "1"', 1, 'an attribute path', '`AND`'],
  ])('refuses %j at column %i, saying what it expected', (query, column, expected, found) => {
    const error = syntaxError(query);
    expect(error.column).toBe(column);
    expect(error.expected).toContain(expected);
    expect(error.found).toBe(found);
    expect(error.message).toBe(`column ${column}: expected ${error.expected}, found ${found}`);
  });

  it(`refuses nesting deeper than ${MAX_QUERY_DEPTH} levels instead of recursing without end`, () => {
    const deep = `${'('.repeat(MAX_QUERY_DEPTH + 1)}a = "1"${')'.repeat(MAX_QUERY_DEPTH + 1)}`;
    expect(syntaxError(deep).expected).toContain(`at most ${MAX_QUERY_DEPTH} levels`);
    const fine = `${'('.repeat(MAX_QUERY_DEPTH)}a = "1"${')'.repeat(MAX_QUERY_DEPTH)}`;
    expect(() => parseQuery(fine)).not.toThrow();
    expect(syntaxError(`${'NOT '.repeat(5000)}a = "1"`).column).toBeGreaterThan(1);
  });
});

describe('hunt query meaning', () => {
  it('compares text without regard to case, numbers as their text', () => {
    expect(matches('process.name = "PowerShell.EXE"', launch)).toBe(true);
    expect(matches('process.pid = 4242', launch)).toBe(true);
    expect(matches('process.pid = "4242"', launch)).toBe(true);
    expect(matches('process.cmd_line contains "-ENC"', launch)).toBe(true);
    expect(matches('process.cmd_line contains "-nop"', launch)).toBe(false);
  });

  it('in matches any listed value; NOT negates; parentheses group', () => {
    expect(matches('actor.user.name in ("svc", "alice.smith")', launch)).toBe(true);
    expect(matches('NOT actor.user.name in ("svc")', launch)).toBe(true);
    expect(
      matches('process.name = "powershell.exe" AND NOT actor.user.name in ("svc")', launch),
    ).toBe(true);
    expect(
      matches('process.name = "cmd.exe" OR (class_uid = 1007 AND process.pid != 1)', launch),
    ).toBe(true);
    expect(matches('NOT (process.name = "cmd.exe" OR class_uid = 1007)', launch)).toBe(false);
  });

  it('reads every element of an array along the path', () => {
    expect(matches('observables.value = "10.0.0.5"', launch)).toBe(true);
    expect(matches('observables.value = "10.0.0.6"', launch)).toBe(false);
  });

  it('a missing attribute matches no comparison, != included; NOT = matches it', () => {
    expect(matches('file.name = "x"', launch)).toBe(false);
    expect(matches('file.name != "x"', launch)).toBe(false);
    expect(matches('NOT file.name = "x"', launch)).toBe(true);
    expect(matches('process = "x"', launch)).toBe(false); // an object is not a value
  });
});
