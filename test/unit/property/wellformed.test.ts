import { describe, expect, it } from 'vitest';
import { expectPlainData } from './wellformed';

describe('the plain-data check of wellformed.ts', () => {
  it('accepts nested plain data', () => {
    expectPlainData({ a: 1, b: 'x', c: null, d: [1, { e: true }], f: { g: [] } });
  });

  it.each([
    ['a Set', { s: new Set([1]) }],
    ['a Map', { m: new Map([[1, 2]]) }],
    ['a Date', { d: new Date(0) }],
    ['a function', { f: () => 1 }],
    ['NaN', { n: Number.NaN }],
    ['Infinity', { n: Number.POSITIVE_INFINITY }],
    ['an undefined field', { u: undefined }],
    [
      'a class instance',
      {
        c: new (class Point {
          x = 1;
        })(),
      },
    ],
    ['undefined in an array', { a: [1, undefined] }],
  ])('refuses %s', (_name, value) => {
    expect(() => expectPlainData(value)).toThrow();
  });
});
