/*
 * Drag and drop for a playlist's clips (staff playlist page). Progressive enhancement only:
 * the move up and move down buttons are plain forms and the keyboard path; dropping a clip
 * posts the same move form with the new position, and the page comes back saying where the
 * clip now is in its live region. No inline script, so the CSP's script-src 'self' is enough.
 */
(function () {
  'use strict';
  var list = document.getElementById('playlist-items');
  if (!list) return;

  // The server's "clip moved" message: set again after load so screen readers announce it.
  var status = document.getElementById('order-status');
  if (status && status.textContent.trim() !== '') {
    var message = status.textContent.trim();
    status.textContent = '';
    window.setTimeout(function () {
      status.textContent = message;
    }, 150);
  }
  // Back on the page after a move: keep the place, on the clip that moved.
  var movedId = new window.URLSearchParams(window.location.search).get('item');
  var moved = movedId ? document.getElementById('item-' + movedId) : null;
  if (moved) {
    moved.setAttribute('tabindex', '-1');
    moved.focus();
  }

  var items = Array.prototype.slice.call(list.querySelectorAll('.app-playlist__item'));
  if (items.length < 2 || !('draggable' in document.createElement('span'))) return;
  var csrf = list.getAttribute('data-csrf') || '';
  var hint = document.getElementById('drag-hint');
  if (hint) hint.hidden = false;

  var dragged = null;
  var from = -1;
  var indexOf = function (li) {
    return Array.prototype.indexOf.call(list.children, li);
  };

  var submitMove = function (li, position) {
    var form = document.createElement('form');
    form.method = 'post';
    form.action = li.getAttribute('data-move-action');
    [
      ['_csrf', csrf],
      ['position', String(position)],
    ].forEach(function (pair) {
      var input = document.createElement('input');
      input.type = 'hidden';
      input.name = pair[0];
      input.value = pair[1];
      form.appendChild(input);
    });
    document.body.appendChild(form);
    form.submit();
  };

  items.forEach(function (li) {
    // A grip to drag by, so the clip's own fields stay easy to select and type in.
    var handle = document.createElement('span');
    handle.className = 'app-playlist__handle';
    handle.setAttribute('draggable', 'true');
    handle.setAttribute('title', li.getAttribute('data-drag-label') || '');
    handle.setAttribute('aria-hidden', 'true');
    li.insertBefore(handle, li.firstChild);
    li.classList.add('app-playlist__item--draggable');

    handle.addEventListener('dragstart', function (e) {
      dragged = li;
      from = indexOf(li);
      li.classList.add('app-playlist__item--dragging');
      e.dataTransfer.effectAllowed = 'move';
      e.dataTransfer.setData('text/plain', li.getAttribute('data-item-id') || '');
      e.dataTransfer.setDragImage(li, 20, 20);
    });
    handle.addEventListener('dragend', function (e) {
      if (!dragged) return;
      var to = indexOf(dragged);
      dragged.classList.remove('app-playlist__item--dragging');
      var item = dragged;
      dragged = null;
      if (e.dataTransfer.dropEffect === 'none' && to !== from) {
        // Dropped nowhere (or Escape): put it back where it was.
        list.insertBefore(item, list.children[from + (from > to ? 1 : 0)] || null);
        return;
      }
      if (to !== from) submitMove(item, to);
    });
    li.addEventListener('dragover', function (e) {
      if (!dragged) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
      if (dragged === li) return;
      var box = li.getBoundingClientRect();
      var after = e.clientY > box.top + box.height / 2;
      list.insertBefore(dragged, after ? li.nextSibling : li);
    });
    li.addEventListener('drop', function (e) {
      if (dragged) e.preventDefault();
    });
  });
})();
