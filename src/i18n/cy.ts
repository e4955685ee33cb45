import type { Catalogue } from './en';

/**
 * Welsh messages. Lines marked `review-cy:` need a Welsh speaker's check before a campaign goes
 * live (wording of consent, terms with more than one accepted form). Typed as `Catalogue` so a
 * missing or extra key fails to compile.
 */
export const cy: Catalogue = {
  app: {
    name: 'Diwrnod yn y Bywyd',
    // review-cy: footer reassurance, word order of "dim ond ... y byddwn ni'n".
    footer:
      "Mae eich fideo'n breifat. Dim ond yn y ffyrdd rydych chi'n cytuno iddyn nhw y byddwn ni'n ei ddefnyddio, a gallwch ei dynnu'n ôl unrhyw bryd.",
  },
  common: {
    skipLink: "Neidio i'r prif gynnwys",
    errorPrefix: 'Gwall',
    errorSummaryTitle: 'Mae problem wedi codi',
    languageNav: 'Iaith',
    serviceInfo: 'Gwybodaeth am y gwasanaeth',
    warning: 'Rhybudd',
    back: 'Yn ôl',
  },
  lang: {
    en: 'English',
    cy: 'Cymraeg',
  },
  upload: {
    aboutHeading: 'Am y prosiect hwn',
    whoHeading: 'Pwy fydd yn gweld eich fideo',
    whoChecked:
      "Yn gyntaf, bydd tîm bach o staff yn gwylio pob fideo i wirio ei fod yn ddiogel i'w rannu.",
    // review-cy: "Rheithgor Dinasyddion" for Citizens' Jury; use the campaign's own term if it has one.
    whoJury: "Yna bydd aelodau'r Rheithgor Dinasyddion yn ei wylio yn ystod eu sesiynau.",
    whoWider:
      "Dim ond os byddwch chi'n cytuno i hynny isod y caiff ei ddangos yn ehangach, ar ffrwd fyw neu'n gyhoeddus.",
    tipsHeading: 'Cyngor ar ffilmio',
    tips: {
      short: "Cadwch y fideo'n fyr. Mae ychydig funudau'n hen ddigon.",
      quiet: 'Dewch o hyd i le tawel er mwyn i ni allu eich clywed yn glir.',
      steady: "Daliwch eich ffôn ar ei ochr a'i gadw'n llonydd.",
      private:
        "Peidiwch â dangos cyfeiriadau, llythyrau, platiau rhif ceir nac unrhyw beth arall sy'n dangos ble rydych chi'n byw.",
      others: 'Peidiwch â ffilmio pobl eraill oni bai eu bod wedi cytuno i fod yn eich fideo.',
      audio:
        "Os byddai'n well gennych chi beidio â chael eich gweld, gallwch anfon recordiad llais yn lle hynny.",
      data: "Mae anfon fideo yn defnyddio llawer o ddata, felly mae'n well defnyddio Wi-Fi os gallwch chi.",
    },
    consentHeading: 'Eich caniatâd',
    statementHeading: 'Darllenwch hyn cyn anfon eich fideo',
    statementVersion: "Fersiwn {version} o'r datganiad caniatâd",
    submit: 'Anfon fy fideo',
    sendingHint:
      'Gall anfon gymryd ychydig funudau ar gysylltiad araf. Cadwch y dudalen hon ar agor nes i chi weld eich derbynneb.',
    closedTitle: "Mae'r ymgyrch hon wedi cau",
    closedBody: "Nid yw'n derbyn fideos newydd mwyach. Diolch am eich diddordeb.",
    closedReceipt:
      "Os ydych chi eisoes wedi anfon fideo, gallwch ei wylio neu ei dynnu'n ôl o hyd drwy ddefnyddio'r ddolen ar eich derbynneb.",
  },
  field: {
    scope: {
      legend: 'At beth y cawn ni ddefnyddio eich fideo?',
      hint: "Dewiswch bob un rydych chi'n cytuno iddo. Rhaid i chi gytuno i'r un cyntaf er mwyn cymryd rhan.",
      // review-cy: consent wording for the three uses (jury, livestream, public).
      jury: 'Caiff y Rheithgor Dinasyddion ei wylio',
      juryHint:
        "Gofynnol. Dim ond aelodau'r rheithgor a'r staff sy'n cynnal y rheithgor fydd yn ei weld.",
      livestream: 'Caiff ei ddangos ar ffrwd fyw y rheithgor',
      livestreamHint: "Gallai unrhyw un sy'n gwylio'r darllediad byw ar-lein ei weld.",
      public: "Caiff ei rannu'n gyhoeddus",
      publicHint: 'Er enghraifft mewn adroddiadau, ar wefannau neu ar y cyfryngau cymdeithasol.',
      error: 'Dewiswch y blwch cyntaf i gytuno y caiff y Rheithgor Dinasyddion wylio eich fideo',
    },
    othersAppear: {
      legend: 'A oes modd gweld neu glywed unrhyw un arall yn eich fideo?',
      hint: "Er enghraifft aelod o'r teulu, ffrind neu weithiwr gofal.",
      yes: 'Oes',
      no: 'Nac oes',
      error: "Dewiswch 'Oes' os oes modd gweld neu glywed unrhyw un arall yn eich fideo",
    },
    othersConsented: {
      legend: 'Ydyn nhw i gyd wedi cytuno i fod yn eich fideo?',
      hint: 'Atebwch hwn dim ond os oes rhywun arall yn eich fideo. Gofynnwch iddyn nhw cyn ei anfon.',
      yes: 'Ydyn',
      no: 'Nac ydyn',
      error: 'Dewiswch a yw pawb yn eich fideo wedi cytuno i fod ynddo',
    },
    displayName: {
      label: "Pa enw ddylen ni ei ddangos gyda'ch fideo?",
      hint: 'Gallwch ddefnyddio eich enw cyntaf neu ffugenw.',
      error: "Rhowch enw i'w ddangos gyda'ch fideo",
      invalid:
        "Rhaid i'ch enw fod yn 80 nod neu lai a defnyddio llythrennau, rhifau ac atalnodi arferol yn unig",
    },
    // review-cy:
    transcript: {
      label: "Beth ydych chi'n ei ddweud yn eich fideo? (dewisol)",
      hint: "Os teipiwch chi'r hyn rydych chi'n ei ddweud, byddwn ni'n ei ddefnyddio i ychwanegu capsiynau, fel bod mwy o bobl yn gallu dilyn eich fideo.",
      error: "Rhaid i'ch geiriau fod yn 20,000 nod neu lai",
    },
    video: {
      label: 'Eich fideo neu recordiad llais',
      hint: "Dewiswch ffeil o'ch ffôn neu'ch cyfrifiadur, neu recordiwch un newydd.",
      // review-cy: explains why the file must be picked again after an error.
      reselect:
        'Mae angen i chi ddewis eich ffeil eto: doedd dim modd ei chadw pan gafodd y dudalen ei hail-lwytho.',
      error: "Dewiswch fideo neu recordiad llais i'w anfon",
    },
  },
  status: {
    uploading: 'Yn dal i gyrraedd',
    // review-cy: "Wedi dod i law" (received) versus "Wedi'i dderbyn".
    uploaded: 'Wedi dod i law',
    processing: "Wrthi'n cael ei baratoi",
    awaiting_review: 'Yn aros i gael ei wirio',
    approved: "Wedi'i wirio a'i gymeradwyo",
    changes_requested: 'Angen newid',
    rejected: 'Does dim modd ei ddefnyddio',
    failed: "Problem gyda'r ffeil",
    withdrawn: "Wedi'i dynnu'n ôl a'i ddileu",
  },
  statusDetail: {
    uploading:
      "Nid yw eich ffeil wedi gorffen cyrraedd eto. Os gwnaethoch chi gau'r dudalen tra oedd hi'n anfon, efallai y bydd angen i chi ei hanfon eto.",
    uploaded: 'Mae eich ffeil gennym a byddwn yn dechrau ei pharatoi cyn bo hir.',
    processing:
      "Rydyn ni'n paratoi eich fideo i'w wylio. Fel arfer, mae hyn yn cymryd ychydig funudau.",
    awaiting_review:
      "Bydd rhywun o'n tîm yn ei wylio cyn bo hir i wirio ei fod yn ddiogel i'w rannu.",
    approved:
      'Mae eich fideo wedi cael ei wirio. Bydd yn cael ei ddangos yn y ffyrdd y gwnaethoch chi gytuno iddyn nhw.',
    changes_requested:
      'Mae angen newid rhywbeth cyn y gallwn ni ddefnyddio eich fideo. Gallwch anfon fideo newydd o dudalen yr ymgyrch.',
    rejected:
      "Does dim modd i ni ddefnyddio'r fideo hwn. Diolch i chi am roi o'ch amser i'w wneud.",
    failed: "Doedd dim modd i ni ddefnyddio'r ffeil a anfonoch chi.",
    withdrawn:
      'Rydych chi wedi tynnu eich fideo yn ôl. Mae wedi cael ei ddileu ac ni fydd yn cael ei ddangos i neb.',
  },
  media: {
    refusal: {
      empty: 'Roedd y ffeil yn wag. Ceisiwch ei hanfon eto.',
      not_media: "Nid fideo na recordiad sain yw'r ffeil hon.",
      unreadable:
        "Doedd dim modd i ni agor y ffeil hon. Efallai ei bod wedi'i difrodi, neu mewn fformat na allwn ni ei ddarllen.",
      too_long: "Mae'r recordiad yn rhy hir. Ceisiwch anfon un byrrach.",
      no_usable_stream: 'Doedden ni ddim yn gallu dod o hyd i unrhyw lun na sain yn y ffeil hon.',
      processing_error:
        "Aeth rhywbeth o'i le ar ein hochr ni wrth baratoi eich fideo. Mae ein tîm yn gwybod a bydd yn rhoi cynnig arall arni.",
    },
  },
  receipt: {
    title: 'Eich fideo',
    thanks: 'Diolch am gymryd rhan, {name}.',
    linkHeading: 'Cadwch y ddolen hon',
    linkBody:
      "Rhowch nod tudalen ar y dudalen hon, neu copïwch y ddolen isod a'i chadw'n rhywle diogel. Bydd ei hangen arnoch chi i wirio eich fideo neu i'w dynnu'n ôl.",
    linkWarning:
      "Gall unrhyw un sydd â'r ddolen hon wylio eich fideo a'i dynnu'n ôl, felly peidiwch â'i rhannu.",
    linkLabel: 'Eich dolen',
    detailsName: 'Enw a ddangosir',
    detailsCampaign: 'Ymgyrch',
    detailsSent: 'Anfonwyd',
    detailsStatus: 'Statws',
    notReady: "Nid yw eich fideo yn barod i'w wylio eto.",
    refresh: 'Adnewyddwch y dudalen hon i wirio eto',
    watchHeading: 'Gwyliwch eich fideo',
    videoFallback: "Nid yw eich porwr yn gallu chwarae'r fideo hwn.",
    download: 'Lawrlwythwch eich fideo',
    failedHeading: "Beth aeth o'i le",
    sendAgain: 'Anfon fideo newydd',
    withdrawHeading: 'Wedi newid eich meddwl?',
    withdrawBody:
      "Gallwch dynnu eich fideo yn ôl unrhyw bryd. Byddwn yn ei ddileu ac yn rhoi'r gorau i'w ddefnyddio.",
    withdrawButton: 'Tynnu fy fideo yn ôl',
  },
  withdraw: {
    confirmTitle: "Ydych chi'n siŵr eich bod am dynnu eich fideo yn ôl?",
    confirmBody:
      'Byddwn yn dileu eich fideo ar unwaith ac yn ei dynnu allan o bob sesiwn rheithgor. Does dim modd dadwneud hyn.',
    confirmNewVideo: 'Os hoffech chi gymryd rhan eto yn nes ymlaen, gallwch anfon fideo newydd.',
    confirmButton: "Tynnu fy fideo yn ôl a'i ddileu",
    cancel: 'Cadw fy fideo',
    doneTitle: "Mae eich fideo wedi cael ei dynnu'n ôl",
    doneBody: 'Rydyn ni wedi ei ddileu ac ni fydd yn cael ei ddangos i neb.',
    doneThanks: 'Diolch i chi am gymryd rhan.',
  },
  staff: {
    serviceName: 'Adolygu fideos',
    signOutLink: 'Allgofnodi',
    signIn: {
      title: 'Mewngofnodi',
      email: 'Cyfeiriad e-bost',
      password: 'Cyfrinair',
      button: 'Mewngofnodi',
      refused:
        "Nid yw'r cyfeiriad e-bost neu'r cyfrinair yn gywir. Ar ôl 5 ymgais anghywir, bydd mewngofnodi'n cael ei oedi am 15 munud.",
      limited:
        'Bu gormod o ymdrechion i fewngofnodi. Arhoswch 15 munud, yna rhowch gynnig arall arni.',
      missing: 'Rhowch eich cyfeiriad e-bost a’ch cyfrinair',
    },
    // review-cy:
    password: {
      title: 'Newid eich cyfrinair',
      mustChange: "Cyn i chi ddechrau, dewiswch gyfrinair newydd mai dim ond chi sy'n ei wybod.",
      current: 'Cyfrinair presennol',
      new: 'Cyfrinair newydd',
      hint: "O leiaf {min} nod. Mae ychydig o eiriau cyffredin gyda'i gilydd yn gweithio'n dda.",
      confirm: 'Teipiwch y cyfrinair newydd eto',
      button: 'Newid cyfrinair',
      tooShort: "Rhaid i'r cyfrinair newydd fod yn {min} nod o leiaf",
      mismatch: "Nid yw'r ddau gyfrinair newydd yr un fath",
      wrongCurrent: "Nid yw'r cyfrinair presennol yn gywir",
    },
    signOut: {
      title: 'Allgofnodi',
      body: 'Bydd angen i chi fewngofnodi eto i adolygu fideos.',
      button: 'Allgofnodi',
    },
    queue: {
      title: "Fideos i'w hadolygu",
      filters: "Hidlo'r rhestr",
      campaign: 'Ymgyrch',
      allCampaigns: 'Eich holl ymgyrchoedd',
      status: 'Statws',
      language: 'Iaith',
      anyLanguage: 'Unrhyw iaith',
      apply: "Defnyddio'r hidlau",
      empty: 'Does dim fideos yma.',
      counts: 'Fideos ym mhob statws',
      // review-cy: "Wedi dod i law" for "Received" (date column).
      received: 'Wedi dod i law',
      video: 'Fideo',
      reviewer: 'Adolygydd',
      unclaimed: 'Neb eto',
      captionsMissing: 'Dim capsiynau',
      // review-cy: "uwchgyfeirio" for escalate (safeguarding sense).
      escalated: "Wedi'i uwchgyfeirio",
      open: 'Adolygu fideo {number}',
      done: 'Cafodd eich penderfyniad ei gofnodi.',
    },
    review: {
      title: 'Adolygu fideo',
      back: "Yn ôl i'r rhestr",
      videoHeading: 'Y fideo',
      noVideo: "Nid yw'r fideo'n barod i'w wylio eto.",
      videoFallback: "Ni all eich porwr chwarae'r fideo hwn.",
      consentHeading: 'Yr hyn y cytunodd y cyfrannwr iddo',
      name: 'Enw neu ffugenw',
      scopes: 'Gellir ei ddefnyddio ar gyfer',
      othersAppear: "Mae pobl eraill i'w gweld",
      othersConsented: 'Maen nhw i gyd wedi cytuno',
      formLanguage: 'Iaith y ffurflen',
      givenAt: 'Dyddiad cytuno',
      statement: 'Datganiad caniatâd',
      statementVersion: 'Fersiwn {version}',
      yes: 'Ydy',
      no: 'Nac ydy',
      claimHeading: "Pwy sy'n ei adolygu",
      claimedByYou: "Rydych chi'n adolygu'r fideo hwn tan {time}.",
      claimedByOther: "Mae {email} yn adolygu'r fideo hwn tan {time}.",
      notClaimed: "Does neb yn adolygu'r fideo hwn. Hawliwch ef cyn penderfynu.",
      // review-cy: "Hawlio" for claiming a task.
      claimButton: "Hawlio'r fideo hwn",
      renewButton: 'Ei gadw am 15 munud arall',
      escalatedWarning:
        "Mae'r fideo hwn wedi'i uwchgyfeirio. Ni ellir ei gymeradwyo nes i weinyddwr gau'r uwchgyfeirio.",
      consentCheckLegend: 'Gwiriad caniatâd',
      consentCheck: "Mae'r caniatâd a gofnodwyd yn cynnwys pawb a phopeth yn y fideo",
      contentCheckLegend: 'Gwiriad cynnwys',
      contentCheckHint: "Ticiwch bob datganiad sy'n wir. Mae angen pob un i gymeradwyo.",
      personalDetails:
        'Nid oes manylion personol i’w gweld, fel cyfeiriadau, llythyrau neu blatiau rhif',
      peopleConsent: "Nid oes neb y gellir ei adnabod i'w weld heb ganiatâd",
      // review-cy: "pryder diogelu" for safeguarding concern.
      safeguarding: 'Nid oes pryder diogelu (uwchgyfeiriwch y fideo os oes un)',
      captions: "Mae'r capsiynau'n gywir",
      reason: 'Rheswm',
      reasonHint:
        'Mae angen rheswm oni bai eich bod yn cymeradwyo, neu ysgrifennwch nodyn yn lle hynny.',
      noReason: 'Dim rheswm',
      note: "Nodyn i'r tîm staff",
      noteHint: "Nid yw'r cyfrannwr yn gweld hwn.",
      decisionHeading: 'Eich penderfyniad',
      approve: 'Cymeradwyo',
      requestChanges: 'Gofyn am newidiadau',
      reject: 'Gwrthod',
      escalate: 'Uwchgyfeirio',
      historyHeading: 'Penderfyniadau blaenorol',
      historyItem: '{decision} gan {email} ar {time}',
    },
    reason: {
      personal_details: 'Mae’n dangos manylion personol',
      people_without_consent: "Mae'n dangos pobl sydd heb gytuno",
      safeguarding: 'Pryder diogelu',
      captions: "Mae angen cywiro'r capsiynau",
      consent_mismatch: "Nid yw'r caniatâd yn cynnwys y fideo",
      quality: "Ni ellir ei weld na'i glywed yn glir",
      off_topic: "Nid yw'n ymwneud â'r ymgyrch",
      other: 'Rheswm arall (gweler y nodyn)',
    },
    decision: {
      approve: 'Cymeradwywyd',
      request_changes: 'Gofynnwyd am newidiadau',
      reject: 'Gwrthodwyd',
      escalate: 'Uwchgyfeiriwyd',
    },
    scope: {
      jury: 'Rheithgor Dinasyddion',
      livestream: 'Ffrwd fyw',
      public: 'Yn gyhoeddus',
    },
    formLanguage: {
      en: 'Ffurflen Saesneg',
      cy: 'Ffurflen Gymraeg',
    },
    statusFilter: {
      escalated: "Wedi'i uwchgyfeirio",
    },
  },
  notFound: {
    title: "Heb ddod o hyd i'r dudalen",
    typed: "Os gwnaethoch deipio'r cyfeiriad gwe, gwiriwch ei fod yn gywir.",
    pasted: "Os gwnaethoch ludo'r cyfeiriad gwe, gwiriwch eich bod wedi copïo'r cyfeiriad cyfan.",
    link: 'Os cawsoch chi ddolen gan rywun, gofynnwch iddyn nhw ei gwirio.',
  },
  problem: {
    title: "Mae'n ddrwg gennym, mae problem gyda'r gwasanaeth",
    body: 'Rhowch gynnig arall arni yn nes ymlaen.',
  },
  errorPage: {
    title: "Mae'n ddrwg gennym, aeth rhywbeth o'i le",
  },
  error: {
    bad_request:
      "Roedd rhywbeth o'i le yn y ffurflen. Gwiriwch eich atebion a rhowch gynnig arall arni.",
    invalid_consent: 'Gwiriwch eich atebion ynglŷn â sut y cawn ni ddefnyddio eich fideo.',
    unauthorised: 'Mae angen i chi fewngofnodi i weld y dudalen hon.',
    forbidden: 'Nid oes gennych chi ganiatâd i wneud hyn.',
    not_found: "Doedd dim modd dod o hyd i'r hyn roeddech chi'n chwilio amdano.",
    campaign_not_found:
      "Doedd dim modd dod o hyd i'r ymgyrch honno. Gwiriwch y ddolen a gawsoch chi.",
    wrong_state: 'Does dim modd gwneud hyn nawr gan fod y fideo wedi symud ymlaen i gam arall.',
    campaign_closed: "Mae'r ymgyrch hon wedi cau ac nid yw'n derbyn fideos newydd.",
    conflict: 'Newidiodd rhywun arall hyn ar yr un pryd. Rhowch gynnig arall arni.',
    claim_conflict: "Mae aelod arall o staff yn adolygu'r fideo hwn.",
    // review-cy:
    invalid_captions:
      "Doedd dim modd defnyddio'r ffeil capsiynau. Gwiriwch y llinell a enwir yn y neges a rhowch gynnig arall arni.",
    stale_version: "Newidiodd y fideo hwn ar ôl i chi ei agor. Agorwch ef eto a'i wirio eto.",
    // review-cy: "uwchgyfeirio" for escalate (safeguarding sense).
    escalated:
      "Mae'r fideo hwn wedi'i uwchgyfeirio. Rhaid i weinyddwr gau'r uwchgyfeirio yn gyntaf.",
    checks_incomplete: "Cwblhewch y gwiriad caniatâd a'r gwiriad cynnwys cyn cymeradwyo.",
    too_large: "Mae'r ffeil yn rhy fawr. Rhowch gynnig ar recordiad byrrach.",
    range_not_satisfiable: "Doedd dim modd anfon y rhan honno o'r fideo. Ceisiwch ei chwarae eto.",
    unsupported_type:
      "Nid fideo na recordiad sain yw'r ffeil hon. Dewiswch fideo neu recordiad llais.",
    unreadable_media:
      "Doedd dim modd agor y ffeil hon. Efallai ei bod wedi'i difrodi. Ceisiwch ei recordio eto.",
    not_eligible:
      "Does dim modd defnyddio'r fideo hwn yma oherwydd yr hyn y cytunodd ei berchennog iddo.",
    rate_limited: 'Bu gormod o ymdrechion. Arhoswch ychydig funudau, yna rhowch gynnig arall arni.',
    // review-cy: "Daeth yr anfon i ben" for an upload that stopped part-way.
    upload_aborted:
      "Daeth yr anfon i ben cyn gorffen. Gwiriwch eich cysylltiad â'r rhyngrwyd a rhowch gynnig arall arni.",
    dependency_down:
      "Mae'r gwasanaeth yn cael problemau ar hyn o bryd. Rhowch gynnig arall arni ymhen ychydig funudau.",
    internal: "Aeth rhywbeth o'i le ar ein hochr ni. Rhowch gynnig arall arni yn nes ymlaen.",
  },
};
