/*
 * The juror's page, enhanced: next/previous and the clip list swap the clip in place (and can
 * advance on their own), the captions in the page's language show, and the transcript panel is
 * built from the showing captions, follows the video and seeks when a line is chosen.
 * Without this script every clip and transcript line is an ordinary link. No inline script.
 */
(function () {
  'use strict';

  var root = document.getElementById('watch');
  var video = document.getElementById('watch-video');
  if (!root || !video || !video.textTracks) return;

  var byId = function (id) {
    return document.getElementById(id);
  };
  var heading = byId('clip-heading');
  var intro = byId('clip-intro');
  var byline = byId('clip-byline');
  var note = byId('caption-note');
  var status = byId('watch-status');
  var previous = byId('clip-previous');
  var next = byId('clip-next');
  var autoplay = byId('autoplay');
  var transcript = byId('transcript');
  var transcriptEmpty = byId('transcript-empty');
  var pageLang = document.documentElement.lang;

  var links = Array.prototype.slice.call(document.querySelectorAll('a[data-clip]'));
  var clips = links.map(function (a) {
    return JSON.parse(a.getAttribute('data-clip'));
  });
  var index = 0;
  clips.forEach(function (c, i) {
    if (c.current) index = i;
  });

  // --- captions and the transcript --------------------------------------------------------

  var rows = [];
  var followed = null;

  function setText(el, text, lang) {
    el.textContent = text || '';
    el.hidden = !text;
    if (lang) el.setAttribute('lang', lang);
    else el.removeAttribute('lang');
  }

  function showingTrack() {
    for (var i = 0; i < video.textTracks.length; i++) {
      if (video.textTracks[i].mode === 'showing') return video.textTracks[i];
    }
    return null;
  }

  function showCaptions(lang) {
    for (var i = 0; i < video.textTracks.length; i++) {
      var track = video.textTracks[i];
      track.mode = track.language === lang ? 'showing' : 'disabled';
    }
  }

  function highlight() {
    var active = followed && followed.activeCues && followed.activeCues[0];
    rows.forEach(function (row) {
      var on = !!active && row.cue === active;
      row.link.classList.toggle('app-transcript__cue--current', on);
      if (on) {
        row.link.setAttribute('aria-current', 'true');
        // Scroll the panel only, never the page.
        var li = row.link.parentNode;
        if (li.offsetTop < transcript.scrollTop) transcript.scrollTop = li.offsetTop;
        else if (li.offsetTop + li.offsetHeight > transcript.scrollTop + transcript.clientHeight) {
          transcript.scrollTop = li.offsetTop + li.offsetHeight - transcript.clientHeight;
        }
      } else row.link.removeAttribute('aria-current');
    });
  }

  function clock(seconds) {
    var whole = Math.max(0, Math.floor(seconds));
    var h = Math.floor(whole / 3600);
    var m = Math.floor((whole % 3600) / 60);
    var s = String(whole % 60).padStart(2, '0');
    return h > 0 ? h + ':' + String(m).padStart(2, '0') + ':' + s : m + ':' + s;
  }

  function buildTranscript(track) {
    if (followed) followed.removeEventListener('cuechange', highlight);
    followed = track;
    rows = [];
    transcript.textContent = '';
    var cues = track && track.cues ? Array.prototype.slice.call(track.cues) : [];
    var href = clips[index].href;
    cues.forEach(function (cue) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.className = 'govuk-link app-transcript__cue';
      a.href = href + '&at=' + cue.startTime + '#player';
      a.setAttribute('data-start', String(cue.startTime));
      var time = document.createElement('span');
      time.className = 'app-transcript__time';
      time.textContent = clock(cue.startTime);
      var text = document.createElement('span');
      text.className = 'app-transcript__text';
      text.textContent = cue.text;
      a.appendChild(time);
      a.appendChild(document.createTextNode(' '));
      a.appendChild(text);
      li.appendChild(a);
      transcript.appendChild(li);
      rows.push({ cue: cue, link: a });
    });
    if (track && track.language && track.language !== pageLang) {
      transcript.setAttribute('lang', track.language);
    } else transcript.removeAttribute('lang');
    transcriptEmpty.hidden = rows.length > 0;
    if (track) track.addEventListener('cuechange', highlight);
    highlight();
  }

  // A track's cues arrive after its file loads; build the transcript when they are there.
  function followShowing() {
    var track = showingTrack();
    if (!track) return;
    var element = Array.prototype.find.call(video.querySelectorAll('track'), function (el) {
      return el.track === track;
    });
    if (element && element.readyState !== 2) {
      element.addEventListener(
        'load',
        function () {
          if (showingTrack() === track) buildTranscript(track);
        },
        { once: true },
      );
      return;
    }
    buildTranscript(track);
  }

  // The person may choose other captions in the player's own menu: the transcript follows.
  // The browser's own automatic choice after a clip swap can leave two tracks showing; then
  // the captions this page chose win.
  video.textTracks.addEventListener('change', function () {
    var showing = Array.prototype.filter.call(video.textTracks, function (t) {
      return t.mode === 'showing';
    });
    if (showing.length > 1) {
      showCaptions(clips[index].captionLang);
      return;
    }
    if (showing[0] && showing[0] !== followed) followShowing();
  });

  transcript.addEventListener('click', function (event) {
    var link = event.target.closest('a[data-start]');
    if (!link) return;
    event.preventDefault();
    video.currentTime = Number(link.getAttribute('data-start'));
    if (video.paused) {
      var played = video.play();
      if (played && played.catch) played.catch(function () {});
    }
  });

  // --- clips ------------------------------------------------------------------------------

  function stepLink(link, target) {
    link.hidden = !target;
    if (target) link.href = target.href + '#player';
  }

  function show(i, opts) {
    var clip = clips[i];
    if (!clip) return;
    var from = document.activeElement;
    index = i;
    video.pause();
    Array.prototype.slice.call(video.querySelectorAll('track')).forEach(function (el) {
      el.remove();
    });
    video.src = clip.video;
    if (clip.poster) video.poster = clip.poster;
    else video.removeAttribute('poster');
    clip.tracks.forEach(function (t) {
      var el = document.createElement('track');
      el.kind = 'captions';
      el.src = t.src;
      el.srclang = t.srclang;
      el.label = t.label;
      if (t.default) el.default = true;
      video.appendChild(el);
    });
    video.load();
    showCaptions(clip.captionLang);
    followShowing();
    if (!clip.captionLang) buildTranscript(null);

    heading.textContent = clip.heading;
    setText(intro, clip.intro && clip.intro.text, clip.intro && clip.intro.lang);
    setText(byline, clip.byline);
    setText(note, clip.captionNote);
    links.forEach(function (a, n) {
      var current = n === i;
      if (current) a.setAttribute('aria-current', 'true');
      else a.removeAttribute('aria-current');
      a.parentNode.classList.toggle('app-clip-list__item--current', current);
    });
    stepLink(previous, clips[i - 1]);
    stepLink(next, clips[i + 1]);
    status.textContent = clip.heading;
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, '', clip.href + '#player');
    }
    // Keep the keyboard where it was, unless that control has just been hidden.
    if (opts.focusHeading || (from && from.hidden)) {
      heading.focus();
    }
    if (opts.play) {
      var played = video.play();
      if (played && played.catch) played.catch(function () {});
    }
  }

  previous.addEventListener('click', function (event) {
    event.preventDefault();
    show(index - 1, {});
  });
  next.addEventListener('click', function (event) {
    event.preventDefault();
    show(index + 1, {});
  });
  links.forEach(function (a, i) {
    a.addEventListener('click', function (event) {
      event.preventDefault();
      show(i, { focusHeading: true });
      heading.scrollIntoView({ block: 'start' });
    });
  });

  byId('autoplay-wrap').hidden = false;
  video.addEventListener('ended', function () {
    if (autoplay.checked && index + 1 < clips.length) show(index + 1, { play: true });
  });

  // Captions on by default in the chosen language, whatever the browser decided.
  showCaptions(clips[index].captionLang);
  followShowing();
})();
