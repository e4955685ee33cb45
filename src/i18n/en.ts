/**
 * British English messages for the whole product. `cy.ts` must have exactly the same keys and
 * placeholders (`{name}`); the compiler checks the keys and a test checks the placeholders.
 * Plain words for people who are not confident with technology: short sentences, no jargon.
 */
export const en = {
  app: {
    name: 'Day in the Life',
    footer:
      'Your video is private. We only use it in the ways you agree to, and you can withdraw it at any time.',
  },
  common: {
    skipLink: 'Skip to main content',
    errorPrefix: 'Error',
    errorSummaryTitle: 'There is a problem',
    languageNav: 'Language',
    serviceInfo: 'Service information',
    warning: 'Warning',
    back: 'Back',
  },
  // Each language is named in its own language, so the same words appear in both catalogues.
  lang: {
    en: 'English',
    cy: 'Cymraeg',
  },
  upload: {
    aboutHeading: 'About this project',
    whoHeading: 'Who will see your video',
    whoChecked: 'First, a small team of staff watch every video to check it is safe to share.',
    whoJury: "Then the members of the Citizens' Jury watch it during their sessions.",
    whoWider:
      'It is only shown more widely, on a livestream or in public, if you say yes to that below.',
    tipsHeading: 'Tips for filming',
    tips: {
      short: 'Keep it short. A few minutes is plenty.',
      quiet: 'Find a quiet place so we can hear you clearly.',
      steady: 'Hold your phone sideways and keep it steady.',
      private:
        'Do not show addresses, letters, car number plates or anything else that shows where you live.',
      others: 'Only film other people if they have agreed to be in your video.',
      audio: 'If you would rather not be seen, you can send a voice recording instead.',
      data: 'Sending a video uses a lot of data, so it is best to use Wi-Fi if you can.',
    },
    consentHeading: 'Your consent',
    statementHeading: 'Please read this before you send your video',
    statementVersion: 'Consent statement version {version}',
    submit: 'Send my video',
    sendingHint:
      'Sending can take a few minutes on a slow connection. Keep this page open until you see your receipt.',
    closedTitle: 'This campaign is closed',
    closedBody: 'It is no longer taking new videos. Thank you for your interest.',
    closedReceipt:
      'If you have already sent a video, you can still watch it or withdraw it using the link on your receipt.',
  },
  field: {
    scope: {
      legend: 'What can we use your video for?',
      hint: 'Select all that you agree to. You must agree to the first one to take part.',
      jury: "The Citizens' Jury can watch it",
      juryHint: 'Required. Only jury members and the staff who run the jury will see it.',
      livestream: "It can be shown on the jury's livestream",
      livestreamHint: 'Anyone watching the live broadcast online could see it.',
      public: 'It can be shared in public',
      publicHint: 'For example in reports, on websites or on social media.',
      error: "Select the first box to agree that the Citizens' Jury can watch your video",
    },
    othersAppear: {
      legend: 'Can anyone else be seen or heard in your video?',
      hint: 'For example a family member, a friend or a care worker.',
      yes: 'Yes',
      no: 'No',
      error: 'Select yes if anyone else can be seen or heard in your video',
    },
    othersConsented: {
      legend: 'Have they all agreed to be in your video?',
      hint: 'Only answer this if someone else is in your video. Ask them before you send it.',
      yes: 'Yes',
      no: 'No',
      error: 'Select whether everyone in your video has agreed to be in it',
    },
    displayName: {
      label: 'What name should we show with your video?',
      hint: 'You can use your first name or a made-up name.',
      error: 'Enter a name to show with your video',
      invalid:
        'Your name must be 80 characters or fewer and use only letters, numbers and ordinary punctuation',
    },
    video: {
      label: 'Your video or voice recording',
      hint: 'Choose a file from your phone or computer, or record a new one.',
      reselect: 'You need to choose your file again: it could not be kept when the page reloaded.',
      error: 'Choose a video or voice recording to send',
    },
  },
  // What a contributor sees on their receipt: plain words, not the internal state names.
  status: {
    uploading: 'Still arriving',
    uploaded: 'Received',
    processing: 'Being prepared',
    awaiting_review: 'Waiting to be checked',
    approved: 'Checked and approved',
    changes_requested: 'Needs a change',
    rejected: 'Not able to be used',
    failed: 'Problem with the file',
    withdrawn: 'Withdrawn and deleted',
  },
  statusDetail: {
    uploading:
      'Your file has not finished arriving yet. If you closed the page while it was sending, you may need to send it again.',
    uploaded: 'We have your file and will start getting it ready soon.',
    processing: 'We are getting your video ready to watch. This usually takes a few minutes.',
    awaiting_review: 'Someone from our team will watch it soon to check it is safe to share.',
    approved: 'Your video has been checked. It will be shown in the ways you agreed to.',
    changes_requested:
      'We need something changed before we can use your video. You can send a new video from the campaign page.',
    rejected: 'We are not able to use this video. Thank you for taking the time to make it.',
    failed: 'We could not use the file you sent.',
    withdrawn: 'You withdrew your video. It has been deleted and will not be shown to anyone.',
  },
  media: {
    refusal: {
      empty: 'The file was empty. Try sending it again.',
      not_media: 'This file is not a video or audio recording.',
      unreadable: 'We could not open this file. It may be damaged, or in a format we cannot read.',
      too_long: 'The recording is too long. Try sending a shorter one.',
      no_usable_stream: 'We could not find any picture or sound in this file.',
      processing_error:
        'Something went wrong on our side while getting your video ready. Our team knows and will try again.',
    },
  },
  receipt: {
    title: 'Your video',
    thanks: 'Thank you for taking part, {name}.',
    linkHeading: 'Keep this link',
    linkBody:
      'Bookmark this page, or copy the link below and keep it somewhere safe. You need it to check on your video or to withdraw it.',
    linkWarning: 'Anyone with this link can watch your video and withdraw it, so do not share it.',
    linkLabel: 'Your link',
    detailsName: 'Name shown',
    detailsCampaign: 'Campaign',
    detailsSent: 'Sent',
    detailsStatus: 'Status',
    notReady: 'Your video is not ready to watch yet.',
    refresh: 'Refresh this page to check again',
    watchHeading: 'Watch your video',
    videoFallback: 'Your browser cannot play this video.',
    download: 'Download your video',
    failedHeading: 'What went wrong',
    sendAgain: 'Send a new video',
    withdrawHeading: 'Changed your mind?',
    withdrawBody: 'You can withdraw your video at any time. We will delete it and stop using it.',
    withdrawButton: 'Withdraw my video',
  },
  withdraw: {
    confirmTitle: 'Are you sure you want to withdraw your video?',
    confirmBody:
      'We will delete your video straight away and take it out of every jury session. You cannot undo this.',
    confirmNewVideo: 'If you want to take part again later, you can send a new video.',
    confirmButton: 'Withdraw and delete my video',
    cancel: 'Keep my video',
    doneTitle: 'Your video has been withdrawn',
    doneBody: 'We have deleted it and it will not be shown to anyone.',
    doneThanks: 'Thank you for taking part.',
  },
  notFound: {
    title: 'Page not found',
    typed: 'If you typed the web address, check it is correct.',
    pasted: 'If you pasted the web address, check you copied the entire address.',
    link: 'If you were sent a link, ask the person who sent it to check it.',
  },
  problem: {
    title: 'Sorry, there is a problem with the service',
    body: 'Try again later.',
  },
  errorPage: {
    title: 'Sorry, something went wrong',
  },
  // One line per AppError code (src/domain/errors.ts); the test keeps them in step.
  error: {
    bad_request: 'Something in the form was not right. Check your answers and try again.',
    invalid_consent: 'Check your answers about how we can use your video.',
    unauthorised: 'You need to sign in to see this page.',
    forbidden: 'You do not have permission to do this.',
    not_found: 'We could not find what you were looking for.',
    campaign_not_found: 'We could not find that campaign. Check the link you were given.',
    wrong_state: 'This cannot be done now because the video has moved on to another stage.',
    campaign_closed: 'This campaign is closed and is not taking new videos.',
    conflict: 'Someone else changed this at the same time. Try again.',
    claim_conflict: 'Another member of staff is reviewing this video.',
    stale_version: 'This video changed after you opened it. Open it again and check it again.',
    escalated: 'This video has been escalated. An admin must close the escalation first.',
    checks_incomplete: 'Complete both the consent check and the content check before approving.',
    too_large: 'The file is too big. Try a shorter recording.',
    range_not_satisfiable: 'We could not send that part of the video. Try playing it again.',
    unsupported_type:
      'This file is not a video or audio recording. Choose a video or a voice recording.',
    unreadable_media: 'We could not open this file. It may be damaged. Try recording it again.',
    not_eligible: 'This video cannot be used here because of what its owner agreed to.',
    rate_limited: 'There have been too many attempts. Wait a few minutes, then try again.',
    upload_aborted:
      'Sending stopped before it finished. Check your internet connection and try again.',
    dependency_down: 'The service is having problems right now. Try again in a few minutes.',
    internal: 'Something went wrong on our side. Try again later.',
  },
};

/** The shape every catalogue must have: the same keys as English, every leaf a string. */
export type Catalogue = typeof en;
