import { t, type Lang } from '../i18n';
import { STEPS, type ConsentAnswers, type Step, type StepError } from './consent-steps';

/** Page data for the steps and the check-your-answers page, worked out away from templates. */

const formatDate = (d: Date, lang: Lang) =>
  new Intl.DateTimeFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'Europe/London',
  }).format(d);

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** How long the video is kept, as a sentence for the health step. */
export const keptSentence = (lang: Lang, until: Date | undefined) =>
  until
    ? t(lang, 'steps.health.keptUntil', { date: formatDate(until, lang) })
    : t(lang, 'steps.health.keptUnknown');

/** Who will see the video, from the uses agreed so far. */
export function whoSees(lang: Lang, scopes: string[]): string[] {
  const who = [t(lang, 'steps.health.whoStaff'), t(lang, 'steps.health.whoJury')];
  if (scopes.includes('livestream')) who.push(t(lang, 'steps.health.whoLivestream'));
  if (scopes.includes('public')) who.push(t(lang, 'steps.health.whoPublic'));
  return who;
}

/** govuk error summary items and per-field messages for one step's errors. */
export function errorsForView(lang: Lang, errors: StepError[]) {
  const messages: Record<string, { text: string; visuallyHiddenText: string }> = {};
  for (const e of errors) {
    messages[e.field] ??= {
      text: t(lang, e.key),
      visuallyHiddenText: t(lang, 'common.errorPrefix'),
    };
  }
  return {
    errorList: errors.map((e) => ({ text: t(lang, e.key), href: `#${e.field}` })),
    errorMessages: messages,
  };
}

/** The check-your-answers rows, each with a Change link back to its step. */
export function checkAnswersRows(
  lang: Lang,
  a: ConsentAnswers,
  stepHref: (step: Step) => string,
  retentionUntil: Date | undefined,
) {
  const value = (step: Step): string => {
    switch (step) {
      case 'uses':
        return a.scopes.map((s) => t(lang, `field.scope.${s}`)).join('\n');
      case 'for-whom':
        return a.sendingFor === 'other' && a.onBehalfBasis
          ? t(lang, 'check.forOther', {
              relationship: a.onBehalfRelationship.trim(),
              basis: t(lang, `steps.forWhom.basis.${a.onBehalfBasis}`),
            })
          : t(lang, 'check.forSelf');
      case 'age':
        return t(lang, a.over18 === 'yes' ? 'check.over18' : 'check.under18');
      case 'others':
        return a.othersAppear === 'no'
          ? t(lang, 'check.othersNone')
          : t(lang, a.othersConsented === 'yes' ? 'check.othersAgreed' : 'check.othersNotAgreed');
      case 'health':
        return t(lang, a.healthDetailsAgreed === 'yes' ? 'check.healthYes' : 'check.healthNo');
      case 'name':
        return a.displayName.trim();
    }
  };
  const label: Record<Step, string> = {
    uses: t(lang, 'check.uses'),
    'for-whom': t(lang, 'check.forWhom'),
    age: t(lang, 'check.age'),
    others: t(lang, 'check.others'),
    health: t(lang, 'check.health'),
    name: t(lang, 'check.name'),
  };
  const rows = STEPS.map((step) => ({
    key: { text: label[step] },
    // Several uses go one to a line; each line escaped here, as the value is given as HTML.
    value: { html: value(step).split('\n').map(escapeHtml).join('<br>') },
    actions: {
      items: [
        {
          href: stepHref(step),
          text: t(lang, 'check.change'),
          visuallyHiddenText: label[step].toLowerCase(),
        },
      ],
    },
  }));
  return [
    ...rows,
    {
      key: { text: t(lang, 'check.kept') },
      value: {
        text: retentionUntil
          ? t(lang, 'check.keptUntil', { date: formatDate(retentionUntil, lang) })
          : t(lang, 'check.keptUnknown'),
      },
    },
  ];
}
