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
    // Tudalennau rhestrau chwarae'r hwyluswyr (src/web/staff/playlist-pages.ts).
    playlists: {
      nav: 'Rhestrau chwarae',
      title: 'Rhestrau chwarae',
      intro:
        'Dewiswch fideos sydd wedi’u cymeradwyo i’w dangos i reithgor dinasyddion, mewn ffrwd fyw neu mewn dangosiad cyhoeddus.', // review-cy:
      empty: 'Does dim rhestrau chwarae eto.',
      playlist: 'Rhestr chwarae',
      use: 'Defnydd',
      date: 'Dyddiad',
      noDate: 'Dim dyddiad',
      clips: 'Clipiau',
      runningTime: 'Hyd',
      langName: { en: 'Saesneg', cy: 'Cymraeg' },
      timeMinutes: '{minutes} mun {seconds} eiliad',
      timeSeconds: '{seconds} eiliad',
      timeHours: '{hours} awr {minutes} mun',
      open: 'Agor',
      createHeading: 'Creu rhestr chwarae',
      campaign: 'Ymgyrch',
      titleEn: 'Teitl yn Saesneg',
      titleCy: 'Teitl yn Gymraeg',
      dateHint:
        'Diwrnod y sesiwn, er enghraifft 2027-03-14. Gadewch yn wag os nad ydych yn gwybod.', // review-cy:
      notes: 'Nodiadau i hwyluswyr (dewisol)',
      notesHint: 'Nid yw’r rheithwyr yn gweld y nodiadau hyn.', // review-cy:
      create: 'Creu rhestr chwarae',
      created: 'Cafodd y rhestr chwarae ei chreu. Ychwanegwch glipiau ati.',
      back: 'Yn ôl i’r rhestrau chwarae',
      backToPlaylist: 'Yn ôl i’r rhestr chwarae',
      detailsHeading: 'Manylion',
      useHint:
        'Mae’r hyn y cytunodd anfonwyr y fideos iddo yn penderfynu pa glipiau y gellir eu hychwanegu.', // review-cy:
      useFixed: 'Does dim modd newid y defnydd ar ôl creu’r rhestr chwarae.',
      save: 'Cadw’r manylion',
      saved: 'Cafodd y manylion eu cadw.',
      clipsHeading: 'Clipiau mewn trefn',
      clipsEmpty: 'Does dim clipiau yn y rhestr chwarae hon eto.',
      total: 'Cyfanswm yr amser chwarae: {time}',
      totalHint: 'Nid yw clipiau na fydd yn chwarae yn cael eu cyfrif.',
      position: 'Clip rhif {number}',
      untitled: 'Dim enw wedi’i roi',
      duration: 'Hyd: {time}',
      notPlaying: 'Ni fydd y clip hwn yn chwarae',
      needsRecheck:
        'Mae fersiwn newydd yn aros i gael ei adolygu. Ni fydd yn chwarae nes iddo gael ei gymeradwyo.', // review-cy:
      moveUp: 'Symud i fyny',
      moveDown: 'Symud i lawr',
      moveFor: '{action}: clip rhif {number}, {name}',
      moved: 'Clip {name} yw rhif {number} o {total} nawr.',
      dragHint:
        'Gallwch lusgo clipiau i newid y drefn, neu ddefnyddio’r botymau symud i fyny a symud i lawr.', // review-cy:
      dragHandle: 'Llusgo i newid y drefn: clip {number}, {name}',
      introEn: 'Cyflwyniad yn Saesneg (dewisol)',
      introCy: 'Cyflwyniad yn Gymraeg (dewisol)',
      introHint: 'Un llinell a ddangosir cyn y clip, hyd at 140 nod.',
      introSave: 'Cadw’r cyflwyniad',
      introSaved: 'Cafodd y cyflwyniad ei gadw.',
      introFor: 'Cyflwyniad ar gyfer clip {number}',
      remove: 'Tynnu',
      removeFor: 'Tynnu clip {number}, {name}',
      removed: 'Cafodd y clip ei dynnu.',
      addClips: 'Ychwanegu clipiau',
      changesHeading: 'Beth newidiodd a pham',
      changesIntro:
        'Gall clipiau adael neu stopio chwarae ar eu pennau eu hunain, er enghraifft pan fydd rhywun yn tynnu ei gydsyniad yn ôl.', // review-cy:
      pickerTitle: 'Ychwanegu clipiau',
      pickerIntro:
        'Fideos wedi’u cymeradwyo o’r ymgyrch hon. Mae fideos na ellir eu defnyddio ar gyfer {use} yn dweud pam.', // review-cy:
      pickerEmpty: 'Does dim fideos wedi’u cymeradwyo yn yr ymgyrch hon eto.',
      clip: 'Fideo',
      language: 'Iaith',
      status: 'Oes modd ei ychwanegu?',
      add: 'Ychwanegu',
      addFor: 'Ychwanegu {name}',
      added: 'Cafodd y clip ei ychwanegu at ddiwedd y rhestr chwarae.',
      inPlaylist: 'Eisoes yn y rhestr chwarae',
      eligible: 'Oes',
      shareHeading: 'Dolenni rhannu i reithwyr',
      shareIntro:
        'Mae dolen rannu yn gadael i reithwyr wylio’r rhestr chwarae heb fewngofnodi, nes iddi ddod i ben neu i chi ei diddymu.', // review-cy:
      shareDays: 'Nifer y diwrnodau y mae’r ddolen yn gweithio',
      shareDaysHint: 'Rhwng 1 a {max} diwrnod.',
      shareCreate: 'Creu dolen rannu',
      sharesEmpty: 'Does dim dolenni rhannu wedi’u creu.',
      shareCreated: 'Crëwyd',
      shareExpires: 'Yn dod i ben',
      shareLastUsed: 'Defnyddiwyd ddiwethaf',
      shareNeverUsed: 'Byth',
      shareState: 'Cyflwr',
      shareLive: 'Yn gweithio',
      shareRevoked: 'Wedi’i diddymu',
      shareExpired: 'Wedi dod i ben',
      revoke: 'Diddymu',
      revokeFor: 'Diddymu’r ddolen a grëwyd {date}',
      revoked: 'Cafodd y ddolen rannu ei diddymu. Nid yw’n gweithio mwyach.',
      sharedTitle: 'Dolen rannu wedi’i chreu',
      sharedOnce:
        'Copïwch y ddolen hon nawr. Dim ond unwaith y caiff ei dangos, a dydyn ni ddim yn cadw copi.', // review-cy:
      sharedLink: 'Dolen rannu',
      sharedExpires: 'Mae’n gweithio tan {date}.',
      exportHeading: 'Allforion',
      exportIntro:
        'Un ffeil fideo o’r rhestr chwarae yw allforyn, gyda chapsiynau wedi’u llosgi i mewn, i’w ddangos all-lein.', // review-cy:
      exportLang: 'Iaith y capsiynau wedi’u llosgi i mewn',
      exportHeight: 'Maint y llun',
      export720: '720p (ffeil lai)',
      export1080: '1080p (llun cliriach)',
      exportCreate: 'Gofyn am allforyn',
      exportRequested: 'Gofynnwyd am yr allforyn. Mae’r dudalen hon yn dangos ei gynnydd.',
      exportsEmpty: 'Does neb wedi gofyn am allforyn.',
      exportRequestedAt: 'Gofynnwyd',
      exportState: 'Cyflwr',
      exportSettings: 'Capsiynau a maint',
      exportSettingsValue: 'Capsiynau {lang}, {height}p',
      exportProgress: '{state} ({progress} y cant)',
      download: 'Lawrlwytho',
      downloadFor: 'Lawrlwytho’r allforyn y gofynnwyd amdano {date}',
      exportStatus: {
        queued: 'Yn aros',
        rendering: 'Yn cael ei wneud',
        ready: 'Yn barod',
        failed: 'Wedi methu',
        deleted: 'Wedi’i ddileu',
      },
      exportDeleted:
        'Cafodd ei ddileu am fod clip ynddo wedi’i dynnu’n ôl. Gofynnwch am yr allforyn eto.', // review-cy:
      exportFailed: 'Doedd dim modd ei wneud. Gofynnwch amdano eto.',
      refresh: 'Adnewyddwch y dudalen hon i weld y cynnydd diweddaraf.',
      errors: {
        campaign: 'Dewiswch ymgyrch',
        titleEn: 'Rhowch deitl yn Saesneg, hyd at 200 nod, heb < na >',
        titleCy: 'Rhowch deitl yn Gymraeg, hyd at 200 nod, heb < na >',
        use: 'Dewiswch beth yw pwrpas y rhestr chwarae',
        date: 'Rhowch y dyddiad fel blwyddyn, mis a diwrnod, er enghraifft 2027-03-14',
        notes: 'Rhaid i’r nodiadau fod yn 4,000 nod neu lai',
        intro: 'Rhaid i gyflwyniad fod yn un llinell o hyd at 140 nod, heb < na >',
        days: 'Rhowch nifer o ddiwrnodau rhwng 1 a {max}',
        exportNothing: 'Ychwanegwch glipiau sy’n gallu chwarae cyn gofyn am allforyn',
      },
    },
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
  // Issue 6 review extras (src/web/staff/ review checklist, queue filters, consent panel,
  // src/web/staff/admin-staff-pages.ts staff accounts and escalations).
  staffReview: {
    checklistLegend: 'Gwirio’r cynnwys',
    checklistHint:
      'Ticiwch bob datganiad sy’n wir. Mae angen pob un i gymeradwyo. Nid oes gofyn i chi ymchwilio i ddim: os ydych chi’n poeni, uwchgyfeiriwch y fideo a dywedwch pam.',
    item: {
      // review-cy: list of personal details (platiau rhif, labeli meddyginiaeth).
      personalDetails:
        'Does dim manylion personol i’w gweld na’u clywed, ar y sgrin nac yn y capsiynau: cyfeiriadau, rhifau tai, platiau rhif, llythyrau, labeli meddyginiaeth, rhifau ffôn nac enwau llawn',
      peopleConsent: 'Does neb y gellir ei adnabod yn ymddangos heb gytuno',
      safeguarding:
        'Welais i ddim arwydd o gam-drin nac esgeulustod, a does dim i awgrymu bod rhywun yn oedolyn sy’n wynebu risg',
      // review-cy: "hunan-niweidio" for self-harm.
      selfHarm: 'Does dim cynnwys am hunan-niweidio na hunanladdiad',
      captions: 'Mae’r capsiynau’n gywir',
    },
    concernsLegend: 'Arwyddion o gam-drin neu esgeulustod a welsoch chi',
    // review-cy: names of the Acts and the five Welsh categories as the Wales Safeguarding Procedures word them.
    concernsHint:
      'Dyma’r deg math o gam-drin ac esgeulustod yng nghanllawiau statudol Deddf Gofal 2014. Yng Nghymru, mae’r gweithdrefnau diogelu o dan Ddeddf Gwasanaethau Cymdeithasol a Llesiant (Cymru) 2014 yn enwi pump: cam-drin corfforol, rhywiol, emosiynol neu seicolegol ac ariannol, ac esgeulustod. Ticiwch unrhyw rai y gwelsoch chi arwyddion ohonyn nhw. Rhaid uwchgyfeirio fideo ag unrhyw un wedi’i dicio, nid ei gymeradwyo.',
    abuse: {
      physical: 'Cam-drin corfforol',
      domestic: 'Cam-drin domestig',
      sexual: 'Cam-drin rhywiol',
      psychological: 'Cam-drin seicolegol neu emosiynol',
      financial: 'Cam-drin ariannol neu faterol',
      modernSlavery: 'Caethwasiaeth fodern',
      discriminatory: 'Cam-drin gwahaniaethol',
      organisational: 'Cam-drin sefydliadol',
      // review-cy: "gweithredoedd o anwaith" for acts of omission.
      neglect: 'Esgeulustod neu weithredoedd o anwaith',
      selfNeglect: 'Hunan-esgeulustod',
    },
    walesCategory: 'categori yng Nghymru',
    adultAtRiskLegend: 'Gallai rhywun yn y fideo fod yn oedolyn sy’n wynebu risg?',
    // review-cy: paraphrase of s126(1); check against the Welsh text of the Act.
    adultAtRiskText:
      'O dan adran 126 o Ddeddf Gwasanaethau Cymdeithasol a Llesiant (Cymru) 2014, oedolyn sy’n wynebu risg yw oedolyn sy’n profi neu sydd mewn perygl o gael ei gam-drin neu ei esgeuluso, sydd ag anghenion am ofal a chymorth, ac sydd, o ganlyniad i’r anghenion hynny, yn methu â’i amddiffyn ei hun rhag y cam-drin neu’r esgeulustod neu’r risg ohono.',
    adultAtRiskItem: 'Gallai’r tri pheth fod yn wir am rywun yn y fideo hwn',
    escalateGuidance:
      'Mae uwchgyfeirio yn cuddio’r fideo ac yn anfon eich pryder, yn ysgrifenedig, at yr arweinydd diogelu. Nid oes gofyn i chi ymchwilio, cysylltu â neb, na phenderfynu a fu cam-drin. Disgrifiwch yr hyn a welsoch ac a glywsoch, a phryd yn y fideo.',
    noteLabel: 'Nodyn, neu eich pryder ar gyfer yr arweinydd diogelu',
    noteHint:
      'Nid yw’r cyfrannwr yn gweld hwn. I uwchgyfeirio, disgrifiwch yr hyn a welsoch ac a glywsoch, a phryd yn y fideo.',
    historyChecked: 'Wedi gwirio: {items}',
    historyConcerns: 'Arwyddion a nodwyd: {kinds}',
    historyAdultAtRisk: 'Gallai rhywun fod yn oedolyn sy’n wynebu risg',
    captionsMissingFilter: 'Fideos heb gapsiynau yn unig',
    flaggedFilter: 'Fideos wedi’u huwchgyfeirio yn unig',
    showLegend: 'Dangos',
    nextPage: 'Y dudalen nesaf',
    firstPage: 'Yn ôl at yr hynaf',
    method: 'Sut y rhoddwyd caniatâd',
    methods: {
      online: 'Ffurflen ar-lein',
      paper: 'Ar bapur',
      phone: 'Dros y ffôn',
      in_person: 'Wyneb yn wyneb',
    },
    witness: 'Tyst',
    recordedBy: 'Cofnodwyd gan',
    over18: '18 oed neu’n hŷn',
    guardianAgreed: 'Cytunodd rhiant neu warcheidwad',
    healthDetailsAgreed: 'Wedi cytuno i’r manylion iechyd a gofal y mae’r fideo’n eu dangos',
    onBehalf: 'Anfonwyd ar ei ran gan',
    onBehalfBasis: 'Ar ba sail',
    basis: {
      agreed_themselves: 'Cytunodd y person ei hun',
      // review-cy: legal term "atwrneiaeth arhosol".
      lasting_power_of_attorney: 'Atwrneiaeth arhosol',
      best_interests: 'Penderfyniad er lles pennaf wedi’i gofnodi',
    },
    notAsked: 'Heb ofyn',
  },
  adminStaff: {
    nav: {
      staff: 'Cyfrifon staff',
      escalations: 'Uwchgyfeiriadau',
      queue: 'Fideos i’w hadolygu',
    },
    title: 'Cyfrifon staff',
    email: 'Cyfeiriad e-bost',
    role: 'Rôl',
    campaigns: 'Ymgyrchoedd',
    state: 'Statws',
    allCampaigns: 'Pob un (gweinyddwr)',
    none: 'Dim',
    roles: {
      admin: 'Gweinyddwr',
      moderator: 'Cymedrolwr',
      facilitator: 'Hwylusydd',
    },
    states: {
      active: 'Gweithredol',
      disabled: 'Wedi’i analluogi',
      mustChange: 'Rhaid dewis cyfrinair newydd',
    },
    addHeading: 'Ychwanegu aelod o staff',
    campaignsHint:
      'Dim ond fideos yr ymgyrchoedd rydych chi’n eu ticio y byddan nhw’n eu gweld. Mae gweinyddwyr yn gweld pob ymgyrch.',
    temporaryPassword: 'Cyfrinair dros dro',
    temporaryPasswordHint:
      'O leiaf {min} nod. Dywedwch wrthyn nhw wyneb yn wyneb neu dros y ffôn, nid drwy e-bost. Rhaid iddyn nhw ddewis un newydd pan fyddan nhw’n mewngofnodi gyntaf.',
    addButton: 'Ychwanegu cyfrif',
    added: 'Cafodd y cyfrif ei ychwanegu.',
    disableButton: 'Analluogi',
    disabled: 'Cafodd y cyfrif ei analluogi a’i allgofnodi ym mhobman.',
    resetButton: 'Ailosod y cyfrinair',
    resetTitle: 'Ailosod cyfrinair',
    resetIntro:
      'Dewiswch gyfrinair dros dro i {email}. Byddan nhw’n cael eu hallgofnodi ym mhobman a rhaid iddyn nhw ddewis cyfrinair newydd pan fyddan nhw’n mewngofnodi nesaf.',
    resetDone:
      'Cafodd y cyfrinair ei ailosod. Rhaid iddyn nhw ddewis un newydd pan fyddan nhw’n mewngofnodi nesaf.',
    actions: 'Camau',
    emailInvalid: 'Rhowch gyfeiriad e-bost, fel enw@example.org',
    exists: 'Mae cyfrif gyda’r cyfeiriad e-bost hwnnw’n bodoli eisoes',
    cannotDisableSelf: 'Allwch chi ddim analluogi eich cyfrif eich hun',
    escalationsTitle: 'Uwchgyfeiriadau diogelu',
    escalationsIntro:
      'Fideos a uwchgyfeiriwyd gan gymedrolwr. Mae pob un yn aros yn gudd nes bydd rhywun heblaw’r person a’i huwchgyfeiriodd yn ei gau gyda chanlyniad ysgrifenedig.',
    noEscalations: 'Does dim uwchgyfeiriadau ar agor.',
    raised: 'Uwchgyfeiriwyd gan {email} ar {time}',
    concern: 'Pryder',
    openVideo: 'Agor y fideo',
    outcome: 'Canlyniad',
    // review-cy: "awdurdod lleol" example sentence.
    outcomeHint:
      'Beth a wnaed, ar gyfer y cofnod. Er enghraifft: anfonwyd at yr arweinydd diogelu, a gysylltodd â’r awdurdod lleol.',
    closeButton: 'Cau’r uwchgyfeiriad hwn',
    closed: 'Cafodd yr uwchgyfeiriad ei gau.',
    sameUser: 'Rhaid i rywun heblaw’r person a’i huwchgyfeiriodd ei gau',
    outcomeMissing: 'Ysgrifennwch y canlyniad',
  },
  // Issue 6: staff upload for a contributor without a smartphone (src/web/staff/admin-staff-pages.ts).
  onBehalf: {
    nav: 'Llwytho i fyny ar ran cyfrannwr',
    title: 'Llwytho fideo i fyny ar ran cyfrannwr',
    intro:
      'Ar gyfer rhywun heb ffôn clyfar na’r rhyngrwyd. Rhowch eu hatebion fel y’u rhoddwyd, dywedwch sut y rhoddon nhw ganiatâd a phwy oedd yn dyst. Dim ond unwaith y dangosir dolen eu derbynneb: rhowch hi iddyn nhw.',
    campaign: 'Ymgyrch',
    scopesLegend: 'Beth y cytunon nhw y gellir defnyddio’r fideo ar ei gyfer?',
    // review-cy: "Rheithgor Dinasyddion" as elsewhere in the catalogue.
    jury: 'Caiff y Rheithgor Dinasyddion ei wylio (gofynnol)',
    livestream: 'Caiff ei ddangos ar ffrwd fyw’r rheithgor',
    public: 'Caiff ei rannu’n gyhoeddus',
    othersAppear: 'Oes unrhyw un arall i’w weld neu i’w glywed yn y fideo?',
    othersConsented: 'Ydyn nhw i gyd wedi cytuno i fod ynddo?',
    displayName: 'Enw neu ffugenw i’w ddangos',
    language: 'Eu hiaith, ar gyfer popeth ar ôl hyn',
    methodLegend: 'Sut y rhoddon nhw ganiatâd?',
    witness: 'Pwy oedd yn dyst',
    witnessHint: 'Enw a rôl, er enghraifft “J. Jones, gweithiwr cymorth”.',
    video: 'Y fideo neu’r recordiad llais',
    button: 'Llwytho i fyny',
    doneTitle: 'Cafodd y fideo ei lwytho i fyny',
    receiptLink: 'Dolen eu derbynneb (dim ond y tro hwn y’i dangosir)',
    receiptHint:
      'Rhowch y ddolen hon i’r cyfrannwr mewn llythyr, neges destun neu wyneb yn wyneb. Mae’n gadael iddyn nhw weld hynt eu fideo a’i dynnu’n ôl. Dydyn ni ddim yn cadw copi.',
    another: 'Llwytho fideo arall i fyny',
    refused: 'Gwiriwch yr atebion a’r ffeil, yna rhowch gynnig arall arni.',
  },
  // Jury playlists (issue 8): why a clip cannot be added, and what changed on its own.
  playlist: {
    use: {
      // review-cy: "Gwylio gan y rheithgor" for jury viewing.
      jury: 'Gwylio gan y rheithgor',
      livestream: 'Ffrydio byw neu rannu sgrin',
      public: 'Dangos yn gyhoeddus',
    },
    ineligible: {
      other_campaign: "Mae'r fideo hwn yn perthyn i ymgyrch arall.",
      withdrawn: "Mae'r person a anfonodd y fideo hwn wedi tynnu ei gydsyniad yn ôl.",
      not_approved: "Dydy'r fideo hwn ddim wedi'i gymeradwyo eto.",
      escalated: "Mae'r fideo hwn wedi'i uwchgyfeirio ac mae'n aros am weinyddwr.",
      consent_scope: "Wnaeth y person a anfonodd y fideo hwn ddim cytuno i'r defnydd hwn.",
    },
    change: {
      item_removed: {
        withdrawn:
          "Cafodd clip ei dynnu oherwydd bod y person a'i hanfonodd wedi tynnu ei gydsyniad yn ôl.",
        rejected: 'Cafodd clip ei dynnu oherwydd bod cymedrolwr wedi gwrthod ei fersiwn newydd.',
        removed_by_staff: 'Cafodd clip ei dynnu gan aelod o staff.',
      },
      item_flagged: {
        // review-cy: "allforio" for exporting a file.
        new_version:
          'Mae fersiwn newydd o glip. Fydd e ddim yn chwarae nac yn cael ei allforio nes bydd cymedrolwr yn ei gymeradwyo eto.',
      },
      item_cleared: {
        reapproved: "Cafodd fersiwn newydd y clip ei gymeradwyo. Mae'n chwarae eto.",
      },
      export_deleted: {
        // review-cy: "allforiad" for an exported file.
        withdrawn:
          'Cafodd allforiad ei ddileu oherwydd ei fod yn cynnwys clip y tynnwyd y cydsyniad ar ei gyfer yn ôl. Allforiwch y rhestr chwarae eto.',
      },
    },
  },
  // Trim and redact on the staff review page (src/web/staff/redact-page.ts).
  // review-cy: "niwlio" for blurring part of a picture (or "pylu"); "tocio" for trimming a clip.
  staffRedact: {
    heading: 'Tocio neu niwlio',
    intro:
      "Torrwch ddechrau neu ddiwedd y clip i ffwrdd, neu niwliwch ran o'r llun, fel wyneb rhywun sydd heb gytuno, rhif tŷ, plât rhif car, llythyr neu label meddyginiaeth. Caiff fersiwn newydd ei gwneud a daw'n ôl i'r rhestr adolygu. Dim ond staff all weld y gwreiddiol, nes i'r fersiwn newydd gael ei chymeradwyo.",
    duration: "Mae'r fersiwn hon yn para {seconds} eiliad.",
    pending: "Mae fersiwn newydd yn cael ei gwneud. Daw'n ôl i'r rhestr adolygu pan fydd yn barod.",
    claimFirst:
      "Hawliwch y clip tra mae'n aros i gael ei adolygu er mwyn ei docio neu niwlio rhan ohono.",
    trimLegend: "Cadw rhan o'r clip yn unig",
    trimHint: "Gadewch y ddau yn wag i gadw'r clip cyfan.",
    trimStart: 'Dechrau am',
    trimStartHint: "Eiliadau o'r dechrau. Gadewch yn wag i ddechrau ar y dechrau.",
    trimEnd: 'Gorffen am',
    trimEndHint: "Eiliadau o ddechrau'r fersiwn bresennol.",
    secondsUnit: 'eiliad',
    blurIntro:
      "Mesurwch bob ardal ar y llun fel y mae'n cael ei ddangos, y ffordd iawn i fyny: pa mor bell o'r ymyl chwith ac o'r ymyl uchaf y mae'n dechrau, a pha mor llydan a pha mor uchel ydyw, i gyd fel canrannau o'r llun. Eiliadau ar y fersiwn bresennol yw'r amseroedd. Gadewch ardal yn wag os nad oes ei hangen arnoch.",
    area: "Ardal {area} i'w niwlio",
    blurStart: 'Niwlio o',
    blurEnd: 'Niwlio tan',
    blurX: "O'r ymyl chwith",
    blurY: "O'r ymyl uchaf",
    blurWidth: 'Lled',
    blurHeight: 'Uchder',
    submit: 'Gwneud y fersiwn newydd',
    historyHeading: 'Golygiadau',
    historyItem: 'Fersiwn {from} i fersiwn {to}, {time}: {status}',
    downloadOriginal: "Lawrlwytho'r gwreiddiol o cyn y golygiad hwn (staff yn unig)",
    status: {
      queued: "wrthi'n cael ei gwneud",
      done: "wedi'i gwneud",
      failed: 'wedi methu, rhowch gynnig arall arni',
      superseded: 'heb ei gwneud: roedd y clip wedi symud ymlaen',
    },
    error: {
      not_number: 'Rhowch rif, er enghraifft 2.5',
      nothing: "Rhowch bwyntiau dechrau a gorffen newydd, neu ardal i'w niwlio",
      no_duration: "Ni ellir golygu'r clip hwn nes bod ei hyd yn hysbys",
      trim_start: "Rhaid i'r dechrau fod yn 0 eiliad neu fwy",
      trim_past_end: 'Ni chaiff y diwedd fod yn hwyrach na diwedd y clip ({seconds} eiliad)',
      trim_order: "Rhaid i'r diwedd fod ar ôl y dechrau",
      trim_too_short: "Cadwch o leiaf {seconds} eiliad o'r clip",
      trim_whole:
        "Mae'r pwyntiau dechrau a gorffen hyn yn cadw'r clip cyfan. Newidiwch un ohonyn nhw, neu ychwanegwch ardal i'w niwlio",
      blur_audio: "Does dim llun i'w niwlio mewn stori sain",
      blur_too_many: 'Niwliwch {area} ardal ar y mwyaf mewn un golygiad',
      blur_order: "Ardal {area}: rhaid i'r niwlio orffen ar ôl iddo ddechrau",
      blur_past_end: 'Ardal {area}: ni chaiff y niwlio orffen yn hwyrach na diwedd y clip',
      blur_outside_trim:
        "Ardal {area}: rhaid i'r niwlio fod yn y rhan o'r clip rydych chi'n ei chadw",
      blur_position: "Ardal {area}: rhaid i'r safle fod rhwng 0% a 100%",
      blur_size: "Ardal {area}: rhaid i'r lled a'r uchder fod rhwng 1% a 100%",
      blur_edge: 'Ardal {area}: ni chaiff yr ardal fynd y tu hwnt i ymyl y llun',
    },
  },
  // Issue 9 (operations): the contributor's data download, and the admin pages for campaigns,
  // failed processing and storage (src/api/data-download*.ts, src/web/staff/admin-ops-*.ts).
  dataDownload: {
    link: "Lawrlwytho copi o bopeth sydd gennym amdanoch chi a'ch fideo",
    // review-cy: the README inside the zip.
    readme:
      "Dyma gopi o bopeth sydd gan Diwrnod yn y Bywyd am eich fideo.\n\nconsent.json: beth y cytunoch chi iddo, y geiriau y cytunoch chi iddyn nhw a'u fersiwn, pryd anfonoch chi eich fideo, beth sydd wedi digwydd iddo ers hynny, ac unrhyw negeseuon a anfonodd ein staff atoch chi amdano.\n\nY ffolder media: y ffeil a anfonoch chi atom ni, y copïau a wnaethom ohoni i'w chwarae ar y we, ei llun a'i his-deitlau.\n\nOs gwnaethoch chi dynnu eich fideo yn ôl, mae'r ffolder media yn wag: rydyn ni wedi ei ddileu.",
  },
  adminOps: {
    nav: 'Gweinyddu',
    navCampaigns: 'Ymgyrchoedd',
    navJobs: 'Prosesu a fethodd',
    navStorage: 'Storfa',
    notSet: 'Heb ei osod',
    campaigns: {
      title: 'Ymgyrchoedd',
      intro:
        "Gosodwch pryd mae pob ymgyrch yn derbyn fideos, y datganiad caniatâd y mae pobl yn cytuno iddo, a'r diwrnod olaf y caiff ei fideos eu cadw.",
      campaign: 'Ymgyrch',
      opens: 'Yn agor',
      closes: 'Yn cau (diwrnod olaf)',
      retention: 'Cadw tan',
      statement: 'Datganiad caniatâd',
      statementVersion: 'Fersiwn {version}',
      purged: 'Wedi eu dileu ar ôl y cyfnod cadw ar {date}',
      edit: 'Newid',
      editFor: 'Newid {name}',
    },
    campaign: {
      title: 'Ymgyrch: {name}',
      back: 'Pob ymgyrch',
      savedDates: "Mae'r dyddiadau wedi eu cadw.",
      savedStatement: "Mae'r fersiwn newydd o'r datganiad caniatâd wedi ei hychwanegu.",
      datesHeading: 'Dyddiadau',
      opensAt: 'Diwrnod cyntaf derbyn fideos',
      closesAt: 'Diwrnod olaf derbyn fideos',
      retentionUntil: 'Cadw fideos a manylion personol tan',
      dateHint: 'Er enghraifft, 2027-03-31. Gadewch yn wag os nad oes dyddiad.',
      // review-cy: retention explanation for admins.
      retentionHint:
        "Y diwrnod wedyn, caiff pob fideo yn yr ymgyrch hon a'r manylion personol a anfonwyd gydag ef eu dileu am byth. Dim ond nifer y fideos ym mhob statws sy'n cael ei gadw.",
      saveDates: 'Cadw dyddiadau',
      purged: "Cafodd y fideos a'r manylion personol eu dileu ar ôl y dyddiad cadw ar {date}.",
      retained: 'Fideos a gadwyd fel niferoedd yn unig',
      statementsHeading: 'Datganiadau caniatâd',
      // review-cy: "against" a version rendered as "yn ôl".
      statementsIntro:
        "Mae pobl yn cytuno i'r fersiwn ddiweddaraf. Caiff fersiynau cynharach eu cadw, oherwydd mae pob caniatâd yn cofnodi'r fersiwn y cafodd ei roi yn ei herbyn.",
      version: 'Fersiwn {version}, ychwanegwyd {date}',
      english: 'Saesneg',
      welsh: 'Cymraeg',
      newStatementHeading: 'Ychwanegu fersiwn newydd',
      newStatementEn: 'Datganiad yn Saesneg',
      newStatementCy: 'Datganiad yn Gymraeg',
      addStatement: 'Ychwanegu fersiwn newydd',
    },
    dateErrors: {
      invalid_date: 'Rhowch ddyddiad go iawn, er enghraifft 2027-03-31',
      closes_before_opens: "Rhaid i'r diwrnod olaf fod ar y diwrnod cyntaf neu ar ei ôl",
      retention_before_close: "Rhaid cadw'r fideos o leiaf nes i'r ymgyrch gau",
      retention_needs_close: 'Gosodwch y diwrnod olaf derbyn fideos cyn gosod dyddiad cadw',
    },
    statementErrors: {
      statementEnMissing: 'Rhowch y datganiad yn Saesneg',
      statementCyMissing: 'Rhowch y datganiad yn Gymraeg',
      tooLong: "Rhaid i'r datganiad fod yn {max} nod neu lai",
    },
    jobs: {
      title: 'Fideos a fethodd wrth eu prosesu',
      intro:
        "Nid oedd modd paratoi'r fideos hyn i'w hadolygu. Rhowch gynnig arall arni ar ôl datrys yr achos; caiff pob cynnig ei gofnodi yn y log archwilio.",
      empty: 'Does dim fideo wedi methu wrth ei brosesu.',
      retried: "Mae'r fideo wedi ei roi yn y ciw i'w baratoi eto.",
      video: 'Fideo',
      campaign: 'Ymgyrch',
      failedAt: 'Wedi methu',
      reason: 'Rheswm',
      detail: 'Manylion technegol',
      retry: 'Rhoi cynnig arall arni',
    },
    storage: {
      title: 'Storfa a ddefnyddiwyd',
      intro:
        "Y lle a ddefnyddir gan bob ymgyrch, o'r meintiau a gofnodwyd pan gafodd ffeiliau eu storio. Nid yw fideos a dynnwyd yn ôl yn defnyddio dim.",
      campaign: 'Ymgyrch',
      submissions: 'Fideos',
      originals: 'Ffeiliau a anfonwyd',
      media: 'Copïau a wnaed',
      files: 'Copïau',
      total: 'Cyfanswm',
      allCampaigns: 'Pob ymgyrch',
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
  // Issue 7 (contributor journey): landing, consent steps, check answers, resumable upload,
  // recording, receipt extras (src/web/contributor-routes.ts, consent-steps.ts, static/js/).
  landing: {
    start: 'Dechrau nawr',
    beforeHeading: 'Cyn i chi ddechrau',
    beforeBody:
      "Mae ateb y cwestiynau'n cymryd tua 5 munud. Yna gallwch anfon fideo sydd gennych yn barod, neu recordio un ar y dudalen hon.",
    lengthGuide:
      'Mae tua 1 i 2 funud yn ddelfrydol. Yr hiraf y gallwn ei dderbyn yw {minutes} munud.',
    tipUseful:
      "Mae aelodau'r rheithgor yn cael y budd mwyaf pan fyddwch chi'n sôn am ddiwrnod go iawn: beth aeth yn dda, beth oedd yn anodd, a beth fyddai'n gwneud gwahaniaeth.",
  },
  steps: {
    progress: 'Cwestiwn {n} o {total}',
    continue: 'Parhau',
    forWhom: {
      legend: "Ydych chi'n anfon y fideo hwn ar eich rhan eich hun neu ar ran rhywun arall?",
      self: 'Ar fy rhan fy hun',
      other: 'Ar ran rhywun arall',
      otherHint: "Er enghraifft, rhywun rydych chi'n gofalu amdano.",
      error:
        "Dewiswch a ydych chi'n anfon y fideo hwn ar eich rhan eich hun neu ar ran rhywun arall",
      relationshipLabel: 'Pwy ydyn nhw i chi?',
      relationshipHint: "Er enghraifft: fy mam, fy mab, rhywun rwy'n ei gefnogi yn y gwaith.",
      relationshipError: "Rhowch pwy yw'r person i chi",
      relationshipInvalid:
        'Rhaid i bwy ydyn nhw i chi fod yn 80 nod neu lai a defnyddio llythrennau, rhifau ac atalnodi cyffredin yn unig',
      basisLegend: 'Pam gallwch chi gytuno ar eu rhan?',
      basisError: 'Dewiswch pam gallwch chi gytuno ar eu rhan',
      basis: {
        agreed_themselves: 'Maen nhw wedi cytuno i hyn eu hunain',
        agreed_themselvesHint: "Maen nhw'n deall beth yw pwrpas y fideo ac wedi dweud ie.",
        // review-cy: "atwrneiaeth arhosol ar gyfer iechyd a lles" (Lasting Power of Attorney for health and welfare), as on gov.uk/cy.
        lasting_power_of_attorney: 'Mae gen i atwrneiaeth arhosol ar gyfer eu hiechyd a’u lles',
        lasting_power_of_attorneyHint:
          'Dogfen gyfreithiol sy’n gadael i chi wneud penderfyniadau iechyd a gofal ar eu rhan.',
        // review-cy: "budd pennaf" for best interests; "Deddf Galluedd Meddyliol 2005" for the Mental Capacity Act 2005.
        best_interests:
          'Dydyn nhw ddim yn gallu penderfynu drostyn nhw eu hunain, ac mae hyn er eu budd pennaf',
        best_interestsHint:
          "O dan Ddeddf Galluedd Meddyliol 2005: does ganddyn nhw ddim y galluedd i benderfynu, ac rydych chi wedi gwneud penderfyniad er eu budd pennaf ar ôl siarad â nhw a'r bobl sy'n gofalu amdanyn nhw.",
      },
    },
    age: {
      legendSelf: "Ydych chi'n 18 oed neu'n hŷn?",
      legendOther: "Ydy'r person rydych chi'n anfon hwn ar ei ran yn 18 oed neu'n hŷn?",
      yes: "Ydw/Ydy, 18 oed neu'n hŷn",
      no: 'Nac ydw/Nac ydy, dan 18 oed',
      error: "Dewiswch a yw'r person yn y fideo yn 18 oed neu'n hŷn",
      guardianLegend: "Ydy rhiant neu warcheidwad wedi cytuno i'r fideo hwn gael ei anfon?",
      guardianHint: 'I rywun dan 18 oed, rhaid i riant neu warcheidwad gytuno hefyd.',
      yesGuardian: 'Ydy',
      noGuardian: 'Nac ydy',
      guardianError: 'Dewiswch ydy os yw rhiant neu warcheidwad wedi cytuno',
      guardianNeeded:
        'Rhaid i riant neu warcheidwad gytuno cyn y gellir anfon fideo o rywun dan 18 oed. Gofynnwch iddyn nhw, yna dewch yn ôl.',
    },
    health: {
      title: 'Manylion iechyd a gofal',
      body: "Efallai y bydd eich fideo'n sôn am fanylion iechyd neu ofal, fel salwch, anabledd, meddyginiaethau neu'r gofal y mae rhywun yn ei gael.",
      whoSees: 'Bydd y bobl hyn yn gweld eich fideo:',
      whoStaff: "tîm bach o staff sy'n gwirio pob fideo",
      whoJury: "aelodau'r Rheithgor Dinasyddion",
      whoLivestream: "unrhyw un sy'n gwylio'r ffrwd fyw",
      whoPublic: "unrhyw un, lle caiff ei rannu'n gyhoeddus",
      keptUntil: "Rydyn ni'n cadw eich fideo tan {date}, yna'n ei ddileu.",
      keptUnknown:
        "Rydyn ni'n cadw eich fideo dim ond tan ddiwedd y prosiect, yna'n ei ddileu. Gallwch ei dynnu'n ôl cyn hynny.",
      legend: "Ydych chi'n fodlon i'r bobl hyn weld manylion iechyd neu ofal yn eich fideo?",
      yes: 'Ydw',
      no: 'Nac ydw, fydda i ddim yn sôn am fanylion iechyd neu ofal',
      noHint: "Bydd ein staff yn gofyn i chi newid y fideo os byddan nhw'n clywed rhai.",
      error: 'Dewiswch a gaiff manylion iechyd neu ofal yn eich fideo eu gweld',
    },
  },
  check: {
    title: 'Gwiriwch eich atebion',
    intro: 'Gwiriwch eich atebion cyn anfon eich fideo.',
    change: 'Newid',
    uses: 'Beth gallwn ei ddefnyddio ar ei gyfer',
    forWhom: 'Ar ran pwy',
    forSelf: 'Chi eich hun',
    forOther: '{relationship}. Pam: {basis}',
    age: 'Oedran',
    over18: "18 oed neu'n hŷn",
    under18: 'Dan 18 oed, ac mae rhiant neu warcheidwad wedi cytuno',
    others: 'Pobl eraill yn y fideo',
    othersNone: 'Neb arall',
    othersAgreed: 'Pobl eraill, sydd i gyd wedi cytuno',
    othersNotAgreed: 'Pobl eraill, sydd heb i gyd gytuno',
    health: 'Manylion iechyd neu ofal',
    healthYes: 'Yn fodlon iddyn nhw gael eu gweld',
    healthNo: 'Fydda i ddim yn sôn amdanyn nhw',
    name: "Enw i'w ddangos",
    kept: "Am ba hyd rydyn ni'n ei gadw",
    keptUntil: 'Tan {date}',
    keptUnknown: 'Tan ddiwedd y prosiect',
    continue: 'Parhau i anfon eich fideo',
    agreeNote:
      "Pan fyddwch chi'n anfon eich fideo, rydych chi'n cytuno i'r datganiad uchod ac i'ch atebion.",
  },
  uploadStep: {
    title: 'Anfon eich fideo',
    chooseHeading: 'Dewis fideo',
    limits: "Rhaid iddo fod yn fideo neu'n recordiad llais, dim mwy na {size}.",
    changeAnswers: 'Gwirio neu newid eich atebion',
  },
  uploadJs: {
    tooBig:
      "Mae'r ffeil hon yn rhy fawr ({size}). Y mwyaf y gallwn ei dderbyn yw {max}. Rhowch gynnig ar recordiad byrrach.",
    wrongType: "Nid fideo na recordiad llais yw'r ffeil hon. Dewiswch fideo neu recordiad llais.",
    noFile: "Dewiswch fideo neu recordiad llais i'w anfon",
    sending: "Wrthi'n anfon eich fideo",
    percent: '{percent}% wedi’i anfon',
    timeLeft: 'tua {time} ar ôl',
    minutes: '{n} mun',
    seconds: '{n} eil',
    pause: 'Oedi',
    resume: 'Ailddechrau',
    paused: "Wedi oedi. Pwyswch Ailddechrau i barhau o'r man lle stopiodd.",
    // review-cy: "Aeth y cysylltiad" for "the connection dropped".
    retrying: "Aeth y cysylltiad. Wrthi'n rhoi cynnig arall arni ohono'i hun.",
    offline: 'Dydych chi ddim ar-lein. Bydd yr anfon yn parhau pan fyddwch chi wedi cysylltu eto.',
    failed:
      "Mae'r anfon wedi stopio. Gwiriwch eich cysylltiad, yna pwyswch Ailddechrau i roi cynnig arall arni.",
    done: "Wedi'i anfon. Yn agor eich derbynneb.",
    resumeHeading: 'Parhau i anfon',
    resumeBody:
      "Dechreuoch chi anfon {name} yn gynharach ar y ddyfais hon. Dewiswch yr un ffeil eto a phwyso Anfon: bydd yn parhau o'r man lle stopiodd.",
    startOver: 'Dechrau eto gyda fideo gwahanol',
  },
  record: {
    heading: 'Neu recordio fideo nawr',
    intro: 'Recordiwch yn syth o gamera eich ffôn. Mae tua 1 i 2 funud yn ddelfrydol.',
    startCamera: "Troi'r camera ymlaen",
    start: 'Dechrau recordio',
    stop: 'Stopio recordio',
    retake: 'Recordio eto',
    use: 'Anfon y recordiad hwn',
    timer: '{elapsed} o {max}',
    recording: "Wrthi'n recordio",
    stopped: "Mae'r recordio wedi stopio. Gwyliwch ef yn ôl, yna ei anfon neu recordio eto.",
    limitReached: "Mae'r recordio wedi stopio: dyna'r hiraf y gallwn ei dderbyn.",
    preview: 'Rhagolwg camera',
    playback: 'Eich recordiad',
    unsupported:
      "Dydy'r porwr hwn ddim yn gallu recordio fideo. Recordiwch gydag ap camera eich ffôn yn lle hynny, yna dewiswch y ffeil uchod.",
    denied:
      'Doedd dim modd i ni ddefnyddio eich camera. Efallai i chi ddweud na pan ofynnwyd i chi, neu fod ap arall yn ei ddefnyddio. Gallwch recordio gydag ap camera eich ffôn, yna dewis y ffeil uchod.',
  },
  receiptMore: {
    copy: "Copïo'r ddolen",
    copied: "Mae'r ddolen wedi'i chopïo",
    copyFailed: "Doedd dim modd copïo. Dewiswch y ddolen a'i chopïo eich hun.",
    qrHeading: 'Agor y dudalen hon ar ddyfais arall',
    qrBody: 'Sganiwch y cod hwn gyda chamera ffôn neu lechen arall i agor y dudalen hon yno.',
    qrAlt: "Cod QR ar gyfer y ddolen i'r dudalen hon",
    changesHeading: 'Beth mae angen i chi ei newid',
    changesFrom: 'Neges gan ein tîm:',
    changesNoNote: "Bydd ein tîm yn cysylltu â chi am beth i'w newid.",
    consentHeading: 'Beth y cytunoch chi iddo',
    newVersion: "Anfon fersiwn newydd o'ch fideo",
  },
  // Issue 7: the receipt's forms, a new version and captions (src/web/receipt-edit-routes.ts).
  receiptEdit: {
    versionHeading: 'Anfon fersiwn newydd',
    versionBody:
      "Gallwch anfon fideo newydd yn lle'r un hwn. Byddwn yn gwirio'r un newydd cyn ei ddefnyddio.",
    versionTitle: "Anfon fersiwn newydd o'ch fideo",
    versionIntro:
      "Bydd eich fideo newydd yn cymryd lle'r un a anfonoch chi. Mae'r hyn y cytunoch chi iddo yn aros yr un fath.",
    versionChanges: 'Beth ofynnodd ein tîm i chi ei newid',
    versionSubmit: 'Anfon y fersiwn newydd',
    versionSent: 'Diolch. Mae eich fersiwn newydd gennym ac rydym yn ei baratoi.',
    captionsHeading: 'Capsiynau',
    // review-cy: "trwm eu clyw" for hard of hearing.
    captionsBody:
      "Mae capsiynau'n helpu pobl fyddar neu drwm eu clyw i ddilyn eich fideo. Gallwch eu hychwanegu neu eu cywiro nes bydd ein tîm yn dechrau ei adolygu.",
    captionsLink: 'Ychwanegu neu gywiro capsiynau',
    captionsTitle: 'Ychwanegu neu gywiro capsiynau',
    captionsIntro:
      "Lanlwythwch ffeil capsiynau, neu teipiwch beth rydych chi'n ei ddweud yn y fideo a byddwn yn cyd-fynd â'ch geiriau.",
    captionsLang: "Ym mha iaith mae'r capsiynau?",
    captionsFile: 'Lanlwytho ffeil capsiynau',
    captionsFileHint: 'Ffeil SRT neu WebVTT (yn gorffen â .srt neu .vtt), hyd at 1 MB.',
    captionsOr: 'neu',
    transcript: "Teipiwch beth rydych chi'n ei ddweud yn y fideo",
    transcriptHint:
      "Ysgrifennwch eich geiriau fel rydych chi'n eu dweud. Rydyn ni'n ychwanegu'r amseriadau.",
    captionsSubmit: 'Cadw capsiynau',
    captionsNone: "Dewiswch ffeil capsiynau, neu teipiwch beth rydych chi'n ei ddweud yn y fideo",
    captionsFileType: 'Rhaid i’r ffeil capsiynau fod yn ffeil SRT neu WebVTT',
    captionsFileTooBig: 'Rhaid i’r ffeil capsiynau fod yn llai nag 1 MB',
    // review-cy: "amseroedd" for caption timings.
    captionsInvalid:
      'Doedd dim modd i ni ddarllen y capsiynau yn y ffeil hon. Gwiriwch ei bod yn ffeil SRT neu WebVTT gydag amseroedd, neu teipiwch eich geiriau yn lle hynny',
    transcriptInvalid:
      "Mae eich geiriau'n rhy hir i ni eu hamseru. Byrhewch nhw, neu anfonwch ffeil capsiynau",
    captionsClosed:
      'Does dim modd newid y capsiynau nawr: mae ein tîm wedi dechrau adolygu eich fideo.',
    versionClosed:
      'Does dim modd anfon fersiwn newydd nawr: mae eich fideo wedi symud ymlaen i gam arall.',
    captionsReady: "Mae eich capsiynau wedi'u cadw.",
    // review-cy: "cyd-fynd" for matching words to the video's timing.
    captionsPending:
      "Diolch. Rydyn ni'n cyd-fynd â'ch geiriau a'ch fideo; bydd y capsiynau'n ymddangos cyn hir.",
    success: 'Llwyddiant',
    backToReceipt: "Yn ôl i'ch derbynneb",
  },
  watch: {
    serviceName: "Gwylio'r sesiwn",
    goneTitle: "Dyw'r ddolen hon ddim yn gweithio",
    goneBody: "Efallai bod y ddolen wedi dod i ben, neu ei bod wedi'i thynnu'n ôl.",
    goneAsk: "Gofynnwch i'r person a anfonodd y ddolen atoch chi am un newydd.",
    empty: "Does dim clipiau i'w gwylio yn y rhestr chwarae hon eto.",
    clipOf: 'Clip {number} o {count}',
    // review-cy: "Wedi'i rannu gan" for the contributor's chosen name under a clip.
    byline: "Wedi'i rannu gan {name}",
    noCaptions: 'Does dim capsiynau ar gyfer y clip hwn.',
    captionsOnly: {
      en: "Yn Saesneg yn unig mae'r capsiynau ar gyfer y clip hwn.",
      cy: "Yn Gymraeg yn unig mae'r capsiynau ar gyfer y clip hwn.",
    },
    videoLabel: 'Chwaraewr fideo',
    videoFallback: "Does dim modd i'ch porwr chwarae'r fideo hwn yma.",
    navLabel: 'Symud rhwng clipiau',
    previous: 'Clip blaenorol',
    next: 'Clip nesaf',
    autoplay: "Chwarae'r clip nesaf yn awtomatig",
    transcriptHeading: 'Trawsgrifiad',
    transcriptHint: "Dewiswch linell i fynd i'r pwynt hwnnw yn y clip.",
    noTranscript: 'Does dim trawsgrifiad ar gyfer y clip hwn.',
    clipsHeading: 'Clipiau yn y sesiwn hon ({count})',
    duration: 'Hyd',
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
