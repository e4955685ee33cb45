import type { NewCampaign } from './db/campaigns.queries';

// review-cy: the Welsh texts below should be checked by a Welsh speaker before a live campaign.
export const demoCampaign: NewCampaign = {
  slug: 'demo',
  name: {
    en: 'What really matters in social care?',
    cy: "Beth sy'n wirioneddol bwysig mewn gofal cymdeithasol?",
  },
  description: {
    en: "A Citizens' Jury in Wales is asking unpaid carers and people who use care services to film a short 'Day in the Life' video. The jurors will watch the videos before they meet.",
    cy: "Mae Rheithgor Dinasyddion yng Nghymru yn gofyn i ofalwyr di-dâl a phobl sy'n defnyddio gwasanaethau gofal ffilmio fideo byr 'Diwrnod yn fy Mywyd'. Bydd aelodau'r rheithgor yn gwylio'r fideos cyn iddynt gyfarfod.",
  },
  statement: {
    en: "I agree that the Citizens' Jury team may keep my video and show it to the jurors. Staff will watch it first to check it is safe to share. I can withdraw my video at any time using the link I am given, and it will then be deleted.",
    cy: "Rwy'n cytuno y caiff tîm y Rheithgor Dinasyddion gadw fy fideo a'i ddangos i aelodau'r rheithgor. Bydd staff yn ei wylio yn gyntaf i wneud yn siŵr ei fod yn ddiogel i'w rannu. Gallaf dynnu fy fideo yn ôl unrhyw bryd drwy'r ddolen a roddir i mi, ac yna bydd yn cael ei ddileu.",
  },
};
