/*
 * On the consent steps, the language switch first saves what is typed on this page (the form
 * posts with `switchLang`), so switching language loses nothing. Without JavaScript the switch
 * is a plain link and the answers saved on earlier steps are kept.
 */
(function () {
  'use strict';
  var form = document.querySelector('form[data-keep-answers]');
  if (!form) return;
  var links = document.querySelectorAll('.govuk-language-navigation__link');
  Array.prototype.forEach.call(links, function (link) {
    link.addEventListener('click', function (event) {
      var lang = link.getAttribute('lang') || link.getAttribute('hreflang');
      if (lang !== 'en' && lang !== 'cy') return;
      event.preventDefault();
      var input = document.createElement('input');
      input.type = 'hidden';
      input.name = 'switchLang';
      input.value = lang;
      form.appendChild(input);
      form.submit();
    });
  });
})();
