/*
 * Progressive enhancement of the upload step: sends the file with tus (resumable) instead of
 * one long request. Checks size and type before a byte is sent; shows progress and time left
 * (spoken every 10% only); pause and resume; retries by itself with backoff; remembers the
 * upload (tus fingerprint + the draft's token in localStorage) so a closed tab can carry on.
 * Without JavaScript, or without tus support, the plain form still works.
 */

/*
 * The one chunk rule, shared with the tusUpload benchmark (bench/tus-upload.bench.ts loads
 * this file in Node). Each PATCH is a whole number of the server's S3 parts (TUS_PART_BYTES in
 * src/api/tus/tus-store.ts, 5 MiB): a piece that ends part-way through a part leaves an
 * "incomplete part" the server must store, read back and delete on the next PATCH, which made
 * pieces of size/20 slow. About ten pieces per file, 5 to 50 MiB each: few requests for a big
 * file (each waits for its last part and a ListParts), several progress confirmations for a
 * small one. A phone loses nothing by a big piece on a dropped connection: the server keeps
 * every byte that arrived and tus resumes from its offset. 50 MiB also stays under the 100 MB
 * request limit of common proxies, and File.slice is lazy, so a piece costs no memory.
 */
var LEV_TUS_PART_BYTES = 5 * 1024 * 1024;
var LEV_TUS_MAX_PARTS = 10;
function levTusChunkBytes(fileSize) {
  var parts = Math.ceil(fileSize / 10 / LEV_TUS_PART_BYTES);
  return LEV_TUS_PART_BYTES * Math.min(LEV_TUS_MAX_PARTS, Math.max(1, parts));
}
if (typeof module === 'object' && module.exports) {
  module.exports = { TUS_PART_BYTES: LEV_TUS_PART_BYTES, tusChunkBytes: levTusChunkBytes };
}

