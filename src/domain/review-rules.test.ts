import { AppError } from './errors';
import {
  CLAIM_SECONDS,
  checkDecision,
  claimIsLive,
  decisionEvent,
  mayClaim,
  type DecisionContext,
  type DecisionInput,
} from './review-rules';

const now = new Date('2026-11-20T10:00:00Z');
const later = new Date(now.getTime() + CLAIM_SECONDS * 1000);
const earlier = new Date(now.getTime() - 1000);

const ctx = (patch: Partial<DecisionContext> = {}): DecisionContext => ({
  actorId: 'me',
  now,
  submission: { status: 'awaiting_review', mediaVersion: 2, escalatedAt: null },
  claim: { userId: 'me', expiresAt: later },
  ...patch,
});
const input = (patch: Partial<DecisionInput> = {}): DecisionInput => ({
  decision: 'approve',
  consentCheck: true,
  contentCheck: true,
  ...patch,
});

const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    return e instanceof AppError ? e.code : 'not an AppError';
  }
};

describe('checkDecision', () => {
  it.each([
    ['approve', 'approve'],
    ['request_changes', 'request_changes'],
    ['reject', 'reject'],
    ['escalate', undefined],
  ] as const)('%s drives %s', (decision, event) => {
    expect(checkDecision(input({ decision }), ctx())).toBe(event);
    expect(decisionEvent(decision)).toBe(event);
  });

  it.each([
    [
      'approve without the consent check',
      input({ consentCheck: false }),
      ctx(),
      'checks_incomplete',
    ],
    [
      'approve without the content check',
      input({ contentCheck: false }),
      ctx(),
      'checks_incomplete',
    ],
    ['no claim', input(), ctx({ claim: undefined }), 'claim_conflict'],
    [
      'an expired claim',
      input(),
      ctx({ claim: { userId: 'me', expiresAt: earlier } }),
      'claim_conflict',
    ],
    [
      "someone else's claim",
      input(),
      ctx({ claim: { userId: 'you', expiresAt: later } }),
      'claim_conflict',
    ],
    ['a stale media version', input({ mediaVersion: 1 }), ctx(), 'stale_version'],
    [
      'a state that moved on',
      input(),
      ctx({ submission: { status: 'approved', mediaVersion: 2, escalatedAt: null } }),
      'wrong_state',
    ],
    [
      'approving an escalated clip',
      input(),
      ctx({ submission: { status: 'awaiting_review', mediaVersion: 2, escalatedAt: now } }),
      'escalated',
    ],
  ])('refuses %s', (_name, i, c, code) => {
    expect(codeOf(() => checkDecision(i, c))).toBe(code);
  });

  it('lets other decisions through without the checks and on an escalated clip', () => {
    const escalated = ctx({
      submission: { status: 'awaiting_review', mediaVersion: 2, escalatedAt: now },
    });
    expect(
      checkDecision(
        input({ decision: 'reject', consentCheck: false, contentCheck: false }),
        escalated,
      ),
    ).toBe('reject');
    expect(checkDecision(input({ mediaVersion: 2 }), ctx())).toBe('approve');
  });

  it('reports a stale version before missing checks', () => {
    expect(
      codeOf(() => checkDecision(input({ mediaVersion: 1, consentCheck: false }), ctx())),
    ).toBe('stale_version');
  });
});

describe('claims', () => {
  it('are live until they expire, and only the holder may renew a live one', () => {
    expect(claimIsLive(undefined, now)).toBe(false);
    expect(claimIsLive({ expiresAt: later }, now)).toBe(true);
    expect(claimIsLive({ expiresAt: now }, now)).toBe(false);
    expect(mayClaim(undefined, 'me', now)).toBe(true);
    expect(mayClaim({ userId: 'me', expiresAt: later }, 'me', now)).toBe(true);
    expect(mayClaim({ userId: 'you', expiresAt: later }, 'me', now)).toBe(false);
    expect(mayClaim({ userId: 'you', expiresAt: earlier }, 'me', now)).toBe(true);
  });
});
