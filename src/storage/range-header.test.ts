import { AppError } from '../domain/errors';
import { contentRange, parseRangeHeader } from './range-header';

describe('parseRangeHeader', () => {
  it.each([
    [undefined, 100, undefined],
    ['', 100, undefined],
    ['bytes=0-0', 100, { start: 0, end: 0 }],
    ['bytes=0-1', 100, { start: 0, end: 1 }],
    ['bytes=10-19', 100, { start: 10, end: 19 }],
    ['bytes=10-', 100, { start: 10, end: 99 }],
    ['bytes=0-', 100, { start: 0, end: 99 }],
    ['bytes=99-', 100, { start: 99, end: 99 }],
    ['bytes=90-1000', 100, { start: 90, end: 99 }],
    ['bytes=-10', 100, { start: 90, end: 99 }],
    ['bytes=-100', 100, { start: 0, end: 99 }],
    ['bytes=-500', 100, { start: 0, end: 99 }],
    [' bytes = 5 - 6 ', 100, { start: 5, end: 6 }],
    // Ignored: other units, several ranges, malformed, last < first.
    ['items=0-1', 100, undefined],
    ['bytes=0-1,5-6', 100, undefined],
    ['bytes=a-b', 100, undefined],
    ['bytes=-', 100, undefined],
    ['bytes=5-2', 100, undefined],
    ['bytes=1.5-2', 100, undefined],
    ['bytes=99999999999999999999-', 100, undefined],
    ['bytes 0-1', 100, undefined],
  ])('%j of %d bytes -> %j', (header, total, expected) => {
    expect(parseRangeHeader(header, total)).toEqual(expected);
  });

  it.each([
    ['bytes=100-', 100],
    ['bytes=100-200', 100],
    ['bytes=-0', 100],
    ['bytes=0-', 0],
    ['bytes=-5', 0],
  ])('%j of %d bytes is not satisfiable', (header, total) => {
    let caught: unknown;
    try {
      parseRangeHeader(header, total);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('range_not_satisfiable');
    expect((caught as AppError).details).toEqual({ totalBytes: total });
  });

  it('formats Content-Range', () => {
    expect(contentRange({ start: 0, end: 9 }, 100)).toBe('bytes 0-9/100');
  });
});