(function () {
  'use strict';
  if (typeof document === 'undefined') return;
  var form = document.getElementById('upload-form');
  var configEl = document.getElementById('upload-config');
  if (!form || !configEl || !window.tus || !window.tus.isSupported || !window.fetch) return;
  var config = JSON.parse(configEl.textContent);
  var m = config.messages;
  // A new version from the receipt names its own store and its submission (no draft to make).
  var STORE = config.storeKey || 'lev-upload:' + config.campaign;

  var fileInput = document.getElementById('video');
  var transcript = document.getElementById('transcript');
  var progressBox = document.getElementById('upload-progress');
  var bar = document.getElementById('upload-bar');
  var percentText = document.getElementById('upload-percent');
  var statusText = document.getElementById('upload-status');
  var pauseBtn = document.getElementById('upload-pause');
  var resumeBtn = document.getElementById('upload-resume');
  var submitBtn = document.getElementById('upload-submit');
  var errorsBox = document.getElementById('client-errors');

  function say(key, params) {
    var text = m[key] || key;
    Object.keys(params || {}).forEach(function (k) {
      text = text.split('{' + k + '}').join(String(params[k]));
    });
    return text;
  }

  function sizeText(bytes) {
    var units = ['B', 'KB', 'MB', 'GB'];
    var i = 0;
    while (bytes >= 1000 && i < units.length - 1) {
      bytes /= 1000;
      i += 1;
    }
    return (bytes < 10 && i > 0 ? bytes.toFixed(1) : Math.round(bytes)) + ' ' + units[i];
  }

  // A problem with the chosen file: the GOV.UK error summary, linked to the field, focused.
  function showError(text) {
    errorsBox.innerHTML = '';
    var summary = document.createElement('div');
    summary.className = 'govuk-error-summary';
    summary.setAttribute('data-module', 'govuk-error-summary');
    var alert = document.createElement('div');
    alert.setAttribute('role', 'alert');
    var h = document.createElement('h2');
    h.className = 'govuk-error-summary__title';
    h.textContent = document.documentElement.lang === 'cy' ? 'Mae problem' : 'There is a problem';
    var list = document.createElement('ul');
    list.className = 'govuk-list govuk-error-summary__list';
    var li = document.createElement('li');
    var a = document.createElement('a');
    a.href = '#video';
    a.textContent = text;
    li.appendChild(a);
    list.appendChild(li);
    var body = document.createElement('div');
    body.className = 'govuk-error-summary__body';
    body.appendChild(list);
    alert.appendChild(h);
    alert.appendChild(body);
    summary.appendChild(alert);
    errorsBox.appendChild(summary);
    errorsBox.focus();
  }

  function clearError() {
    errorsBox.innerHTML = '';
  }

  /** Refuses a file before sending: too big, or not a video or audio recording. */
  function fileProblem(file) {
    if (!file) return say('uploadJs.noFile');
    if (file.size > config.maxBytes) {
      return say('uploadJs.tooBig', { size: sizeText(file.size), max: config.maxBytesText });
    }
    var type = file.type || '';
    var byName = /\.(mp4|m4v|mov|webm|mkv|3gp|avi|m4a|mp3|wav|ogg|oga|aac|amr)$/i.test(file.name);
    if (type ? !/^(video|audio)\//.test(type) : !byName) return say('uploadJs.wrongType');
    return '';
  }

  function remember(data) {
    try {
      localStorage.setItem(STORE, JSON.stringify(data));
    } catch {
      /* private browsing: nothing to remember, the upload still works */
    }
  }
  function recall() {
    try {
      return JSON.parse(localStorage.getItem(STORE) || 'null');
    } catch {
      return null;
    }
  }
  function forget() {
    try {
      localStorage.removeItem(STORE);
    } catch {
      /* see remember */
    }
  }

  // Offer to carry on an upload this device started earlier (closed tab, phone slept).
  var earlier = recall();
  var offer = document.getElementById('resume-offer');
  if (offer && earlier && earlier.token && earlier.fileName) {
    document.getElementById('resume-offer-text').textContent = say('uploadJs.resumeBody', {
      name: earlier.fileName,
    });
    offer.hidden = false;
    document.getElementById('resume-forget').addEventListener('click', function () {
      forget();
      offer.hidden = true;
    });
  }

  var upload = null;
  var lastSpoken = -1;
  var startedAt = 0;
  var startBytes = 0;
  // Time left is measured from the first progress after a (re)start, not from byte 0.
  var fresh = true;

  function timeLeft(sent, total) {
    var seconds = (Date.now() - startedAt) / 1000;
    var rate = (sent - startBytes) / Math.max(seconds, 0.001);
    if (rate <= 0 || seconds < 2) return '';
    var left = Math.round((total - sent) / rate);
    var t =
      left >= 60
        ? say('uploadJs.minutes', { n: Math.ceil(left / 60) })
        : say('uploadJs.seconds', { n: left });
    return say('uploadJs.timeLeft', { time: t });
  }

  function onProgress(sent, total) {
    if (fresh) {
      fresh = false;
      startedAt = Date.now();
      startBytes = sent;
    }
    var pct = total ? Math.floor((sent / total) * 100) : 0;
    bar.value = pct;
    var line = say('uploadJs.percent', { percent: pct });
    var left = timeLeft(sent, total);
    percentText.textContent = left ? line + ', ' + left : line;
    var tens = Math.floor(pct / 10);
    if (tens > lastSpoken) {
      lastSpoken = tens;
      statusText.textContent = percentText.textContent;
    }
  }

  function setPaused(paused) {
    pauseBtn.hidden = paused;
    resumeBtn.hidden = !paused;
  }

  /** The draft submission for this upload: the one remembered for this file, or a new one. */
  function draftFor(file) {
    var e = recall();
    if (e && e.token && e.fileName === file.name && e.fileSize === file.size) {
      return Promise.resolve(e);
    }
    if (config.submission) {
      var known = {
        id: config.submission.id,
        token: config.submission.token,
        fileName: file.name,
        fileSize: file.size,
      };
      remember(known);
      return Promise.resolve(known);
    }
    var body = { campaign: config.campaign, consent: config.consent };
    if (transcript && transcript.value.trim()) body.transcript = transcript.value;
    return fetch(config.draftUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    }).then(function (res) {
      return res.json().then(function (json) {
        if (!res.ok) {
          var code = json && json.error && json.error.code;
          throw new Error(m['error.' + code] || m['error.internal']);
        }
        var draft = { id: json.id, token: json.token, fileName: file.name, fileSize: file.size };
        remember(draft);
        return draft;
      });
    });
  }

  function start(file) {
    var problem = fileProblem(file);
    if (problem) {
      showError(problem);
      return;
    }
    clearError();
    submitBtn.disabled = true;
    progressBox.hidden = false;
    setPaused(false);
    statusText.textContent = say('uploadJs.sending');
    draftFor(file)
      .then(function (draft) {
        upload = new window.tus.Upload(file, {
          endpoint: config.tusUrl,
          // See levTusChunkBytes above (the tusUpload benchmark uses the same rule).
          chunkSize: levTusChunkBytes(file.size),
          // Backoff: quick at first, then slower, then keep trying every half minute.
          retryDelays: [0, 1000, 3000, 5000, 10000, 20000, 30000, 30000, 30000, 30000],
          removeFingerprintOnSuccess: true,
          storeFingerprintForResuming: true,
          metadata: { submissionId: draft.id, filename: file.name, filetype: file.type || '' },
          headers: { Authorization: 'Bearer ' + draft.token },
          onProgress: onProgress,
          onShouldRetry: function (err) {
            var status = err && err.originalResponse ? err.originalResponse.getStatus() : 0;
            statusText.textContent =
              navigator.onLine === false ? say('uploadJs.offline') : say('uploadJs.retrying');
            // Refusals (too big, wrong type, not allowed) will not change by trying again.
            return !(
              status === 401 ||
              status === 403 ||
              status === 404 ||
              status === 413 ||
              status === 415
            );
          },
          onError: function (err) {
            var status = err && err.originalResponse ? err.originalResponse.getStatus() : 0;
            if (status === 413 || status === 415) {
              forget();
              showError(status === 413 ? m['error.too_large'] : m['error.unsupported_type']);
              progressBox.hidden = true;
              submitBtn.disabled = false;
              return;
            }
            statusText.textContent = say('uploadJs.failed');
            setPaused(true);
          },
          onSuccess: function () {
            forget();
            statusText.textContent = say('uploadJs.done');
            // `sent=upload` tells the receipt to clear the consent answers kept for the steps;
            // `sent=version` (a new version) to say it has arrived.
            window.location.assign(
              config.receiptBase +
                encodeURIComponent(draft.token) +
                '?sent=' +
                (config.sentAs || 'upload'),
            );
          },
        });
        return upload.findPreviousUploads().then(function (previous) {
          if (previous.length) upload.resumeFromPreviousUpload(previous[0]);
          fresh = true;
          upload.start();
        });
      })
      .catch(function (err) {
        progressBox.hidden = true;
        submitBtn.disabled = false;
        showError(err.message || m['error.internal']);
      });
  }

  pauseBtn.addEventListener('click', function () {
    if (!upload) return;
    upload.abort();
    setPaused(true);
    statusText.textContent = say('uploadJs.paused');
    resumeBtn.focus();
  });
  resumeBtn.addEventListener('click', function () {
    if (!upload) return;
    setPaused(false);
    statusText.textContent = say('uploadJs.sending');
    fresh = true;
    upload.start();
    pauseBtn.focus();
  });
  window.addEventListener('online', function () {
    // Back online after the retries ran out: carry on without waiting for a press.
    if (upload && !resumeBtn.hidden && statusText.textContent === say('uploadJs.failed')) {
      resumeBtn.click();
    }
  });

  fileInput.addEventListener('change', function () {
    var problem = fileProblem(fileInput.files[0]);
    if (problem) showError(problem);
    else clearError();
  });

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    start(window.levRecordedFile || fileInput.files[0]);
  });

  // record.js hands a finished recording over here.
  window.levSendFile = function (file) {
    window.levRecordedFile = file;
    start(file);
  };
})();
