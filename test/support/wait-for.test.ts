import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('polls until the check returns a value, and returns it', async () => {
    let calls = 0;
    const answers = [undefined, null, false, 'settled'];
    const got = await waitFor(() => answers[calls++], { what: 'an answer', intervalMs: 1 });
    expect(got).toBe('settled');
    expect(calls).toBe(4);
  });

  it('names what it waited for on timeout, read when it gives up', async () => {
    let status = 'uploaded';
    await expect(
      waitFor(
        () => {
          status = 'processing';
          return undefined;
        },
        { what: () => `submission s1 to settle (still ${status})`, timeoutMs: 5, intervalMs: 1 },
      ),
    ).rejects.toThrow(
      'timed out after 5 ms waiting for submission s1 to settle (still processing)',
    );
  });

  it('fails at once when the check throws', async () => {
    let calls = 0;
    await expect(
      waitFor(
        () => {
          calls++;
          throw new Error('no such table');
        },
        { what: 'a row', intervalMs: 1 },
      ),
    ).rejects.toThrow('no such table');
    expect(calls).toBe(1);
  });
});
