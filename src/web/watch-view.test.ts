import { itemIndex, pickCaptionTrack, startAt, watchPage, type WatchData } from './watch-view';

describe('pickCaptionTrack', () => {
  it('shows captions in the page language when the clip has them', () => {
    expect(pickCaptionTrack(['en', 'cy'], 'cy')).toEqual({ lang: 'cy', fallback: false });
    expect(pickCaptionTrack(['en', 'cy'], 'en')).toEqual({ lang: 'en', fallback: false });
  });

  it('falls back to the other language and says so', () => {
    expect(pickCaptionTrack(['en'], 'cy')).toEqual({ lang: 'en', fallback: true });
    expect(pickCaptionTrack(['cy'], 'en')).toEqual({ lang: 'cy', fallback: true });
  });

  it('has nothing to pick when the clip has no captions', () => {
    expect(pickCaptionTrack([], 'cy')).toBeUndefined();
  });
});

describe('itemIndex and startAt', () => {
  it('reads ?item= as a 1-based position within the playlist', () => {
    expect(itemIndex(undefined, 3)).toBe(0);
    expect(itemIndex('1', 3)).toBe(0);
    expect(itemIndex('3', 3)).toBe(2);
  });

  it.each([['0'], ['4'], ['-1'], ['2.5'], ['abc'], [['1', '2']], ['01']])(
    'refuses ?item=%j for three clips',
    (param) => {
      expect(itemIndex(param, 3)).toBeUndefined();
    },
  );

  it('reads ?at= as seconds, anything else as the start', () => {
    expect(startAt('3.3')).toBe(3.3);
    expect(startAt('12')).toBe(12);
    expect(startAt(undefined)).toBe(0);
    expect(startAt('1e9')).toBe(0);
    expect(startAt('-4')).toBe(0);
  });
});

describe('watchPage', () => {
  const base = '/api/v1/watch/tok/items';
  const data: WatchData = {
    title: { en: 'Session one', cy: 'Sesiwn un' },
    items: [
      {
        id: 'a',
        intro: { en: 'About mornings', cy: 'Am y boreau' },
        name: 'Carer in Gwynedd',
        durationSeconds: 65.4,
        captions: ['en', 'cy'],
        video: `${base}/a/720p.mp4`,
        poster: `${base}/a/poster.jpg`,
        captionUrls: { en: `${base}/a/captions.en.vtt`, cy: `${base}/a/captions.cy.vtt` },
      },
      {
        id: 'b',
        intro: { en: 'Nights', cy: null },
        name: null,
        durationSeconds: null,
        captions: ['en'],
        video: `${base}/b/720p.mp4`,
        poster: null,
        captionUrls: { en: `${base}/b/captions.en.vtt` },
      },
      {
        id: 'c',
        intro: { en: null, cy: null },
        name: 'Sam',
        durationSeconds: 9,
        captions: [],
        video: `${base}/c/720p.mp4`,
        poster: null,
        captionUrls: {},
      },
    ],
  };
  const page = (lang: 'en' | 'cy', index: number, at?: number) =>
    watchPage(data, lang, { pageHref: '/watch/tok', index, ...(at ? { at } : {}) });

  it('lists the clips in order with their links, intro, name and length', () => {
    const p = page('en', 0);
    expect(p.title).toEqual({ text: 'Session one' });
    expect(p.clips.map((c) => [c.number, c.href, c.heading, c.current])).toEqual([
      [1, '/watch/tok?item=1', 'Clip 1 of 3', true],
      [2, '/watch/tok?item=2', 'Clip 2 of 3', false],
      [3, '/watch/tok?item=3', 'Clip 3 of 3', false],
    ]);
    expect(p.clips[0]).toMatchObject({
      intro: { text: 'About mornings' },
      byline: 'Shared by Carer in Gwynedd',
      duration: { text: '1:05', iso: 'PT65S' },
    });
    expect(p.clips[1]?.byline).toBeUndefined();
    expect(p.clips[1]?.duration).toBeUndefined();
    expect(p.clips[2]?.intro).toBeUndefined();
  });

  it('puts the chosen clip in the player with a track per language, the page language on', () => {
    const p = page('cy', 0);
    expect(p.title).toEqual({ text: 'Sesiwn un' });
    expect(p.current?.heading).toBe('Clip 1 o 3');
    expect(p.videoSrc).toBe(`${base}/a/720p.mp4`);
    expect(p.current?.tracks).toEqual([
      { src: `${base}/a/captions.en.vtt`, srclang: 'en', label: 'English', default: false },
      { src: `${base}/a/captions.cy.vtt`, srclang: 'cy', label: 'Cymraeg', default: true },
    ]);
    expect(p.current?.captionNote).toBeUndefined();
    expect(p.transcriptLang).toBeUndefined();
    expect(p.previousHref).toBeUndefined();
    expect(p.nextHref).toBe('/watch/tok?item=2');
  });

  it('says when the captions are only in the other language, and marks that text', () => {
    const p = page('cy', 1);
    expect(p.current?.captionLang).toBe('en');
    expect(p.current?.captionNote).toBe("Yn Saesneg yn unig mae'r capsiynau ar gyfer y clip hwn.");
    expect(p.current?.tracks[0]?.default).toBe(true);
    expect(p.transcriptLang).toBe('en');
    // The Welsh intro is missing: the English one shows, marked as English.
    expect(p.current?.intro).toEqual({ text: 'Nights', lang: 'en' });
    expect(p.previousHref).toBe('/watch/tok?item=1');
    expect(p.nextHref).toBe('/watch/tok?item=3');
  });

  it('says when a clip has no captions', () => {
    const p = page('en', 2, 4.5);
    expect(p.current?.tracks).toEqual([]);
    expect(p.current?.captionNote).toBe('This clip has no captions.');
    expect(p.nextHref).toBeUndefined();
    expect(p.videoSrc).toBe(`${base}/c/720p.mp4#t=4.5`);
  });

  it('only ever points media at the proxy routes it was given', () => {
    const p = page('en', 0);
    const urls = [
      p.videoSrc,
      ...p.clips.flatMap((c) => [c.video, c.poster, ...c.tracks.map((t) => t.src)]),
    ].filter((u): u is string => typeof u === 'string');
    for (const u of urls) expect(u.startsWith('/api/v1/watch/tok/items/')).toBe(true);
  });

  it('has no player for an empty playlist', () => {
    const p = watchPage({ ...data, items: [] }, 'en', { pageHref: '/watch/tok', index: 0 });
    expect(p.current).toBeUndefined();
    expect(p.clips).toEqual([]);
  });
});
