import {
  errorText,
  formErrorFrom,
  inputForField,
  parseEditForm,
  redactFormView,
  type EditsView,
} from './redact-page';

describe('parseEditForm', () => {
  it('turns seconds and percentages into the API body, skipping empty rows', () => {
    const parsed = parseEditForm({
      mediaVersion: '2',
      trimStart: '1',
      trimEnd: '6,5',
      blur2Start: '2',
      blur2End: '4',
      blur2X: '55',
      blur2Y: '10',
      blur2Width: '40',
      blur2Height: '35',
    });
    expect(parsed).toMatchObject({
      ok: true,
      body: {
        mediaVersion: 2,
        trim: { start: 1, end: 6.5 },
        blurs: [{ start: 2, end: 4, x: 0.55, y: 0.1, width: 0.4, height: 0.35 }],
      },
    });
  });

  it('starts at the beginning when only the end point is given', () => {
    expect(parseEditForm({ trimEnd: '5' })).toMatchObject({
      ok: true,
      body: { trim: { start: 0, end: 5 } },
    });
  });

  it('sends nothing to change when every field is empty (the API then says what to do)', () => {
    expect(parseEditForm({})).toMatchObject({ ok: true, body: {} });
  });

  it.each([
    [
      { trimStart: 'one', trimEnd: '5' },
      { field: 'trimStart', reason: 'not_number' },
    ],
    [{ trimStart: '1' }, { field: 'trimEnd', reason: 'not_number' }],
    [
      { blur1Start: '1', blur1End: '2' },
      { field: 'blur1X', reason: 'not_number', area: 1 },
    ],
    [
      { blur3Start: '1', blur3End: '2', blur3X: '1', blur3Y: '1', blur3Width: 'x' },
      { field: 'blur3Width', reason: 'not_number', area: 3 },
    ],
  ])('refuses %j', (form, error) => {
    const parsed = parseEditForm(form);
    expect(parsed).toMatchObject({ ok: false, error });
    // What was typed comes back, so nothing has to be entered again.
    expect(parsed.values).toMatchObject(form);
  });
});

describe('inputForField and formErrorFrom', () => {
  it.each([
    ['trim', 'trimStart'],
    ['trim.start', 'trimStart'],
    ['trim.end', 'trimEnd'],
    ['blurs', 'blur1Start'],
    ['blurs.0.start', 'blur1Start'],
    ['blurs.1.width', 'blur2Width'],
    ['blurs.2.y', 'blur3Y'],
    [undefined, 'trimStart'],
  ])('%s -> #%s', (field, input) => {
    expect(inputForField(field)).toBe(input);
  });

  it('reads a refusal and ignores other errors', () => {
    expect(formErrorFrom({ field: 'blurs.1.x', reason: 'blur_edge', area: 2 })).toEqual({
      field: 'blur2X',
      reason: 'blur_edge',
      area: 2,
    });
    expect(formErrorFrom({ field: 'trim.start' })).toBeNull();
    expect(formErrorFrom(undefined)).toBeNull();
  });

  it('puts refusals into words in both languages', () => {
    const e = { field: 'trimEnd', reason: 'trim_past_end', seconds: 7.7 };
    expect(errorText('en', e)).toBe(
      'The end must be no later than the end of the clip (7.7 seconds)',
    );
    expect(errorText('cy', e)).toBe(
      'Ni chaiff y diwedd fod yn hwyrach na diwedd y clip (7.7 eiliad)',
    );
    expect(errorText('en', { field: 'blur2X', reason: 'blur_edge', area: 2 })).toMatch(/^Area 2:/);
  });
});

describe('redactFormView', () => {
  const edits: EditsView = { durationSeconds: 7.734, kind: 'video', items: [] };
  const review = { id: 'abc', status: 'awaiting_review', mediaVersion: 1, claimedByMe: true };

  it('offers the form only to the claim holder while the clip waits for review', () => {
    expect(redactFormView('en', review, edits).canEdit).toBe(true);
    expect(redactFormView('en', { ...review, claimedByMe: false }, edits).canEdit).toBe(false);
    expect(redactFormView('en', { ...review, status: 'approved' }, edits).canEdit).toBe(false);
  });

  it('holds the form back while an edit is being made, and offers the original to staff', () => {
    const view = redactFormView('cy', review, {
      ...edits,
      items: [
        {
          status: 'queued',
          fromVersion: 1,
          mediaVersion: 2,
          createdAt: '2026-12-04T09:00:00Z',
          originalAvailable: true,
        },
      ],
    });
    expect(view).toMatchObject({ canEdit: false, pending: true });
    expect(view.history[0]).toMatchObject({
      originalHref: '/api/v1/submissions/abc/versions/1/original',
    });
    expect(view.history[0]!.text).toContain("wrthi'n cael ei gwneud");
  });

  it('shows no blur fields for an audio story, and puts an error on its input', () => {
    expect(redactFormView('en', review, { ...edits, kind: 'audio' }).canBlur).toBe(false);
    const view = redactFormView('en', review, edits, {
      values: { trimEnd: '99' },
      error: { field: 'trimEnd', reason: 'trim_past_end', seconds: 7.7 },
    });
    expect(view.trim[1]).toMatchObject({ value: '99', errorMessage: { text: expect.any(String) } });
    expect(view.trim[0]!.errorMessage).toBeUndefined();
    expect(view.duration).toBe('This version lasts 7.7 seconds.');
  });
});
