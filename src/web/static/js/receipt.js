/* The receipt's "Copy link" button: shown only where the browser can copy; says when done. */
(function () {
  'use strict';
  var button = document.getElementById('copy-link');
  var link = document.getElementById('receipt-link');
  var status = document.getElementById('copy-status');
  if (!button || !link || !status || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener('click', function () {
    navigator.clipboard.writeText(link.textContent.trim()).then(
      function () {
        status.textContent = button.getAttribute('data-copied');
      },
      function () {
        status.textContent = button.getAttribute('data-failed');
      },
    );
  });
})();
