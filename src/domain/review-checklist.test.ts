import {
  abuseKinds,
  checkChecklist,
  contentCheckPassed,
  contentChecklistItems,
  normaliseChecklist,
  raisesConcern,
  walesCategories,
} from './review-checklist';

describe('the content checklist', () => {
  it('lists the ten kinds of abuse and neglect, the five Welsh categories among them', () => {
    expect(abuseKinds).toHaveLength(10);
    expect(walesCategories.every((k) => abuseKinds.includes(k))).toBe(true);
    expect(walesCategories).toHaveLength(5);
  });

  it('passes the content check only with every item ticked', () => {
    const all = normaliseChecklist({ checked: [...contentChecklistItems] });
    expect(contentCheckPassed(all)).toBe(true);
    const some = normaliseChecklist({ checked: ['captions', 'selfHarm'] });
    expect(contentCheckPassed(some)).toBe(false);
  });

  it('keeps known values once, in order, and drops the rest', () => {
    expect(
      normaliseChecklist({
        checked: ['captions', 'nonsense', 'personalDetails', 'captions'],
        concerns: ['neglect', 'physical', 'made-up'],
        adultAtRisk: true,
      }),
    ).toEqual({
      checked: ['personalDetails', 'captions'],
      concerns: ['physical', 'neglect'],
      adultAtRisk: true,
    });
  });

  it.each([
    ['approve', { concerns: ['financial'] }, '', 'concerns'],
    ['approve', { adultAtRisk: true }, 'a long enough note', 'concerns'],
    ['escalate', {}, '', 'note'],
    ['escalate', {}, 'too short', 'note'],
  ] as const)('refuses %s with %j and note %j (field %s)', (decision, raw, note, field) => {
    expect(() => checkChecklist(decision, normaliseChecklist(raw), note)).toThrow(
      expect.objectContaining({ code: 'bad_request', details: { field } }),
    );
  });

  it.each([
    ['approve', {}, ''],
    ['escalate', { concerns: ['neglect'] }, 'Seen at 0:40: no food in the house.'],
    ['reject', { concerns: ['physical'] }, ''],
    ['request_changes', {}, ''],
  ] as const)('allows %s with %j', (decision, raw, note) => {
    const c = normaliseChecklist(raw);
    expect(() => checkChecklist(decision, c, note)).not.toThrow();
    expect(raisesConcern(c)).toBe(c.concerns.length > 0);
  });
});
