/*
 * Record in the browser: camera preview, a visible timer against the campaign's limit, stop,
 * watch back, record again, then send through the same resumable upload (upload.js). Says
 * plainly when the browser cannot record or the camera was refused.
 */
(function () {
  'use strict';
  var box = document.getElementById('recorder');
  var configEl = document.getElementById('upload-config');
  if (!box || !configEl) return;
  var config = JSON.parse(configEl.textContent);
  var m = config.messages;
  var message = document.getElementById('record-message');
  var preview = document.getElementById('record-preview');
  var playback = document.getElementById('record-playback');
  var timer = document.getElementById('record-timer');
  var btn = {
    camera: document.getElementById('record-camera'),
    start: document.getElementById('record-start'),
    stop: document.getElementById('record-stop'),
    use: document.getElementById('record-use'),
    retake: document.getElementById('record-retake'),
  };
  box.hidden = false;

  function say(key, params) {
    var text = m[key] || key;
    Object.keys(params || {}).forEach(function (k) {
      text = text.split('{' + k + '}').join(String(params[k]));
    });
    return text;
  }
  function show(names) {
    Object.keys(btn).forEach(function (k) {
      btn[k].hidden = names.indexOf(k) < 0;
    });
  }
  function clock(seconds) {
    var s = Math.floor(seconds);
    return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
  }

  var canRecord =
    typeof window.MediaRecorder === 'function' &&
    navigator.mediaDevices &&
    typeof navigator.mediaDevices.getUserMedia === 'function';
  if (!canRecord) {
    message.textContent = say('record.unsupported');
    show([]);
    return;
  }

  var stream = null;
  var recorder = null;
  var chunks = [];
  var tick = null;
  var started = 0;
  var recorded = null;

  function pickType() {
    var types = ['video/webm;codecs=vp8,opus', 'video/webm', 'video/mp4'];
    for (var i = 0; i < types.length; i += 1) {
      if (MediaRecorder.isTypeSupported && MediaRecorder.isTypeSupported(types[i])) return types[i];
    }
    return '';
  }

  btn.camera.addEventListener('click', function () {
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'user' }, audio: true })
      .then(function (s) {
        stream = s;
        preview.srcObject = s;
        preview.hidden = false;
        playback.hidden = true;
        preview.play().catch(function () {});
        message.textContent = '';
        show(['start']);
        btn.start.focus();
      })
      .catch(function () {
        message.textContent = say('record.denied');
      });
  });

  btn.start.addEventListener('click', function () {
    var type = pickType();
    chunks = [];
    recorder = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
    recorder.ondataavailable = function (e) {
      if (e.data && e.data.size) chunks.push(e.data);
    };
    recorder.onstop = function () {
      window.clearInterval(tick);
      var mime = (recorder.mimeType || type || 'video/webm').split(';')[0];
      var ext = mime === 'video/mp4' ? 'mp4' : 'webm';
      recorded = new File(chunks, 'recording-' + Date.now() + '.' + ext, { type: mime });
      playback.src = URL.createObjectURL(recorded);
      playback.hidden = false;
      preview.hidden = true;
      show(['use', 'retake']);
      btn.use.focus();
    };
    recorder.start(1000);
    started = Date.now();
    timer.hidden = false;
    timer.textContent = say('record.timer', { elapsed: clock(0), max: clock(config.maxSeconds) });
    message.textContent = say('record.recording');
    tick = window.setInterval(function () {
      var elapsed = (Date.now() - started) / 1000;
      timer.textContent = say('record.timer', {
        elapsed: clock(elapsed),
        max: clock(config.maxSeconds),
      });
      if (elapsed >= config.maxSeconds) {
        message.textContent = say('record.limitReached');
        recorder.stop();
      }
    }, 500);
    show(['stop']);
    btn.stop.focus();
  });

  btn.stop.addEventListener('click', function () {
    if (recorder && recorder.state !== 'inactive') {
      message.textContent = say('record.stopped');
      recorder.stop();
    }
  });

  btn.retake.addEventListener('click', function () {
    recorded = null;
    playback.hidden = true;
    preview.hidden = false;
    timer.hidden = true;
    message.textContent = '';
    show(['start']);
    btn.start.focus();
  });

  btn.use.addEventListener('click', function () {
    if (!recorded || typeof window.levSendFile !== 'function') return;
    if (stream) {
      stream.getTracks().forEach(function (track) {
        track.stop();
      });
    }
    show([]);
    window.levSendFile(recorded);
  });
})();
