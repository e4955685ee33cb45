import { failureDetail } from './failure-detail';

describe('failureDetail', () => {
  it('is the message alone for an error with no stderr', () => {
    expect(failureDetail(new Error('S3 refused'))).toBe('S3 refused');
  });

  it('adds the last non-empty stderr lines, where ffmpeg says why', () => {
    const err = Object.assign(new Error('ffmpeg exited with code 1'), {
      stderrTail:
        'frame=  10 fps=0.0\n\n[out#0/mp4] Error writing trailer: No space left on device\n' +
        'Error closing file: No space left on device\n',
    });
    expect(failureDetail(err, { tailLines: 2 })).toBe(
      'ffmpeg exited with code 1\n' +
        '[out#0/mp4] Error writing trailer: No space left on device\n' +
        'Error closing file: No space left on device',
    );
  });

  it('keeps the end when it is too long', () => {
    const err = { message: 'x'.repeat(50), stderrTail: 'the cause' };
    expect(failureDetail(err, { maxChars: 20 })).toBe(`${'x'.repeat(10)}\nthe cause`);
  });

  it('ignores a stderr tail that is not text', () => {
    expect(failureDetail({ message: 'failed', stderrTail: 42 })).toBe('failed');
  });
});
