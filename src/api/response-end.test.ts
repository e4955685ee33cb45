import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { onResponseEnd } from './response-end';

const fakeResponse = () => new EventEmitter() as unknown as ServerResponse;

describe('onResponseEnd', () => {
  it('runs every callback once, in order, on finish even when close follows', () => {
    const res = fakeResponse();
    const calls: string[] = [];
    onResponseEnd(res, () => calls.push('metrics'));
    onResponseEnd(res, () => calls.push('log'));
    res.emit('finish');
    res.emit('close');
    expect(calls).toEqual(['metrics', 'log']);
    expect(res.listenerCount('finish')).toBe(1);
    expect(res.listenerCount('close')).toBe(1);
  });

  it('runs on close when the client went away before the answer was sent', () => {
    const res = fakeResponse();
    const calls: string[] = [];
    onResponseEnd(res, () => calls.push('aborted'));
    res.emit('close');
    res.emit('finish');
    expect(calls).toEqual(['aborted']);
  });

  it('runs a callback added after the end straight away', () => {
    const res = fakeResponse();
    onResponseEnd(res, () => undefined);
    res.emit('finish');
    const late = jest.fn();
    onResponseEnd(res, late);
    expect(late).toHaveBeenCalledTimes(1);
  });
});
